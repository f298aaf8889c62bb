#!/usr/bin/env python3
"""Fails when a module of the release build is compiled with two or more package traits enabled.

SwiftPM 6.3 passes a package's enabled traits to the compiler as -D flags in the order of a Swift
Set, which changes with every process: each time it plans the build again (a Package.swift edit, a
source file added, a resolved version changed) such a module's compile command differs and llbuild
recompiles it, and whatever its interface feeds, although nothing changed. SwiftProtobuf (two
default traits) and Hummingbird (two, before its traits were turned off) were recompiled that way.
The fix is `traits: []` (or a single trait) on the dependency in Package.swift.

Usage: scripts/check-build-flags.py [.build/release.yaml]
"""
import pathlib
import re
import sys

manifest = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".build/release.yaml")
checkouts = manifest.parent / "checkouts"

# Every trait any package of the graph declares (`.trait(name: "X"` in its manifest).
declared = set()
for package_manifest in checkouts.glob("*/Package*.swift"):
    declared.update(re.findall(r'\.trait\(\s*name:\s*"([^"]+)"', package_manifest.read_text(errors="replace")))

offenders = {}
for command in manifest.read_text().split('\n  "'):
    module = re.search(r'"-module-name","([^"]+)"', command)
    if not module:
        continue
    traits = [flag for flag in re.findall(r'"-D([^"]+)"', command) if flag in declared]
    if len(traits) > 1:
        offenders[module.group(1)] = sorted(set(traits))

for module, traits in sorted(offenders.items()):
    print(f"{module}: compiled with traits {', '.join(traits)}: recompiled at random after each replan; "
          "set `traits: []` (or one trait) on its package in Package.swift", file=sys.stderr)
if not offenders:
    print(f"{manifest}: every module is compiled with one package trait at most")
sys.exit(1 if offenders else 0)
