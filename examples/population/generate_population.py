#!/usr/bin/env python3
"""generate_population.py [--count N] [--seed S]: starting positions for `carecap population` as CSV on
standard output (docs/population.md). The same count and seed always give the same file.

The first row is the guidance's own person (004, 2.1, Figure 2): £145,000 of chargeable capital, £239 a week
of state pension, £683 a week of care home fees. The others are made up, for trying the command at scale:
chargeable capital from nothing to £500,000 (a third with nothing, as many people in care have little),
state pension from £150 to £300 a week, some with a private pension, and care home fees from £550 to £1,100
a week. No property: projections spend capital down, and a home that counts would need selling or deferring.
Amounts are whole pence, written as text, so no amount passes through floating point."""
import argparse
import random


def pounds(pence):
    return "%d.%02d" % (pence // 100, pence % 100)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("id,age,capital,property,income.state_pension,income.private_pension,weekly_fees,setting,authority")
    print("guidance,80,145000.00,0.00,239.00,,683.00,residential,E10000014")
    for n in range(2, args.count + 1):
        capital = 0 if rng.randrange(3) == 0 else rng.randrange(0, 500000_00)
        pension = rng.randrange(150_00, 300_01)
        private = pounds(rng.randrange(1_00, 200_01)) if rng.randrange(4) == 0 else ""
        fees = rng.randrange(550_00, 1100_01)
        age = rng.randrange(65, 100)
        print("p%05d,%d,%s,0.00,%s,%s,%s,residential,E10000014" % (n, age, pounds(capital), pounds(pension), private, pounds(fees)))


if __name__ == "__main__":
    main()
