"""Common operations on POSIX pathnames (os.path)."""

import posix as _posix

__all__ = ["abspath", "basename", "commonprefix", "dirname", "exists", "expanduser",
           "isabs", "isdir", "isfile", "join", "normpath", "relpath", "split",
           "splitext", "sep", "curdir", "pardir", "commonpath", "splitdrive", "lexists",
           "normcase", "getsize"]

sep = "/"
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
altsep = None
devnull = "/dev/null"


def _fspath(p):
    if isinstance(p, str):
        return p
    method = getattr(type(p), "__fspath__", None)
    if method is None:
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)
    return method(p)


def normcase(s):
    """Normalize case of pathname.  Has no effect under Posix"""
    return _fspath(s)


def isabs(s):
    """Test whether a path is absolute"""
    return _fspath(s).startswith("/")


def join(a, *p):
    """Join two or more pathname components, inserting '/' as needed."""
    path = _fspath(a)
    for b in map(_fspath, p):
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    """Split a pathname.  Returns tuple "(head, tail)" where "tail" is everything after
the final slash.  Either part may be empty."""
    p = _fspath(p)
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def splitext(p):
    """Split the extension from a pathname."""
    p = _fspath(p)
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    """Split a pathname into drive and path. On Posix, drive is always empty."""
    p = _fspath(p)
    return p[:0], p


def basename(p):
    """Returns the final component of a pathname"""
    p = _fspath(p)
    return p[p.rfind("/") + 1:]


def dirname(p):
    """Returns the directory component of a pathname"""
    p = _fspath(p)
    i = p.rfind("/") + 1
    head = p[:i]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head


def exists(path):
    """Test whether a path exists."""
    try:
        return _posix._path_kind(_fspath(path)) is not None
    except (TypeError, ValueError):
        return False


lexists = exists


def isfile(path):
    """Test whether a path is a regular file"""
    try:
        return _posix._path_kind(_fspath(path)) == "file"
    except (TypeError, ValueError):
        return False


def isdir(s):
    """Return true if the pathname refers to an existing directory."""
    try:
        return _posix._path_kind(_fspath(s)) == "dir"
    except (TypeError, ValueError):
        return False


def getsize(filename):
    """Return the size of a file, reported by os.stat()."""
    return _posix._file_size(_fspath(filename))


def expanduser(path):
    """Expand ~ and ~user constructions (only ~ here: $HOME)."""
    path = _fspath(path)
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    home = _posix.environ.get("HOME")
    if home is None:
        return path
    return (home.rstrip("/") or "/") + path[i:]


def normpath(path):
    """Normalize path, eliminating double slashes, etc."""
    path = _fspath(path)
    if path == "":
        return "."
    initial_slashes = 1 if path.startswith("/") else 0
    if initial_slashes and path.startswith("//") and not path.startswith("///"):
        initial_slashes = 2
    comps = path.split("/")
    new_comps = []
    for comp in comps:
        if comp in ("", "."):
            continue
        if (comp != ".." or (not initial_slashes and not new_comps)
                or (new_comps and new_comps[-1] == "..")):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = "/".join(new_comps)
    if initial_slashes:
        path = "/" * initial_slashes + path
    return path or "."


def abspath(path):
    """Return an absolute path."""
    path = _fspath(path)
    if not isabs(path):
        path = join(_posix.getcwd(), path)
    return normpath(path)


realpath = abspath


def relpath(path, start=None):
    """Return a relative version of a path"""
    if not path:
        raise ValueError("no path specified")
    start = curdir if start is None else _fspath(start)
    start_list = [x for x in abspath(start).split("/") if x]
    path_list = [x for x in abspath(path).split("/") if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonprefix(m):
    """Given a list of pathnames, returns the longest common leading component"""
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    """Given a sequence of path names, returns the longest common sub-path."""
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    paths = [_fspath(p) for p in paths]
    split_paths = [[c for c in p.split("/") if c and c != "."] for p in paths]
    isabs_set = {p.startswith("/") for p in paths}
    if len(isabs_set) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = "/" if isabs_set.pop() else ""
    return prefix + "/".join(common)
