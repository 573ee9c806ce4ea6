import datetime as dt
from datetime import date, datetime, timedelta, time, timezone

# timedelta normalisation, repr and str
for td in [timedelta(days=1, hours=1), timedelta(hours=25), timedelta(seconds=-1), timedelta(0),
           timedelta(weeks=2, minutes=90), timedelta(milliseconds=1500), timedelta(days=-2, seconds=30),
           timedelta(microseconds=-1), timedelta(days=1.5), timedelta(seconds=0.1), timedelta(hours=-0.5),
           timedelta(days=3, microseconds=12)]:
    print(repr(td), str(td), td.days, td.seconds, td.microseconds, td.total_seconds())
a, b = timedelta(hours=2), timedelta(minutes=45)
print(a + b, a - b, b - a, -a, abs(b - a), a * 3, 2.5 * b, a / b, a // b, a % b, divmod(a, b), a / 3, a // 7, b * 0.1)
print(a > b, a == timedelta(minutes=120), hash(a) == hash(timedelta(seconds=7200)), bool(timedelta()), sorted([a, b]))
print(timedelta.max, timedelta.min, timedelta.resolution, repr(timedelta.max))
try:
    timedelta(days=10 ** 9)
except OverflowError as e:
    print('OverflowError:', e)
try:
    timedelta(days='1')
except TypeError as e:
    print('TypeError:', e)

# date
d = date(2024, 2, 28)
print(d, repr(d), d.year, d.month, d.day, d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal())
print(d + timedelta(days=1), d + timedelta(days=2), d - timedelta(days=59), date(2024, 12, 25) - d, d.replace(day=1), d.replace(year=2023, month=3))
print(d.isoformat(), d.ctime(), d.strftime('%Y/%m/%d %A %a %B %b %j %U %W %y %%'), f"{d:%d.%m.%Y}", format(d), str(d))
print(date.fromordinal(738000), date.fromisoformat('2021-07-04'), date.fromisoformat('20210704'), date.fromisocalendar(2021, 1, 1))
print(date.min, date.max, date.resolution, d == date(2024, 2, 28), d < date(2024, 3, 1), d != date(2024, 1, 1))
print(sorted([date(2023, 5, 1), date(2021, 1, 1), date(2022, 12, 31)]), max(date(2020, 1, 1), date(2019, 6, 6)))
print(date(2020, 12, 31).isocalendar(), date(2021, 1, 3).isocalendar(), date(2026, 1, 1).isocalendar().week)
for args in [(2024, 2, 30), (2023, 2, 29), (0, 1, 1), (10000, 1, 1), (2024, 13, 1), (2024, 0, 1), (2024, 1, 0)]:
    try:
        date(*args)
    except ValueError as e:
        print('ValueError:', e)
try:
    date(2024.0, 1, 1)
except TypeError as e:
    print('TypeError:', e)
for s in ['2024-13-01', 'not a date', '2024-1-1']:
    try:
        date.fromisoformat(s)
    except ValueError as e:
        print('ValueError:', e)
try:
    date.max + timedelta(days=1)
except OverflowError as e:
    print('OverflowError:', e)
birthdays = {date(1990, 5, 17): 'Ann', date(1985, 11, 2): 'Bob'}
print(birthdays[date(1990, 5, 17)], date(1990, 5, 17) in birthdays)

# time
t = time(14, 30)
print(t, repr(t), time(9, 5, 7), repr(time(9, 5, 7)), repr(time(0, 0, 0, 1500)), time(23, 59, 59, 999999).isoformat())
print(t.hour, t.minute, t.second, t.microsecond, t.isoformat(timespec='minutes'), t.strftime('%I:%M %p'), t.replace(hour=8), time())
print(time.fromisoformat('07:08:09'), time.fromisoformat('07:08:09.123'), time(1, 2) < time(1, 3), time.min, time.max)
for args in [(24, 0), (0, 60), (0, 0, 60), (0, 0, 0, 1000000)]:
    try:
        time(*args)
    except ValueError as e:
        print('ValueError:', e)

# datetime
x = datetime(2024, 3, 15, 9, 30)
print(x, repr(x), repr(datetime(2024, 3, 15, 9, 30, 5)), repr(datetime(2024, 3, 15, 9, 30, 5, 250)), repr(datetime(2024, 3, 15)))
print(x.date(), x.time(), x.isoformat(), x.isoformat(' '), x.isoformat(timespec='seconds'), x.ctime(), x.weekday(), x.timetuple()[:6])
print(x + timedelta(hours=20), x - timedelta(days=15, minutes=31), datetime(2024, 12, 25) - x, x - datetime(2024, 3, 16))
print(x.strftime('%Y-%m-%d %H:%M:%S.%f %p %I %j %a %A %b %B %y %c %x %X %%'), f"{x:%H:%M on %d %b}")
print(datetime.combine(date(2020, 1, 2), time(3, 4)), datetime.fromisoformat('2021-06-01T12:30:45'), datetime.fromisoformat('2021-06-01 12:30'), datetime.fromisoformat('2021-06-01'))
print(repr(datetime.fromisoformat('2021-06-01T12:30:45.500000')), datetime.fromisoformat('2011-11-04T00:05:23+04:00'), repr(datetime.fromisoformat('2011-11-04T00:05:23Z')))
print(datetime.strptime('2023-07-04 18:45:00', '%Y-%m-%d %H:%M:%S'), datetime.strptime('04/Jul/2023', '%d/%b/%Y'), datetime.strptime('5:07 PM, March 9 2021', '%I:%M %p, %B %d %Y'))
print(datetime.strptime('2023-07-04T18:45:00.123', '%Y-%m-%dT%H:%M:%S.%f'), datetime.strptime('23', '%y'))
for s, f in [('2023-07-04', '%Y/%m/%d'), ('2023-07-04 extra', '%Y-%m-%d')]:
    try:
        datetime.strptime(s, f)
    except ValueError as e:
        print('ValueError:', e)
print(x.replace(minute=0, second=0), x == datetime(2024, 3, 15, 9, 30), x > datetime(2024, 1, 1), x.toordinal(), x.date() == date(2024, 3, 15))
print(datetime(1970, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp(), datetime.utcfromtimestamp(1e9), datetime.fromtimestamp(86400 * 365, tz=timezone.utc))
print(datetime.min, datetime.max, repr(datetime.max))
try:
    x < date(2024, 1, 1)
except TypeError as e:
    print('TypeError:', e)
print(x == date(2024, 3, 15))
try:
    datetime(2024, 1, 1, 25)
except ValueError as e:
    print('ValueError:', e)
try:
    datetime(2024, 1, 1) - datetime(2024, 1, 1, tzinfo=timezone.utc)
except TypeError as e:
    print('TypeError:', e)
try:
    datetime(2024, 1, 1) < datetime(2024, 1, 1, tzinfo=timezone.utc)
except TypeError as e:
    print('TypeError:', e)
# timezones
utc = timezone.utc
cet = timezone(timedelta(hours=1), 'CET')
est = timezone(timedelta(hours=-5))
y = datetime(2024, 6, 1, 12, 0, tzinfo=utc)
print(y, repr(y), y.astimezone(cet), y.astimezone(est), y.astimezone(est).utcoffset(), y.tzname(), y.astimezone(cet).tzname(), est)
print(repr(cet), repr(est), repr(utc), str(utc), y == y.astimezone(est), y.isoformat(), y.strftime('%z %Z'), dt.UTC is utc)
print(datetime(2024, 1, 1, 12, tzinfo=cet) - datetime(2024, 1, 1, 12, tzinfo=utc), hash(y) == hash(y.astimezone(cet)))
print(dt.MINYEAR, dt.MAXYEAR, type(x).__name__, isinstance(x, date), issubclass(datetime, date))

# stable properties of now() and today()
now = datetime.now()
print(type(now).__name__, now.year >= 2024, now.tzinfo, date.today() == now.date() or now.hour == 0, abs(datetime.now() - now) < timedelta(seconds=5))
print(abs(datetime.now(timezone.utc).timestamp() - now.timestamp()) < 5, datetime.utcnow().tzinfo)

# everyday: ages, deadlines, log lines
def age(born, today):
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
print(age(date(1990, 5, 17), date(2024, 5, 16)), age(date(1990, 5, 17), date(2024, 5, 17)))
start = datetime(2024, 1, 31, 23, 15)
for i in range(4):
    stamp = start + timedelta(minutes=25 * i)
    print(f"[{stamp:%Y-%m-%d %H:%M}] event {i}", stamp.strftime('%a'))
deadline = datetime(2024, 4, 1, 17, 0)
left = deadline - datetime(2024, 3, 28, 9, 30, 15)
print(f"{left.days} days, {left.seconds // 3600} hours left", left, left.total_seconds())
days = [date(2024, 1, 1) + timedelta(days=i) for i in range(0, 365, 50)]
print([d.strftime('%b %d') for d in days])
print(sum([timedelta(minutes=m) for m in (15, 30, 45)], timedelta()))
