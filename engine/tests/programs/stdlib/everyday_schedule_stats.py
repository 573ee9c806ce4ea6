from datetime import date, datetime, timedelta
import statistics, pprint
start = date(2024, 1, 29)
meetings = []
for week in range(6):
    d = start + timedelta(weeks=week)
    if d.month == 2 and d.day > 20:
        continue
    meetings.append(d)
for m in meetings:
    print(m.isoformat(), m.strftime("%a %d %b %Y"), m.weekday(), m.isoweekday())
dt = datetime(2024, 3, 1, 9, 30)
for i in range(3):
    slot = dt + timedelta(hours=1, minutes=45) * i
    print(slot, slot.strftime("%H:%M"), slot.time(), slot.date())
delta = datetime(2024, 12, 25) - datetime(2024, 3, 1, 12)
print(delta, delta.days, delta.seconds, delta.total_seconds())
print(timedelta(days=1, hours=-1), timedelta(seconds=90061), -timedelta(hours=1))
print(datetime.strptime("2024-02-29 13:05", "%Y-%m-%d %H:%M"))
print(date.fromisoformat("2023-12-31") + timedelta(days=1), date(2024, 2, 29).replace(year=2028))
print(repr(date(2024, 1, 1)), repr(timedelta(days=2, seconds=5)), repr(datetime(2024, 1, 1, 0, 0, 5)))
print(sorted([date(2024, 5, 1), date(2023, 1, 1)]), date(2024, 1, 1) < date(2024, 1, 2))
print(datetime(2024,1,1).isoformat(), datetime(2024,1,1,1,2,3,456).isoformat(sep=" "))
print(f"{date(2024, 7, 4):%B %d}", (date(2024,3,1) - date(2024,2,1)).days)
data = [2.5, 3.1, 4.7, 5.0, 5.0, 6.2, 7.9]
summary = {
    "n": len(data),
    "mean": statistics.mean(data),
    "median": statistics.median(data),
    "mode": statistics.mode(data),
    "stdev": round(statistics.stdev(data), 4),
    "pstdev": round(statistics.pstdev(data), 4),
    "variance": round(statistics.variance(data), 4),
    "quantiles": [round(q, 3) for q in statistics.quantiles(data, n=4)],
    "median_low": statistics.median_low([1, 2, 3, 4]),
    "median_high": statistics.median_high([1, 2, 3, 4]),
}
pprint.pprint(summary)
pprint.pprint(summary, width=40, sort_dicts=False)
nested = {"users": [{"name": "ann", "roles": ["admin", "dev"], "id": i} for i in range(3)], "meta": {"count": 3, "tags": tuple("abc")}}
pprint.pprint(nested)
print(pprint.pformat(list(range(30)), compact=True, width=50))
print(statistics.mean([1, 2, 3, 4]), statistics.fmean([1, 2]), statistics.median([3, 1, 2, 4]))
print(statistics.harmonic_mean([40, 60]), statistics.geometric_mean([1, 10, 100]))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)
