#!/usr/bin/env python3
"""How close a libFuzzer run came to a plateau: reads the run's log (the
status lines `#N NEW cov: C ft: F ...`) and prints the coverage at half and
three quarters of the run's executions and the growth in the last quarter.

    python3 plateau.py run-markdown.log run-forms.log
"""
import re
import sys

STATUS = re.compile(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+)")

for path in sys.argv[1:]:
    points = []
    with open(path, errors="replace") as log:
        for line in log:
            m = STATUS.match(line)
            if m:
                points.append(tuple(int(g) for g in m.groups()))
    if not points:
        print(f"{path}: no status lines")
        continue
    execs, cov, ft = points[-1]

    def at(share):
        before = [p for p in points if p[0] <= execs * share]
        return before[-1] if before else points[0]

    half, three_quarters = at(0.5), at(0.75)
    grown = cov - three_quarters[1]
    print(
        f"{path}: {execs:,} executions, cov {cov:,}, ft {ft:,}; "
        f"cov at 50 % {half[1]:,}, at 75 % {three_quarters[1]:,}; "
        f"last quarter +{grown} edges ({100 * grown / three_quarters[1]:.2f} %), "
        f"ft +{100 * (ft - three_quarters[2]) / three_quarters[2]:.2f} %"
    )
