print(1, 2, 3)
print(1, 2, sep='-', end='!\n')
print()
print('a', None, True, 1.5, [1, 'x'], (2,))
