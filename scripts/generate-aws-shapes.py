#!/usr/bin/env python3
"""Writes the Swift shapes of the AWS APIs the toolbox calls from AWS's own service models
(botocore's), so member names, wire names and types are the model's and not a copy typed by hand.

Each scripts/aws-shapes/<service>.json picks the shapes and the members the toolbox uses; this
script looks every one up in the model and writes Sources/Toolbox/AWS/Generated/<Type>Shapes.swift.
A member the model lacks is an error: the toolbox would send or expect something AWS does not know.

A spec shape: "shape" (the model's name), "swift" (a Swift name when it differs), "members" (model
member names, space-separated; "name!" is non-optional, "name!=value" also has a stored default),
"init" ("*" for every member, or "name name=default ..." for some, in order; absent: no init),
"doc" and "docs" (by member), "access" ("internal" for shapes only the client uses), "conformance".
Wire names follow the protocol: EC2 answers use each member's locationName (XML, lowerCamel), EC2
requests its query name; the other protocols use the member name.

Run by `make generate`; with --check, exits 1 when a committed file differs from what it would write.
"""
import json
import pathlib
import sys

import botocore.loaders

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPECS = ROOT / "scripts" / "aws-shapes"
OUT = ROOT / "Sources" / "Toolbox" / "AWS" / "Generated"
KEYWORDS = {"protocol", "Type", "Protocol", "default", "internal", "public", "self"}
SCALARS = {"string": "String", "integer": "Int", "long": "Int", "boolean": "Bool", "double": "Double", "float": "Double"}


def fail(message):
    sys.exit(f"generate-aws-shapes: {message}")


class Service:
    def __init__(self, spec):
        self.spec = spec
        self.model = botocore.loaders.Loader().load_service_model(spec["service"], "service-2")
        self.shapes = self.model["shapes"]
        self.ec2 = self.model["metadata"]["protocol"] == "ec2"

    def wire_name(self, name, member, decoding):
        """The member's name on the wire, which is the Swift property's name."""
        if not self.ec2:
            return name
        if decoding:
            location = member.get("locationName", name)
            return location[0].lower() + location[1:]
        location = member.get("queryName") or member.get("locationName", name)
        return location[0].upper() + location[1:]

    def swift_type(self, shape_name, decoding):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind in SCALARS:
            return SCALARS[kind]
        if kind == "list":
            return f"[{self.swift_type(shape['member']['shape'], decoding)}]"
        if kind == "map":
            return f"[{self.swift_type(shape['key']['shape'], decoding)}: {self.swift_type(shape['value']['shape'], decoding)}]"
        if kind == "structure":
            names = self.spec.get("names", {})
            direction = names.get("output" if decoding else "input", {})
            return direction.get(shape_name) or names.get("all", {}).get(shape_name) or shape_name
        fail(f"{self.spec['service']}: no Swift type for {shape_name} ({kind})")


def escaped(name):
    return f"`{name}`" if name in KEYWORDS else name


def label(name):
    return name[0].lower() + name[1:] if not name[:2].isupper() else name.lower()


def render_shape(service, entry):
    model_name = entry["shape"]
    if model_name not in service.shapes:
        fail(f"{service.spec['service']} has no shape {model_name}")
    model = service.shapes[model_name]
    conformance = entry.get("conformance", service.spec.get("conformance", "Codable"))
    decoding = conformance != "Encodable"
    access = "" if entry.get("access") == "internal" else "public "
    members = []  # (model name, Swift name, Swift type, stored default)
    for word in entry["members"].split():
        name, _, default = word.partition("=")
        required, name = name.endswith("!"), name.rstrip("!")
        member = model["members"].get(name)
        if member is None:
            fail(f"{service.spec['service']} {model_name} has no member {name}")
        kind = service.swift_type(member["shape"], decoding)
        members.append((name, service.wire_name(name, member, decoding), kind if required else kind + "?", default))
    # A type named like one of the struct's properties is spelled in full.
    taken = {swift for _, swift, _, _ in members}
    members = [(name, swift, qualified(kind, taken, service.spec["extends"]), default) for name, swift, kind, default in members]

    lines = [f"/// {entry['doc']}"] if "doc" in entry else []
    extra = ", Sendable, Equatable" if access else ""
    lines.append(f"{access}struct {entry.get('swift', model_name)}: {conformance}{extra} {{")
    for name, swift, kind, default in members:
        if name in entry.get("docs", {}):
            lines.append(f"    /// {entry['docs'][name]}")
        stored = f" = {default}" if default else ""
        lines.append(f"    {access}var {escaped(swift)}: {kind}{stored}")
    if "init" in entry:
        properties = {name: (swift, kind) for name, swift, kind, _ in members}
        lines += render_init(entry["init"], properties, access, model_name)
    lines.append("}")
    return lines


def qualified(kind, taken, extends):
    core = kind.strip("[]?")
    return kind.replace(core, f"{extends}.{core}") if core in taken else kind


def render_init(words, properties, access, model_name):
    params = list(properties) if words == "*" else words.split()
    arguments, assignments = [], []
    for word in params:
        name, has_default, default = word.partition("=")
        if name not in properties:
            fail(f"{model_name}: init names {name}, which is not a member")
        swift, kind = properties[name]
        if not has_default and kind.endswith("?"):
            default, has_default = "nil", True
        arguments.append(f"{label(swift)}: {kind}" + (f" = {default}" if has_default else ""))
        assignments.append(f"        self.{escaped(swift)} = {escaped(label(swift))}")
    return [f"    {access}init({', '.join(arguments)}) {{", *assignments, "    }"]


def render(spec_path):
    spec = json.loads(spec_path.read_text())
    service = Service(spec)
    lines = [
        f"// Generated by scripts/generate-aws-shapes.py from botocore's {spec['service']} service model and",
        f"// scripts/aws-shapes/{spec_path.name}. Do not edit: change the spec and run `make generate`.",
        "",
        f"/// {spec['doc']}",
        f"extension {spec['extends']} {{",
    ]
    lines += [f"    {line}" for line in spec.get("lines", [])]
    for entry in spec["shapes"]:
        lines.append("")
        lines += [f"    {line}" for line in render_shape(service, entry)]
    lines.append("}")
    return f"{spec['extends']}Shapes.swift", "\n".join(lines) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for spec_path in sorted(SPECS.glob("*.json")):
        name, text = render(spec_path)
        target = OUT / name
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text)
            print(f"generate-aws-shapes: wrote {target.relative_to(ROOT)}")
    if stale:
        sys.exit(f"generate-aws-shapes: out of date (run make generate): {', '.join(stale)}")


if __name__ == "__main__":
    main()
