# Runs until interrupted (Adder: Interrupt).
while True:
    pass
