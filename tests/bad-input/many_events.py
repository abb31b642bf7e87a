#!/usr/bin/env python3
"""Writes a care history of N one-week care periods to standard output, as a stream.

usage: many_events.py N

Used by docs/bad-input.md to show what a history of ten million events does: it is never held whole in
memory here, and carecap stops reading it at its limit.
"""
import sys

n = int(sys.argv[1])
out = sys.stdout
try:
    out.write('{"carecap_history": 1, "person": {"id": "many"}, "authority": "Anytown",\n "care_periods": [\n')
    day = 738794  # 2023-10-01 as a proleptic Gregorian ordinal
    import datetime
    for i in range(n):
        start = datetime.date.fromordinal(day + 7 * (i % 50000))
        end = start + datetime.timedelta(days=6)
        out.write('  {"id": "p%d", "start": "%s", "end": "%s", "setting": "home", "budget": "independent",'
                  ' "weekly_cost": "100.00"}%s\n' % (i, start, end, "," if i + 1 < n else ""))
    out.write(" ]}\n")
    out.flush()
except BrokenPipeError:
    # The reader stopped early, as it should at its limit.
    sys.stderr.close()
