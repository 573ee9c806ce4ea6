# Reads a small table from standard input, the way filters do.
import sys
from collections import Counter

header = sys.stdin.readline().rstrip("\n").split(",")
rows = [line.rstrip("\n").split(",") for line in sys.stdin if line.strip()]
print(header, len(rows))
by_team = Counter()
for name, team, score in rows:
    by_team[team] += int(score)
for team, total in by_team.most_common():
    sys.stdout.write(f"{team:<6}{total:>5}\n")
print(repr(sys.stdin.readline()), repr(sys.stdin.read()), sys.stdin.readlines())
print(sys.stdin, sys.stdin.isatty())
try:
    sys.stdin.write("x")
except OSError as e:
    print("OSError:", e)
