from datetime import datetime, date, timedelta, time, timezone
import datetime as dtm
import copy, json
d = datetime(2024, 5, 17, 8, 3, 9, 123456)
print(d.isoformat(timespec='milliseconds'), d.isoformat(timespec='hours'), d.isoformat(timespec='minutes'))
print(copy.copy(d), copy.deepcopy(date(2020, 1, 1)), d.replace(microsecond=0).isoformat())
print(json.dumps({'when': d.isoformat()}), str(d.date()), d.strftime('%d/%m/%Y'), d.strftime('%-d') if False else '')
print(sorted([datetime(2024, 1, 2), datetime(2023, 5, 5), datetime(2024, 1, 1, 23)]))
print(timedelta(days=365) // timedelta(weeks=1), timedelta(hours=36).days, timedelta(seconds=3661))
print([str(timedelta(seconds=s)) for s in (0, 59, 60, 3599, 86399, 86400, 90061)])
print(date(2024, 1, 31) + timedelta(days=30), date(2023, 3, 1) - timedelta(days=1), (date(2024, 3, 1) - date(2024, 2, 1)).days)
print(datetime(2024, 1, 1).timetuple(), date(2024, 7, 4).timetuple().tm_yday)
print(datetime.fromtimestamp(0, timezone.utc), datetime.fromtimestamp(1.5e9, tz=timezone.utc).isoformat())
print(date.today() - date.today(), type(date.today()).__name__)
dates = ['2024-03-01', '2023-12-25', '2024-01-15']
parsed = sorted(datetime.strptime(s, '%Y-%m-%d').date() for s in dates)
print(parsed, [p.strftime('%B %d, %Y') for p in parsed])
print(d.weekday(), d.strftime('%A'), d.isocalendar(), tuple(d.isocalendar()), d.isocalendar()[1])
print(time(10, 30) < time(11), time(12).isoformat(), str(time(1, 2, 3, 4)), time(9).strftime('%H:%M'))
print(timedelta(hours=1.5), timedelta(minutes=0.5), timedelta(seconds=1.0000015), timedelta(microseconds=0.5), timedelta(microseconds=1.5))
print(timedelta(days=1) * 0.3333, timedelta(seconds=10) / 4, timedelta(seconds=10) / 3, timedelta(1) / timedelta(hours=7))
print(repr(timedelta(days=-1, seconds=86399)), -timedelta(microseconds=1))
week = [date(2024, 5, 13) + timedelta(days=i) for i in range(7)]
print({day.strftime('%a'): day.day for day in week})
print(datetime(2024, 2, 29).replace(year=2025) if False else datetime(2024, 2, 29).replace(day=28, year=2025))
try:
    datetime(2024, 2, 29).replace(year=2025)
except ValueError as e:
    print(e)
print(datetime(2020, 1, 1) + timedelta(days=0.5), datetime.combine(date(2020, 5, 5), time.min), datetime.combine(date(2020, 5, 5), time.max))
print(dtm.timezone(timedelta(hours=5, minutes=30)), datetime(2024, 1, 1, tzinfo=dtm.timezone(timedelta(hours=5, minutes=30))).isoformat())
print(datetime.strptime('2024-01-01T10:00:00+0530', '%Y-%m-%dT%H:%M:%S%z'), datetime.strptime('Mon Jan  1 10:00:00 2024', '%a %b %d %H:%M:%S %Y'))
print(date(2024, 1, 1).__class__.__module__, datetime.now().date().__class__ is date, d.time().isoformat())
