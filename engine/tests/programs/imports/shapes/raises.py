VALUE = 1
raise ValueError("shapes.raises failed while importing")
