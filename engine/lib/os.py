"""Operating-system interfaces (the basics): the working directory, listing, making,
renaming and removing files and directories, environ, getenv, os.path."""

import sys
import posix as _posix
import posixpath as path

sys.modules["os.path"] = path

__all__ = ["name", "sep", "altsep", "extsep", "pathsep", "linesep", "defpath", "devnull",
           "curdir", "pardir", "environ", "getenv", "getcwd", "listdir", "path", "fspath",
           "walk", "PathLike", "chdir", "mkdir", "makedirs", "remove", "unlink", "rmdir",
           "removedirs", "rename", "replace", "getpid"]

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
linesep = "\n"
defpath = "/bin:/usr/bin"
devnull = "/dev/null"
curdir = "."
pardir = ".."

environ = _posix.environ
getcwd = _posix.getcwd
getpid = _posix.getpid
listdir = _posix.listdir
chdir = _posix.chdir
mkdir = _posix.mkdir
remove = _posix.remove
unlink = _posix.unlink
rmdir = _posix.rmdir
rename = _posix.rename
replace = _posix.rename
error = OSError


def getenv(key, default=None):
    """Get an environment variable, return None if it doesn't exist."""
    return environ.get(key, default)


def makedirs(name, mode=0o777, exist_ok=False):
    """Super-mkdir; create a leaf directory and all intermediate ones."""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    """Remove a leaf directory and all empty intermediate ones."""
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def fspath(path):
    """Return the file system path representation of the object."""
    if isinstance(path, (str, bytes)):
        return path
    method = getattr(type(path), "__fspath__", None)
    if method is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    result = method(path)
    if isinstance(result, (str, bytes)):
        return result
    raise TypeError(f"expected {type(path).__name__}.__fspath__() to return str or bytes, "
                    f"not {type(result).__name__}")


class PathLike:
    """Abstract base class for implementing the file system path protocol."""

    @classmethod
    def __subclasshook__(cls, subclass):
        return hasattr(subclass, "__fspath__")


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Directory tree generator: (dirpath, dirnames, filenames) for each directory."""
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, nondirs = [], []
    for entry in names:
        (dirs if path.isdir(path.join(top, entry)) else nondirs).append(entry)
    if topdown:
        yield top, dirs, nondirs
        for d in dirs:
            yield from walk(path.join(top, d), topdown, onerror, followlinks)
    else:
        for d in dirs:
            yield from walk(path.join(top, d), topdown, onerror, followlinks)
        yield top, dirs, nondirs
