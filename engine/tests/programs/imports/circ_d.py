from circ_c import c_value
d_value = 4
