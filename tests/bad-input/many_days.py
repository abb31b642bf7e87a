#!/usr/bin/env python3
"""Writes a care history of N consecutive one-day care periods, each at a different cost from the day
before, to standard output: each day is a stretch of its own (a run of days with the same facts).

usage: many_days.py N

Used by docs/bad-input.md: 60,000 days are 7.6 MB, under the 64 MiB limit history_bytes, and once cost
seconds and hundreds of megabytes to evaluate; the limit history_items now stops them while the JSON is read,
and history_stretches stops 15,000 days before any evaluation.
"""
import datetime
import sys

n = int(sys.argv[1])
out = sys.stdout
try:
    out.write('{"carecap_history": 1, "person": {"id": "many-days"}, "authority": "Anytown",\n "care_periods": [\n')
    first = datetime.date(2023, 10, 1)
    for i in range(n):
        day = first + datetime.timedelta(days=i)
        out.write('  {"id": "p%d", "start": "%s", "end": "%s", "setting": "residential", "budget": "independent",'
                  ' "weekly_cost": "%d.00"}%s\n' % (i, day, day, 500 + i % 2, "," if i + 1 < n else ""))
    out.write(" ]}\n")
    out.flush()
except BrokenPipeError:
    sys.stderr.close()
