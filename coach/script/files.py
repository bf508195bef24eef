"""Reading a script file: only a regular file is ever read.

A FIFO named ``x.yaml`` in the scripts folder froze every command that
listed scripts (``open()`` waits for a writer), ``/dev/zero`` would be read
for ever, and a symlink loop or a folder gave odd messages. The file is
opened without waiting (``O_NONBLOCK``: it changes nothing for a regular
file) and looked at through its descriptor before a byte is read, so what
is checked is what is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: The words for each kind of thing that is not a regular file.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class NotARegularFile(OSError):
    """The path is a folder, a pipe, a device or a socket: it is never read."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
        self.kind = kind


class TooBig(OSError):
    """The file is larger than the limit it was read with."""

    def __init__(self, path: Path | str, size: int) -> None:
        super().__init__(errno.EFBIG, "the file is too big", str(path))
        self.size = size


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is, in words."""
    if stat.S_ISREG(mode):
        return None
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a file"


def read_regular(path: Path | str, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` (at most ``limit``) and its stat.

    Raises ``NotARegularFile`` for anything else, ``TooBig`` past ``limit``,
    and the ``OSError`` of opening it (no such file, permission, a loop).
    """
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        kind = kind_of(st.st_mode)
        if kind is not None:
            raise NotARegularFile(path, kind)
        if st.st_size > limit:
            raise TooBig(path, st.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(st.st_size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise TooBig(path, len(data))
    return data, st


def is_regular(path: Path | str) -> bool:
    """True when ``path`` is a regular file (following links); never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
