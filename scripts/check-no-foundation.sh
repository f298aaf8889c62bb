#!/usr/bin/env bash
# Fails when an executable links any of full Foundation: swift-corelibs-foundation, CoreFoundation,
# FoundationInternationalization or ICU (its data alone is about 41 MB). FoundationEssentials is fine.
# Reads the unstripped release binaries' symbol tables: a symbol that only those static archives
# define means the linker pulled them in, whichever import or dependency asked for it.
# Usage: scripts/check-no-foundation.sh EXECUTABLE...
set -euo pipefail

static_lib="$(dirname "$(dirname "$(command -v swiftc)")")/lib/swift_static/linux"
full_foundation=(libFoundation.a libCoreFoundation.a libFoundationInternationalization.a lib_FoundationICU.a)
allowed=(libFoundationEssentials.a lib_FoundationCShims.a lib_FoundationCollections.a)

# The archives' strong global definitions (weak ones, C++ inline functions and templates, are shared
# with libstdc++); in the executable, every definition: static linking leaves most of them local.
archive_symbols() { nm --defined-only --extern-only --format=posix "$@" 2>/dev/null | awk '$2 ~ /^[A-Z]$/ && $2 !~ /[WV]/ {print $1}' | sort -u; }
executable_symbols() { nm --defined-only --format=posix "$1" | awk '$2 !~ /^[WVwv]$/ {print $1}' | sort -u; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$static_lib" && archive_symbols "${allowed[@]}") >"$scratch/allowed"
(cd "$static_lib" && archive_symbols "${full_foundation[@]}") | comm -23 - "$scratch/allowed" >"$scratch/full"

status=0
for executable in "$@"; do
    executable_symbols "$executable" | comm -12 - "$scratch/full" >"$scratch/found"
    if [ -s "$scratch/found" ]; then
        echo "$executable links full Foundation ($(wc -l <"$scratch/found") symbols), e.g.:" >&2
        head -5 "$scratch/found" | sed 's/^/  /' >&2
        status=1
    else
        echo "$executable: no full Foundation (FoundationEssentials at most)"
    fi
done
exit $status
