#!/usr/bin/env python3
"""Summarises the jdk.ExecutionSample events of a JFR recording (the JSON of
`jfr print --json --events jdk.ExecutionSample`) for bench/throughput.sh: the hottest frames on
top of the stack (where the CPU is), the Bastion method nearest the top of each sample (which of
Bastion's code leads there), and Bastion methods by inclusive share (how much of the time runs
under each). Usage: bench/hotspots.py profile.json [rows]"""
import collections
import json
import sys

BASTION = "dev.bastion."


def frame_name(frame):
    method = frame["method"]
    owner = method["type"]["name"].replace("/", ".")
    return "%s.%s" % (owner, method["name"])


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
    nearest = collections.Counter(next((f for f in stack if f.startswith(BASTION)), "(no Bastion frame)")
                                  for stack in stacks)
    inclusive = collections.Counter()
    for stack in stacks:
        inclusive.update({f for f in stack if f.startswith(BASTION)})

    def table(title, counter):
        print("\n%s (%d samples)" % (title, total))
        for name, n in counter.most_common(rows):
            print("  %5.1f%%  %s" % (100.0 * n / total, name))

    table("Top of stack", top)
    table("Nearest Bastion frame to the top", nearest)
    table("Bastion methods, inclusive", inclusive)


if __name__ == "__main__":
    main()
