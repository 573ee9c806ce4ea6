# A method call site that meets several classes, each with its own method, serves them all
# from one cache of (class version, method) pairs — four of them — and stays correct when a
# class changes, when an instance shadows the method, and when a fifth class evicts one.


class Task:
    def step(self):
        return self.run()  #q LOAD_METHOD_WITH_VALUES misses=0 deopts=0

    def run(self):
        return "Task"


class Idle(Task):
    def run(self):
        return "Idle"


class Work(Task):
    def run(self):
        return "Work"


class Device(Task):
    def run(self):
        return "Device"


class Handler(Task):
    def run(self):
        return "Handler"


def kind(o):
    return o.run()  #q LOAD_METHOD_WITH_VALUES


def main():
    tasks = [Idle(), Work(), Device(), Handler()]
    seen = []
    for _ in range(50):
        for t in tasks:
            seen.append(t.step())
    print(seen[:4], len(seen))
    # A class changes: its new method is used at once.
    Work.run = lambda self: "Work2"
    print([t.step() for t in tasks])
    # An instance attribute shadows the method.
    d = Device()
    d.run = lambda: "shadowed"
    print(kind(d), kind(Device()), kind(Idle()))
    # A fifth class evicts the oldest entry; everything still answers right.
    mixed = tasks + [Task()]
    print([kind(t) for t in mixed * 3])
    # Deleting an override falls back to the base class.
    del Handler.run
    print([kind(t) for t in mixed])


main()
