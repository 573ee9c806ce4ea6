"""In-memory text streams (StringIO), files (open) and the I/O names everyday code imports."""

import sys
import _fileio

__all__ = ["StringIO", "TextIOBase", "IOBase", "UnsupportedOperation", "SEEK_SET",
           "SEEK_CUR", "SEEK_END", "open", "TextIOWrapper", "BufferedReader",
           "BufferedWriter", "BufferedRandom", "DEFAULT_BUFFER_SIZE"]

DEFAULT_BUFFER_SIZE = 8192

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(OSError, ValueError):
    pass


class IOBase:
    """The abstract base class for all I/O classes."""

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return getattr(self, "_closed", False)

    def _check_closed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def flush(self):
        self._check_closed()

    def isatty(self):
        self._check_closed()
        return False

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)


class TextIOBase(IOBase):
    """Base class for text I/O."""

    encoding = None
    errors = None
    newlines = None


class StringIO(TextIOBase):
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not "
                            f"{type(initial_value).__name__}")
        self._buffer = initial_value
        self._pos = 0
        self._closed = False

    def getvalue(self):
        """Retrieve the entire contents of the object."""
        self._check_closed()
        return self._buffer

    def write(self, s):
        """Write string to file. Returns the number of characters written."""
        self._check_closed()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        buf = self._buffer
        pos = self._pos
        if pos == len(buf):
            self._buffer = buf + s
        elif pos > len(buf):
            self._buffer = buf + "\0" * (pos - len(buf)) + s
        else:
            self._buffer = buf[:pos] + s + buf[pos + len(s):]
        self._pos = pos + len(s)
        return len(s)

    def read(self, size=-1):
        """Read at most size characters, returned as a string."""
        self._check_closed()
        if size is None or size < 0:
            end = len(self._buffer)
        else:
            end = min(self._pos + size, len(self._buffer))
        result = self._buffer[self._pos:end]
        self._pos = max(self._pos, end)
        return result

    def readline(self, size=-1):
        """Read until newline or EOF."""
        self._check_closed()
        buf = self._buffer
        end = buf.find("\n", self._pos)
        end = len(buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        result = buf[self._pos:end]
        self._pos = max(self._pos, end)
        return result

    def seek(self, pos, whence=0):
        """Change stream position."""
        self._check_closed()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"Negative seek position {pos}")
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = len(self._buffer)
        else:
            raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        """Tell the current file position."""
        self._check_closed()
        return self._pos

    def truncate(self, pos=None):
        """Truncate size to pos (default: the current position)."""
        self._check_closed()
        if pos is None:
            pos = self._pos
        if pos < 0:
            raise ValueError(f"Negative size value {pos}")
        self._buffer = self._buffer[:pos]
        return pos

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    @property
    def line_buffering(self):
        return False


# ---------------------------------------------------------------------------------------
# Files. `_fileio` gives raw descriptors over the host's files; the classes below add what
# CPython's _io adds: write buffering, decoding, newline translation and the checks.


