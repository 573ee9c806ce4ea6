# Suspended generators dropped inside try/with are closed (finally/__exit__ run) before the next call.
def g():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for x in g():
    print(x)
    break
print("after")
def h():
    with open_cm():
        yield 1
class open_cm:
    def __enter__(self): print("enter")
    def __exit__(self, *a): print("exit", a[0].__name__)
it = h()
next(it)
del it
print("after2")
