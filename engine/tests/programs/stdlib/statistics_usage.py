import statistics
from statistics import (mean, fmean, median, median_low, median_high, median_grouped, mode,
                        multimode, stdev, pstdev, variance, pvariance, quantiles,
                        geometric_mean, harmonic_mean, StatisticsError)
from fractions import Fraction

scores = [88, 92, 79, 93, 85, 91, 77, 85, 96, 85]
print(mean(scores), fmean(scores), median(scores), mode(scores), multimode(scores))
print(stdev(scores), pstdev(scores), variance(scores), pvariance(scores))
print(median_low([1, 3, 5, 7]), median_high([1, 3, 5, 7]), median([1, 3, 5, 7]), median([5, 1, 3]))
print(mean([1, 2, 3]), mean([1, 2]), mean([1.5, 2.5, 3.25]), mean([Fraction(1, 3), Fraction(2, 3), 1]))
print(mean([1, 2.5]), mean([True, False, True]), variance([1, 2, 3, 4]), variance([1.0, 2.0, 3.0, 4.0]))
print(stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(variance([Fraction(1, 4), Fraction(5, 4), Fraction(1, 2)]), pvariance([0, 0, 0, 1]))
print(stdev([0.1] * 7 + [0.2]), variance([2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]))
print(pvariance([1, 2, 3, 4, 5], mu=3), variance([1, 2, 3, 4, 5], xbar=3), stdev([10, 20]))
print(quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), quantiles(scores, n=10))
print(quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92], n=4, method='inclusive'))
print(geometric_mean([54, 24, 36]), harmonic_mean([40, 60]), harmonic_mean([2.5, 3, 10]))
print(median_grouped([52, 52, 53, 54]), median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]), median_grouped([1, 3, 3, 5, 7], interval=2))
print(mode(["red", "blue", "blue", "red", "green", "red"]), multimode("aabbbbccddddeeffffgg"), multimode([]))
print(fmean([3.5, 4.0, 5.25]), fmean([85, 92, 83, 91], weights=[0.20, 0.20, 0.30, 0.30]))
for func, data in [(mean, []), (median, []), (mode, []), (stdev, [1]), (variance, []),
                   (pstdev, []), (pvariance, []), (fmean, []), (quantiles, [1]),
                   (harmonic_mean, [-1, 2]), (geometric_mean, [0, 1])]:
    try:
        func(data)
    except StatisticsError as e:
        print(func.__name__, "->", type(e).__name__, e)
print(issubclass(StatisticsError, ValueError))
x = [1, 2, 3, 4, 5]
y = [2, 4, 5, 4, 5]
print(statistics.correlation(x, y), statistics.covariance(x, y), statistics.linear_regression(x, y))
temps = {'mon': [20.5, 22.1, 19.8], 'tue': [25.0, 24.2, 26.1, 23.9]}
for day, values in temps.items():
    print(f"{day}: mean={mean(values):.2f} median={median(values)} sd={stdev(values):.3f}")
nd = statistics.NormalDist.from_samples([2.5, 3.1, 2.1, 2.4, 2.7, 3.5])
print(nd, round(nd.cdf(3.0), 6), round(nd.pdf(2.5), 6), nd.mean)
print(mean(range(1, 101)), median(range(1, 101)), stdev(range(1, 101)))