class _FileMixin:
    """What binary and text files share: the descriptor, name, mode and closing."""

    def _init_file(self, fd, name, mode, readable, writable):
        self._fd = fd
        self.name = name
        self.mode = mode
        self._readable = readable
        self._writable = writable
        self._closed = False
        self._wbuf = []
        self._wlen = 0

    def fileno(self):
        self._check_closed()
        return self._fd

    def readable(self):
        self._check_closed()
        return self._readable

    def writable(self):
        self._check_closed()
        return self._writable

    def seekable(self):
        self._check_closed()
        return True

    def isatty(self):
        self._check_closed()
        return False

    def close(self):
        if self._closed:
            return
        try:
            self.flush()
        finally:
            self._closed = True
            _fileio.close(self._fd)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class _BufferedFile(_FileMixin, IOBase):
    """A binary file: bytes in, bytes out."""

    __module__ = "_io"

    def __init__(self, fd, name, mode, readable, writable):
        self._init_file(fd, name, mode, readable, writable)
        self._rbuf = b""

    def __repr__(self):
        return f"<_io.{type(self).__name__} name={self.name!r}>"

    def _check_readable(self):
        self._check_closed()
        if not self._readable:
            raise UnsupportedOperation("read")

    def _check_writable(self):
        self._check_closed()
        if not self._writable:
            raise UnsupportedOperation("write")

    def read(self, size=-1):
        self._check_readable()
        self._flush_writes()
        if size is None or size < 0:
            data = self._rbuf + _fileio.read(self._fd, -1)
            self._rbuf = b""
            return data
        if len(self._rbuf) >= size:
            data = self._rbuf[:size]
            self._rbuf = self._rbuf[size:]
            return data
        data = self._rbuf + _fileio.read(self._fd, size - len(self._rbuf))
        self._rbuf = b""
        return data

    def readline(self, size=-1):
        self._check_readable()
        self._flush_writes()
        while True:
            end = self._rbuf.find(b"\n") + 1
            if end or (size is not None and 0 <= size <= len(self._rbuf)):
                break
            chunk = _fileio.read(self._fd, DEFAULT_BUFFER_SIZE)
            if not chunk:
                end = len(self._rbuf)
                break
            self._rbuf += chunk
        if not end:
            end = len(self._rbuf)
        if size is not None and 0 <= size < end:
            end = size
        line = self._rbuf[:end]
        self._rbuf = self._rbuf[end:]
        return line

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, b):
        self._check_writable()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(b)
        self._drop_read_ahead()
        self._wbuf.append(data)
        self._wlen += len(data)
        if self._wlen >= DEFAULT_BUFFER_SIZE:
            self._flush_writes()
        return len(data)

    def _drop_read_ahead(self):
        if self._rbuf:
            _fileio.seek(self._fd, -len(self._rbuf), 1)
            self._rbuf = b""

    def _flush_writes(self):
        if self._wbuf:
            data = b"".join(self._wbuf)
            self._wbuf = []
            self._wlen = 0
            _fileio.write(self._fd, data)

    def flush(self):
        self._check_closed()
        self._flush_writes()

    def tell(self):
        self._check_closed()
        self._flush_writes()
        return _fileio.seek(self._fd, 0, 1) - len(self._rbuf)

    def seek(self, pos, whence=0):
        self._check_closed()
        self._flush_writes()
        if whence == 1:
            pos -= len(self._rbuf)
        self._rbuf = b""
        return _fileio.seek(self._fd, pos, whence)


class BufferedReader(_BufferedFile):
    """A binary file opened for reading."""


class BufferedWriter(_BufferedFile):
    """A binary file opened for writing."""


class BufferedRandom(_BufferedFile):
    """A binary file opened for reading and writing."""


