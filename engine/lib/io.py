"""In-memory text streams (StringIO) and the I/O names everyday code imports."""

import sys

__all__ = ["StringIO", "TextIOBase", "IOBase", "UnsupportedOperation", "SEEK_SET",
           "SEEK_CUR", "SEEK_END"]

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
