#!/usr/bin/env python3
"""workload.py: the common speed workload (docs/benchmarks.md): its caseload as carecap histories, its
exact reference checksums, and the same checksums read back from `carecap batch` output.

The workload, as other engines were measured on it: N people, each with constant weekly inputs over
WEEKS weeks (260 by default), all money in integer pence. A linear congruential generator,
x = (1664525 x + 1013904223) mod 2^32 from the seed 12345, gives four draws per person, in order:
  capital = x % 4000001            (£0.00 to £40,000.00)
  income  = 10000 + x % 30001      (£100.00 to £400.00 a week)
  cost    = 30000 + x % 120001     (£300.00 to £1,500.00 a week: the authority's rate, no top-ups)
  res     = x % 2                  (1: residential care)
The rules, week by week (tests/bench/workload.rules says the same in carecap's language), with the lower
and upper capital limits £14,250 and £23,250, £1 of tariff income a week per £250 or part, daily living
costs (DLC) £200 a week and a cap of £86,000:
  tariff  = 0 if capital <= lower else ceil((capital - lower) / 25000) * 100
  mtc     = cost if capital > upper else min(cost, income + tariff)
  metered = max(0, cost - (DLC if res else 0))
  capped  = acc >= CAP             (acc: the metered total at the start of the week)
  charge  = (min(DLC, mtc) if res else 0) if capped else mtc
  acc     = min(acc + metered, CAP)
The checksums: the sum of every person-week's charge, the sum of the final totals, the people capped.

  workload.py histories N [WEEKS]     the caseload as JSON lines on standard output
  workload.py reference N [WEEKS]     the checksums, worked out as above
  workload.py checksums FILE          the checksums of `carecap batch` results: JSON lines, or
                                      --compact --figures person_pays
Each prints one line: total_charge_p=... total_final_acc_p=... n_capped=...
"""
import datetime
import json
import sys
from fractions import Fraction

LOWER, UPPER, STEP, DLC, CAP = 1425000, 2325000, 25000, 20000, 8600000
START = datetime.date(2023, 10, 2)  # after the rules' in-force date; no parameter changes inside 260 weeks


def people(n, seed=12345):
    x = seed
    for _ in range(n):
        row = []
        for m, off in ((4000001, 0), (30001, 10000), (120001, 30000), (2, 0)):
            x = (1664525 * x + 1013904223) % 4294967296
            row.append(off + x % m)
        yield tuple(row)


def reference(n, weeks):
    tot_charge = tot_acc = n_capped = 0
    for capital, income, cost, res in people(n):
        tariff = 0 if capital <= LOWER else -(-(capital - LOWER) // STEP) * 100
        mtc = cost if capital > UPPER else min(cost, income + tariff)
        metered = max(0, cost - (DLC if res else 0))
        acc = 0
        for _ in range(weeks):
            if acc >= CAP:
                tot_charge += min(DLC, mtc) if res else 0
            else:
                tot_charge += mtc
            acc = min(acc + metered, CAP)
        tot_acc += acc
        n_capped += acc >= CAP
    return tot_charge, tot_acc, n_capped


def pounds(pence):
    return f"{pence // 100}.{pence % 100:02d}"


def histories(n, weeks, out):
    end = (START + datetime.timedelta(days=7 * weeks - 1)).isoformat()
    for i, (capital, income, cost, res) in enumerate(people(n)):
        history = {
            "carecap_history": 1,
            "person": {"id": f"W-{i}"},
            "authority": "Anytown",
            "care_periods": [{"id": "care", "start": START.isoformat(), "end": end,
                              "setting": "residential" if res else "home", "budget": "independent",
                              "weekly_cost": pounds(cost)}],
            "financial_assessments": [{"date": START.isoformat(), "capital": pounds(capital),
                                       "income": [{"kind": "state_pension", "weekly": pounds(income)}]}],
        }
        out.write(json.dumps(history, separators=(",", ":")) + "\n")


def exact_pence(text):
    """'86000.00' or '601200/7' (pounds) as a whole number of pence; anything else is an error."""
    num, _, den = text.partition("/")
    value = Fraction(num) / Fraction(den or 1) * 100
    if value.denominator != 1:
        raise SystemExit(f"workload.py: {text} is not a whole number of pence")
    return value.numerator


def checksums(path):
    tot_charge = tot_acc = n_capped = 0
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            if line.startswith("{"):
                result = json.loads(line)
                if "errors" in result:
                    raise SystemExit(f"{path}:{number}: the history gave errors: {result['errors']}")
                meter = result["meters"][0]
                acc = meter.get("total_exact", meter["total"])
                charge = result["figure_totals"]["person_pays"]
                charge = result["figure_totals"].get("person_pays_exact", charge)
                reached = meter["reached_on"] is not None
            else:  # --compact --figures person_pays: person, total, reached day or -, person_pays total
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 4:
                    raise SystemExit(f"{path}:{number}: expected 4 tab-separated fields (run with --figures person_pays)")
                acc, reached, charge = fields[1], fields[2] != "-", fields[3]
            tot_acc += exact_pence(acc)
            tot_charge += exact_pence(charge)
            n_capped += reached
    return tot_charge, tot_acc, n_capped


def main(argv):
    if len(argv) >= 3 and argv[1] in ("histories", "reference"):
        n, weeks = int(argv[2]), int(argv[3]) if len(argv) > 3 else 260
        if argv[1] == "histories":
            histories(n, weeks, sys.stdout)
            return 0
        result = reference(n, weeks)
    elif len(argv) == 3 and argv[1] == "checksums":
        result = checksums(argv[2])
    else:
        sys.stderr.write(__doc__)
        return 2
    print(f"total_charge_p={result[0]} total_final_acc_p={result[1]} n_capped={result[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