class TextIOWrapper(_FileMixin, TextIOBase):
    """A text file: str in, str out, decoded and with newlines translated."""

    __module__ = "_io"

    def __init__(self, fd, name, mode, readable, writable, encoding, errors, newline):
        self._init_file(fd, name, mode, readable, writable)
        self.encoding = "UTF-8" if encoding is None else encoding
        self._codec = "utf-8" if encoding is None else encoding
        self.errors = "strict" if errors is None else errors
        self._newline = newline
        # The text read ahead (all of the file from `_base`, decoded), and the position in it.
        self._text = None
        self._pos = 0
        self._base = 0

    def __repr__(self):
        return (f"<_io.TextIOWrapper name={self.name!r} mode={self.mode!r} "
                f"encoding={self.encoding!r}>")

    @property
    def line_buffering(self):
        return False

    def _check_readable(self):
        self._check_closed()
        if not self._readable:
            raise UnsupportedOperation("not readable")

    def _check_writable(self):
        self._check_closed()
        if not self._writable:
            raise UnsupportedOperation("not writable")

    def _load(self):
        """Reads the rest of the file (decoded; universal newlines translated)."""
        self._flush_writes()
        if self._text is None:
            self._base = _fileio.seek(self._fd, 0, 1)
            text = _fileio.read(self._fd, -1).decode(self._codec, self.errors)
            if self._newline is None and "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            self._text = text
            self._pos = 0
        return self._text

    def read(self, size=-1):
        self._check_readable()
        text = self._load()
        start = self._pos
        end = len(text) if size is None or size < 0 else min(len(text), start + size)
        self._pos = end
        return text[start:end]

    def readline(self, size=-1):
        self._check_readable()
        text = self._load()
        start = self._pos
        newline = self._newline
        if newline is None or newline == "\n":
            end = text.find("\n", start) + 1
        elif newline == "":
            lf = text.find("\n", start)
            cr = text.find("\r", start, len(text) if lf < 0 else lf)
            if cr >= 0:
                end = cr + 2 if text.startswith("\n", cr + 1) else cr + 1
            else:
                end = lf + 1
        else:
            end = text.find(newline, start)
            end = 0 if end < 0 else end + len(newline)
        if not end:
            end = len(text)
        if size is not None and 0 <= size < end - start:
            end = start + size
        self._pos = end
        return text[start:end]

    def __next__(self):
        text = self._text
        if text is None or self._closed or self._newline not in (None, "\n"):
            line = self.readline()
        else:
            # The common case inline: lines end at "\n" in the text already read.
            start = self._pos
            end = text.find("\n", start) + 1 or len(text)
            self._pos = end
            line = text[start:end]
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        if hint is not None and hint > 0 or self._newline not in (None, "\n"):
            return IOBase.readlines(self, hint)
        self._check_readable()
        text = self._load()
        rest = text[self._pos:]
        self._pos = len(text)
        if not rest:
            return []
        lines = rest.split("\n")
        last = lines.pop()
        lines = [line + "\n" for line in lines]
        if last:
            lines.append(last)
        return lines

    def write(self, s):
        if (self._closed or not self._writable or type(s) is not str
                or self._text is not None or self._newline not in (None, "", "\n")):
            return self._write_checked(s)
        # The common case inline: a str appended to the write buffer.
        self._wbuf.append(s)
        self._wlen += len(s)
        if self._wlen >= DEFAULT_BUFFER_SIZE:
            self._flush_writes()
        return len(s)

    def _write_checked(self, s):
        self._check_writable()
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if self._text is not None:
            self._drop_read_ahead()
        n = len(s)
        if self._newline is not None and self._newline not in ("", "\n"):
            s = s.replace("\n", self._newline)
        self._wbuf.append(s)
        self._wlen += len(s)
        if self._wlen >= DEFAULT_BUFFER_SIZE:
            self._flush_writes()
        return n

    def _drop_read_ahead(self):
        # As CPython's: a write after a read goes where the read-ahead stopped (for the
        # small files CPython reads in one chunk, the end), not at the text position.
        self._text = None

    def _tell_read(self):
        return self._base + len(self._text[:self._pos].encode(self._codec, self.errors))

    def _flush_writes(self):
        if self._wbuf:
            data = "".join(self._wbuf).encode(self._codec, self.errors)
            self._wbuf = []
            self._wlen = 0
            _fileio.write(self._fd, data)

    def flush(self):
        self._check_closed()
        self._flush_writes()

    def tell(self):
        self._check_closed()
        self._flush_writes()
        if self._text is not None:
            return self._tell_read()
        return _fileio.seek(self._fd, 0, 1)

    def seek(self, cookie, whence=0):
        self._check_closed()
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            return self.tell()
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
        elif whence != 0:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        elif cookie < 0:
            raise ValueError(f"negative seek position {cookie}")
        self._flush_writes()
        self._text = None
        return _fileio.seek(self._fd, cookie, whence)


def _fspath(file):
    if isinstance(file, str):
        return file
    if isinstance(file, bytes):
        return file.decode()
    method = getattr(type(file), "__fspath__", None)
    if method is not None:
        path = method(file)
        if isinstance(path, (str, bytes)):
            return _fspath(path)
    raise TypeError(f"expected str, bytes or os.PathLike object, not {type(file).__name__}")


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    """Open file and return a stream.  Raise OSError upon failure."""
    if isinstance(file, int) and not isinstance(file, bool):
        raise ValueError("open() of a file descriptor is not supported by Adder")
    path = _fspath(file)
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    modes = set(mode)
    if modes - set("axrwb+t") or len(mode) > len(modes):
        raise ValueError(f"invalid mode: {mode!r}")
    creating = "x" in modes
    reading = "r" in modes
    writing = "w" in modes
    appending = "a" in modes
    updating = "+" in modes
    binary = "b" in modes
    if "t" in modes and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if newline is not None and not isinstance(newline, str):
        raise TypeError(f"open() argument 'newline' must be str or None, not {type(newline).__name__}")
    if newline not in (None, "", "\n", "\r", "\r\n"):
        raise ValueError(f"illegal newline value: {newline}")
    if encoding is not None:
        "".encode(encoding)  # LookupError: unknown encoding
    kind = "x" if creating else "r" if reading else "w" if writing else "a"
    fd = _fileio.open(path, kind + ("+" if updating else ""))
    readable = reading or updating
    writable = not reading or updating
    if binary:
        if updating:
            raw_mode = ("a" if appending else "x" if creating else "r") + "b+"
            return BufferedRandom(fd, file, raw_mode, readable, writable)
        cls = BufferedReader if reading else BufferedWriter
        return cls(fd, file, kind + "b", readable, writable)
    return TextIOWrapper(fd, file, mode, readable, writable, encoding, errors, newline)
