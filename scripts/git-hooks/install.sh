#!/usr/bin/env bash
# Installs (install) or removes (uninstall) the toolbox's post-commit hook in this repository's
# hooks directory, touching only a hook that carries our marker line.
set -euo pipefail
action=${1:?usage: install.sh install|uninstall}
marker="echo-toolbox post-commit hook"
source_hook="$(cd "$(dirname "$0")" && pwd)/post-commit"
hooks_dir=$(git rev-parse --git-path hooks)
target="$hooks_dir/post-commit"
case $action in
install)
    if [[ -e $target ]] && ! grep -q "$marker" "$target"; then
        echo "install-hooks: $target exists and is not ours; left alone (merge it by hand)" >&2
        exit 2
    fi
    mkdir -p "$hooks_dir"
    cp "$source_hook" "$target"
    chmod +x "$target"
    echo "install-hooks: installed $target"
    ;;
uninstall)
    if [[ -e $target ]] && grep -q "$marker" "$target"; then
        rm -f "$target"
        echo "uninstall-hooks: removed $target"
    else
        echo "uninstall-hooks: no toolbox hook in $hooks_dir"
    fi
    ;;
*)
    echo "usage: install.sh install|uninstall" >&2
    exit 2
    ;;
esac
