"""Shallow and deep copy operations: copy(x), deepcopy(x, memo), with __copy__,
__deepcopy__, __reduce__/__reduce_ex__ and __getstate__/__setstate__ honoured."""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error


def _function():
    pass


_atomic = {type(None), int, float, bool, complex, str, bytes, type, range, slice,
           type(Ellipsis), type(NotImplemented), type(_function), type(len),
           property, frozenset, tuple}
_shallow_builtin = {list: list.copy, dict: dict.copy, set: set.copy}


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic and cls is not tuple and cls is not frozenset:
        return x
    if cls is tuple or cls is frozenset:
        return x
    copier = _shallow_builtin.get(cls)
    if copier is not None:
        return copier(x)
    if isinstance(x, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    return _reduce_copy(x, None)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic and cls is not tuple and cls is not frozenset:
        return x
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        # A tuple that refers to itself through a list was copied meanwhile.
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(items, x)):
            y = x
        else:
            y = tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for item in x:
            y.add(deepcopy(item, memo))
    elif cls is frozenset:
        y = frozenset(deepcopy(item, memo) for item in x)
    elif isinstance(x, type):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        else:
            y = _reduce_copy(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # The memo holds the originals so that their ids stay unique while copying.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _user_reduce(cls):
    for name in ("__reduce_ex__", "__reduce__"):
        for klass in cls.__mro__:
            if name in klass.__dict__:
                if klass is object:
                    break
                return name
    return None


def _reduce_copy(x, memo):
    cls = type(x)
    deep = memo is not None
    name = _user_reduce(cls)
    if name is not None:
        rv = getattr(x, name)(4) if name == "__reduce_ex__" else x.__reduce__()
        if isinstance(rv, str):
            return x
        return _reconstruct(x, memo, *rv)
    # The default protocol: a new object of the class, then its state.
    getnewargs = getattr(x, "__getnewargs_ex__", None)
    if getnewargs is not None:
        args, kwargs = getnewargs()
    else:
        getnewargs = getattr(x, "__getnewargs__", None)
        args, kwargs = (getnewargs() if getnewargs is not None else ()), {}
    if deep and args:
        args = deepcopy(args, memo)
    y = cls.__new__(cls, *args, **kwargs)
    if deep:
        memo[id(x)] = y
    if isinstance(x, list) and not isinstance(x, tuple):
        y.extend(deepcopy(item, memo) if deep else item for item in x)
    elif isinstance(x, dict):
        for key, value in x.items():
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    elif isinstance(x, set):
        y.update(deepcopy(item, memo) if deep else item for item in x)
    getstate = getattr(x, "__getstate__", None)
    if getstate is not None:
        try:
            state = getstate()
        except TypeError:
            state = _default_state(x)
    else:
        state = _default_state(x)
    if state:
        _set_state(y, state, memo)
    return y


def _default_state(x):
    state = getattr(x, "__dict__", None)
    slots = {}
    for klass in type(x).__mro__:
        for name in klass.__dict__.get("__slots__", ()):
            if name in ("__dict__", "__weakref__"):
                continue
            if name.startswith("__") and not name.endswith("__"):
                name = f"_{klass.__name__.lstrip('_')}{name}"
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    if slots:
        return (state or None, slots)
    return state


def _set_state(y, state, memo):
    deep = memo is not None
    if deep:
        state = deepcopy(state, memo)
    setstate = getattr(y, "__setstate__", None)
    if setstate is not None:
        setstate(state)
        return
    slotstate = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    if state:
        y.__dict__.update(state)
    if slotstate:
        for key, value in slotstate.items():
            setattr(y, key, value)


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None, *rest):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        _set_state(y, state, memo)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    return y
