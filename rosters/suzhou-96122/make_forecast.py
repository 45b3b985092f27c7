#!/usr/bin/env python3
"""Writes forecast.csv for the Suzhou 96122 scenarios (see README.md for every number).

Usage: python3 make_forecast.py normal > forecast.csv
       python3 make_forecast.py surge  > ../suzhou-96122-surge/forecast.csv
Deterministic: the day-to-day noise comes from a fixed-seed generator.
"""
import datetime
import math
import random
import sys

def gauss(h, mu, sigma):
    return math.exp(-0.5 * ((h - mu) / sigma) ** 2)

def intraday_weight(h):
    """Relative call rate at hour-of-day h (interval midpoint)."""
    w = 0.035                                 # night floor: calls still come in at 4 a.m.
    w += 0.25 * gauss(h, 12.0, 5.0)           # broad daytime level
    w += 1.00 * gauss(h, 9.75, 1.5)          # morning peak (offices open; vehicle/licence questions)
    w += 0.80 * gauss(h, 15.0, 1.4)           # afternoon peak
    w += 0.35 * gauss(h, 8.25, 0.3)           # 08:00 day/night handover peak
    w += 0.30 * gauss(h, 20.25, 0.35)         # 20:00 handover peak
    w += 0.15 * gauss(h, 19.0, 1.5)           # evening shoulder (commuters)
    w -= 0.12 * gauss(h, 12.25, 0.6)          # lunch dip
    return max(w, 0.05)

WEEKDAY = [1.12, 1.04, 1.00, 0.99, 1.03, 0.80, 0.74]   # Monday .. Sunday

def aht(h, kind):
    """Average handle time in seconds: longer at night (fewer, more involved calls). The surge keeps the
    same handle times: the notices bring more calls, not longer ones (see README.md)."""
    return 100 if 7 <= h < 22 else 120

def main(kind):
    if kind == "normal":
        start, days, mean_daily = datetime.date(2027, 3, 15), 28, 3800
        holidays = {datetime.date(2027, 4, 5): 0.72}
        waves = []
    else:
        start, days, mean_daily = datetime.date(2027, 3, 15), 14, 3800
        holidays = {}
        # Three notices changing vehicle and licence services: each triggers a wave that decays over days.
        waves = [(0, 0.55), (4, 0.45), (9, 0.50)]   # (day of notice, extra share of normal volume on that day)
    rnd = random.Random(96122 if kind == "normal" else 12123)
    weights = [intraday_weight(i / 2 + 0.25) for i in range(48)]
    total_w = sum(weights)
    print("interval_start,calls,aht_seconds")
    for d in range(days):
        date = start + datetime.timedelta(days=d)
        factor = holidays.get(date, WEEKDAY[date.weekday()])
        surge = 1.0
        for day, extra in waves:
            if d >= day:
                surge += extra * math.exp(-(d - day) / 2.5)
        daily = mean_daily * factor * surge * (1 + rnd.uniform(-0.04, 0.04))
        for i in range(48):
            h = i / 2
            calls = daily * weights[i] / total_w * (1 + rnd.uniform(-0.05, 0.05))
            # On surge days the waves hit office hours hardest.
            print(f"{date.isoformat()}T{int(h):02d}:{30 * (i % 2):02d},{max(1, round(calls))},{aht(h, kind)}")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "normal")
