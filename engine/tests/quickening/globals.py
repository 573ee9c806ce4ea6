# LOAD_GLOBAL: module globals and built-ins, and what happens when the namespaces change.

LIMIT = 10


def read_global():
    return LIMIT  #q LOAD_GLOBAL_MODULE(LIMIT)


# Ends as a module global and a Python call: it was LOAD_GLOBAL_BUILTIN + CALL_LEN until `len`
# was shadowed; each missed 53 times, deoptimized and re-specialized; the final `del len`
# is one more miss.
def read_builtin(xs):
    return len(xs)  #q LOAD_GLOBAL_MODULE(len) deopts=1 misses=54 #q CALL_PY_EXACT_ARGS deopts=1


def undefined():
    try:
        return nowhere  #q LOAD_GLOBAL failed "name is not defined"
    except NameError as e:
        return str(e)


def warm(f, *args):
    for _ in range(100):
        r = f(*args)
    return r


print(warm(read_global), warm(read_builtin, "abc"), warm(undefined))
# Rebinding a global keeps the keys: the cached entry sees the new value.
LIMIT = 20
print(read_global())
# Deleting it changes the keys: the guard fails and the generic path raises NameError.
del LIMIT
try:
    read_global()
except NameError as e:
    print(e)
LIMIT = 30
print(warm(read_global))
# A global shadowing a built-in wins at once; the site re-specializes for the module global.
len = lambda xs: "shadowed"
print(warm(read_builtin, "abc"))
del len
print(read_builtin("abcd"))

#stats LOAD_GLOBAL_BUILTIN deopts=1 misses>=53
#stats CALL_LEN deopts=1
