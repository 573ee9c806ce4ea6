import time

# Clocks: only stable properties.
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
print(type(t0).__name__, t0 > 1.7e9, time.perf_counter() >= p0, time.monotonic() >= m0, isinstance(time.time_ns(), int))

# Broken-down time of fixed instants.
st = time.gmtime(1700000000)
print(st)
print(st.tm_year, st.tm_mon, st.tm_mday, st.tm_hour, st.tm_min, st.tm_sec, st.tm_wday, st.tm_yday, st.tm_isdst, st.tm_zone, st.tm_gmtoff)
print(st[0], st[-1], st[:3], len(st), tuple(st), list(st)[6:], st == (2023, 11, 14, 22, 13, 20, 1, 318, 0), type(st).__name__)
year, month, day, *_ = time.gmtime(0)
print(year, month, day, time.gmtime(0), time.gmtime(-1), time.gmtime(951782400.75))
print(time.localtime(1700000000).tm_hour == time.gmtime(1700000000 - time.timezone).tm_hour)
print(time.mktime(time.localtime(1700000000)), time.mktime((2024, 1, 32, 0, 0, 0, 0, 0, -1)) == time.mktime((2024, 2, 1, 0, 0, 0, 0, 0, -1)))
print(time.strftime('%Y-%m-%d %H:%M:%S', st), time.strftime('%a, %d %b %Y %H:%M:%S', st), time.strftime('%A %B %j %U %W %w %y %p %I %%', st))
print(time.strftime('%c | %x | %X | %D | %e | %F | %T | %R | %G-W%V-%u', st))
print(time.strftime('%Y %j', (2024, 1, 1, 0, 0, 0, 0, 0, 0)), time.strftime('%H:%M', (2024, 12, 31, 23, 59, 0, 1, 366, 0)))
print(time.asctime(st), time.asctime((2024, 1, 5, 3, 4, 5, 4, 5, 0)), time.ctime(0), time.ctime(1700000000.9))
s2 = time.struct_time((2024, 5, 6, 7, 8, 9, 0, 127, 0))
print(s2, s2.tm_zone, time.struct_time.n_fields, time.struct_time.n_sequence_fields)
for bad in [lambda: time.struct_time((1, 2)), lambda: time.strftime('%Y', (1, 2)), lambda: time.mktime(5),
            lambda: time.strftime(5), lambda: time.gmtime('x')]:
    try:
        bad()
    except TypeError as e:
        print('TypeError:', e)
for bad in [(2024, 13, 1, 0, 0, 0, 0, 0, 0), (2024, 1, 32, 0, 0, 0, 0, 0, 0), (2024, 1, 1, 24, 0, 0, 0, 0, 0)]:
    try:
        time.strftime('%Y', bad)
    except ValueError as e:
        print('ValueError:', e)
print(len(time.strftime('%Y-%m-%d')), time.localtime().tm_year >= 2024, isinstance(time.ctime(), str), len(time.asctime()))
start = time.perf_counter()
time.sleep(0.01)
print(time.perf_counter() - start >= 0.009)
print(time.timezone, time.daylight, time.tzname, time.altzone)

# strptime
print(time.strptime('30 Nov 00', '%d %b %y'))
print(time.strptime('2024-03-05 14:22:01', '%Y-%m-%d %H:%M:%S'))
print(time.strptime('Tue Nov 14 22:13:20 2023'))
try:
    time.strptime('x', '%Y')
except ValueError as e:
    print('ValueError:', e)
