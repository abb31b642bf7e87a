# deferred_payment_by_hand.py: the deferred payment example of docs/england-examples.md worked month by month
# with exact fractions, independently of carecap (python3 tests/docs/deferred_payment_by_hand.py).
from fractions import Fraction as F
import datetime as d
def rate(day):
    return F(465,10000) if day < d.date(2024,7,1) else F(405,10000)
def charge(day):
    if day <= d.date(2025,9,9): return F(1050,7)
    if day <= d.date(2025,9,28): return F(200,7)
    return F(0)
def r2(x):  # to the penny, halves away from zero
    q = x*100; n = int(q); frac = q - n
    if frac >= F(1,2): n += 1
    return F(n,100)
bal = F(670); pending = F(0); day = d.date(2023,10,2); end = d.date(2025,10,1)
deferred = F(0); interest_total=F(0)
rows=[]
while day <= end:
    if day.day == 1 and pending:
        add = r2(pending); rows.append((day, float(pending), float(add))); bal += add; interest_total += add; pending = F(0)
    pending += bal * rate(day) / 365
    c = charge(day); bal += c; deferred += c
    if day in (d.date(2023,10,31), d.date(2023,11,1), d.date(2024,9,30), d.date(2025,9,9), d.date(2025,9,30), d.date(2025,10,1)):
        print(day, float(bal), 'deferred', float(deferred))
    day += d.timedelta(days=1)
for r in rows: print(r[0], '%.6f'%r[1], '%.2f'%r[2])
print('balance', float(bal), 'interest', float(interest_total), 'pending', float(pending), 'deferred', float(deferred))
