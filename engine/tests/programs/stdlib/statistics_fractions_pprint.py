from fractions import Fraction as F
import statistics as st, math, pprint, time
print(F(1, 3) + F(1, 3) * 3, F('0.1') + F('0.2') == F('0.3'), F(3, 9).numerator, F(-6, 4), F(6, -4) == F(-3, 2))
print(sum([F(1, 2), F(1, 4), F(1, 8)]), F(5, 3) // 1, F(-5, 3) // 1, F(5, 3) % 1, round(F(-5, 2)), round(F(-3, 2)), F(7, 3) ** 0, F(1, 2) ** 0.5)
print(F(10, 4).limit_denominator(1), F(0.3).limit_denominator(10), F(3.14159).limit_denominator(1000), F('3.1415926535').limit_denominator(100))
print(F(1, 2) < 1, 1 > F(1, 2), F(1, 2) <= 0.5, F(1, 3) == F(2, 6), F(2, 4) in {F(1, 2)}, abs(F(-1, 7)), -F(1, 7), +F(2, 3))
print(math.isclose(float(F(1, 3)), 1 / 3), int(F(99, 10)), complex(1, 0) == F(1), F(1, 2) + 1j if False else '')
print(st.mean([F(1, 2), F(1, 3)]), st.median([F(1, 2), F(1, 3), F(1, 4)]), st.variance([F(1), F(2), F(4)]), st.stdev([1, 2, 4]))
print(st.mean([1, 2, 3, 4.0]), st.pvariance([1.5, 2.5, 3.5]), st.mode([1.1, 2.2, 1.1]), st.median([3.0, 1, 2]), st.median_low(['b', 'a', 'c', 'd']))
print(st.mean(x / 10 for x in range(11)), st.stdev(x * 1.1 for x in range(20)), st.quantiles([1.5, 2.5, 3.1, 4.8, 9.9], n=5))
print(st.fmean(x for x in range(5)), st.harmonic_mean([1, 2, 4]), st.mode('abracadabra'), st.variance([2, 2, 2]), st.stdev([5.0, 5.0]))
print(st.mean([1e308, 1e308]), st.mean([True, True, False, True]))
try:
    st.mean(['a', 'b'])
except TypeError as e:
    print('TypeError:', e)
pprint.pprint({'time': time.strftime('%Y', time.gmtime(0)), 'list': [F(1, 3)] * 10}, width=60)
pprint.pprint([[i * j for j in range(12)] for i in range(4)], compact=True, width=50)
print(pprint.pformat({'b': [1, 2], 'a': (3, 4)}, width=1))
print(pprint.pformat('short'), pprint.pformat('x' * 100, width=30))
print(pprint.pformat({'key': {'nested': list('abcdefghijklmnopqrstuvwxyz')}}, width=40, compact=True))
