print("ns inner mod"); VALUE = 9
