#!/usr/bin/env python3
"""Summarises the jdk.ExecutionSample events of a JFR recording (the JSON of
`jfr print --json --stack-depth 512 --events jdk.ExecutionSample`) for bench/throughput.sh: the
hottest frames on top of the stack (where the CPU is) and their packages, the Bastion method
nearest the top of each sample with the frame it called (which of Bastion's code leads there, and
into what), and Bastion methods by inclusive share (how much of the time runs under each). Weld
proxies and lambda frames are skipped so that each share names the method written in Bastion.
Usage: bench/hotspots.py profile.json [rows]"""
import collections
import json
import sys

BASTION = "dev.bastion."
GLUE = ("$Proxy$_$$_Weld", "$$Lambda$", "$Lambda$")


def frame_name(frame):
    method = frame["method"]
    owner = method["type"]["name"].replace("/", ".")
    return "%s.%s" % (owner, method["name"])


def bastion(name):
    return name.startswith(BASTION) and not any(glue in name for glue in GLUE)


def package(name, depth=3):
    parts = name.split(".")[:-1]
    while parts and parts[-1][:1].isupper():  # the class, then any class it is nested in
        parts.pop()
    return ".".join(parts[:depth])


def main():
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with open(path) as f:
        events = json.load(f)["recording"]["events"]
    stacks = []
    for event in events:
        trace = event["values"].get("stackTrace")
        if trace and trace.get("frames"):
            stacks.append([frame_name(frame) for frame in trace["frames"]])
    total = len(stacks)
    if not total:
        print("no execution samples")
        return
    top = collections.Counter(stack[0] for stack in stacks)
    packages = collections.Counter(package(stack[0]) for stack in stacks)
    nearest = collections.Counter()
    inclusive = collections.Counter()
    for stack in stacks:
        at = next((i for i, f in enumerate(stack) if bastion(f)), None)
        if at is None:
            nearest["(no Bastion frame)"] += 1
        else:
            callee = next((f for f in reversed(stack[:at]) if not any(g in f for g in GLUE)), "(itself)")
            nearest["%s -> %s" % (stack[at], callee)] += 1
        inclusive.update({f for f in stack if bastion(f)})

    def table(title, counter):
        print("\n%s (%d samples)" % (title, total))
        for name, n in counter.most_common(rows):
            print("  %5.1f%%  %s" % (100.0 * n / total, name))

    table("Top of stack", top)
    table("Top of stack, by package", packages)
    table("Nearest Bastion frame to the top -> the frame it called", nearest)
    table("Bastion methods, inclusive", inclusive)


if __name__ == "__main__":
    main()
