name = input()
print("hello", name)
age = input("age? ")
print("age is", age)
print(repr(input("")))
try:
    input("more? ")
except EOFError as e:
    print("EOFError:", e)
try:
    input(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    input(prompt="x")
except TypeError as e:
    print("TypeError:", e)
