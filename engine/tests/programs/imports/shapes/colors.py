print("shapes.colors: running")
RED = "red"
