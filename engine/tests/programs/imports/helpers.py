"""Helper functions imported by the import tests."""
print("helpers: running", __name__)
counter = 0


def greet(name):
    return f"hello, {name}"


def bump():
    global counter
    counter += 1
    return counter


_private = "hidden"

if __name__ == "__main__":
    print("never printed on import")
