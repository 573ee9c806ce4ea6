# __name__ is "__main__" in the script, the module's name in what it imports.
import helpers
def main():
    print("main runs", __name__, helpers.__name__)
if __name__ == "__main__":
    main()
