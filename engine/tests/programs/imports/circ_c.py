from circ_d import d_value
c_value = 3
