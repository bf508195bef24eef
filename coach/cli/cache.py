"""``coach log`` and ``coach due`` answered with their last output while nothing it
depends on changed.

Both are read-only and are run again and again (by scripts, status bars, the
end-to-end checks) on a record that has not changed since the last time. Run
afresh, ``coach due --json`` on 1,000 jobs imports argparse, datetime, the
rules and the holidays and works out each job's next step: about 100 ms,
4x a bare ``python -c "import sqlite3"``; the standard library it needs
alone is 1.5x. Kept, it is that floor, what ``python -m`` itself costs
(runpy: ~1.2x), and reading one file: ~1.3x.

An entry per command line, in ``<cache>/cli/``, holds what the run wrote
(stdout and stderr, in order) under a key of everything the output depends
on, checked before argparse or any command module is imported:

- the exact arguments, and today's date (for every command line, so an entry
  lasts a day at most: ``coach due`` without ``--today`` needs it);
- the interpreter, the package folder and the variables that move the folders
  or the date order (``COACH_HOME``, ``XDG_*``, ``HOME``, ``LC_ALL``...), and
  the encodings of stdout and stderr;
- the call record's change stamp, data version and schema version
  (:func:`coach.store.changes.read_stamp`): any write by anyone changes it;
- the settings file's bytes;
- the size and time of every module of the package the run imported (a dev
  checkout's edit is a new key), and of the ``holidays`` library when used;
- each "is this call's process alive?" the run asked, asked again.

Only a run that ended with exit code 0, wrote everything it meant to, and
stayed within one day is kept. A missing, corrupt, foreign or unreadable
entry, or any surprise here at all, means the command simply runs; a cache
folder that cannot be written is no error. Deleting the folder is always safe.
Only the process's own command line is served (``main()`` without
arguments): tests that call ``main(argv)`` always run the command.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

#: The commands kept (``coach.cli.CACHED`` too: a test keeps them the same).
COMMANDS = ("log", "due")
#: The first bytes of an entry; a new layout is a new number.
MAGIC = b"coach cli cache 1\n"
#: The variables that move the folders or the date order.
ENVIRONMENT = (
    "COACH_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "HOME",
    "LC_ALL",
    "LC_TIME",
    "LANG",
)
#: An output longer than this is not kept (``coach log --json`` of 10,000 calls
#: is 7 MB; its text, 1 MB, is kept).
MAX_TEXT = 2_000_000
#: The folder keeps at most this many entries, and this many bytes (the oldest go).
MAX_ENTRIES = 24
MAX_BYTES = 16_000_000

_STDOUT, _STDERR = 1, 2


def _today() -> str:
    now = time.localtime()
    return f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"


def _stream_id(stream: TextIO) -> tuple[str, str]:
    return (str(getattr(stream, "encoding", "")), str(getattr(stream, "errors", "")))


def _settings_bytes(path: str) -> bytes | None:
    """The settings file's bytes; None when there is none (OSError if unreadable)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _key(argv: list[str]) -> tuple[Any, ...] | None:
    """What the output depends on that can be known before the run; None: not kept."""
    if not argv or argv[0] not in COMMANDS or sys.stdout is None or sys.stderr is None:
        return None
    import coach
    from coach import locations

    if locations.home_problem() is not None:
        return None  # the command says what is wrong with COACH_HOME
    from coach.store.changes import read_stamp

    database = locations.database_file()
    stamp = read_stamp(database)
    if stamp is None:
        return None
    settings = locations.config_file("settings.toml")
    return (
        tuple(argv),
        _today(),
        sys.version,
        sys.executable,
        os.path.dirname(coach.__file__ or ""),
        coach.__version__,
        tuple(os.environ.get(name) for name in ENVIRONMENT),
        _stream_id(sys.stdout),
        _stream_id(sys.stderr),
        database,
        stamp,
        settings,
        _settings_bytes(settings),
    )


def _entry_path(argv: list[str]) -> str:
    from binascii import crc32

    from coach import locations

    name = f"{argv[0]}-{crc32(repr(argv).encode('utf-8', 'surrogatepass')):08x}.bin"
    return locations.cache_file("cli", name)


def serve(argv: list[str]) -> int | Recorder | None:
    """The exit code after writing ``argv``'s kept output; else a :class:`Recorder`
    to keep this run's (or None: this command line is never kept)."""
    try:
        key = _key(argv)
        if key is None:
            return None
        path = _entry_path(argv)
    except Exception:  # any surprise: the command runs as if there were no cache
        return None
    try:
        chunks = _kept(path, key)
    except Exception:  # a damaged entry, a module gone: run, and keep it anew
        chunks = None
    if chunks is None:
        return Recorder(argv, key, path)
    return _replay(chunks)


def _kept(path: str, key: tuple[Any, ...]) -> list[tuple[int, str]] | None:
    """The entry's output if it was made under ``key`` and still holds; else None."""
    import marshal
    from binascii import crc32

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    head = len(MAGIC) + 4
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    if int.from_bytes(data[len(MAGIC) : head], "big") != crc32(data[head:]):
        return None
    entry = marshal.loads(data[head:])
    if not (isinstance(entry, tuple) and len(entry) == 4 and entry[0] == key):
        return None
    _, files, answers, chunks = entry
    for name, size, mtime_ns in files:
        info = os.stat(name)
        if info.st_size != size or info.st_mtime_ns != mtime_ns:
            return None
    if answers:
        from coach.store.liveness import process_alive

        for pid, marker, alive in answers:
            if process_alive(pid, marker) is not alive:
                return None
    if not all(fd in (_STDOUT, _STDERR) and type(text) is str for fd, text in chunks):
        return None
    return list(chunks)


def _replay(chunks: list[tuple[int, str]]) -> int:
    """Write what the run wrote, as it wrote it; the exit code it had (0), or what
    a failed write gives (see ``coach.cli._main``)."""
    try:
        for fd, text in chunks:
            (sys.stdout if fd == _STDOUT else sys.stderr).write(text)
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130  # as coach.cli._main: INTERRUPTED
    except OSError as exc:
        from coach.cli.status import os_error_code

        return os_error_code(exc)
    return 0


class _Tee:
    """A text stream that writes through and keeps what it was given."""

    def __init__(self, stream: TextIO, fd: int, recorder: Recorder) -> None:
        self._stream, self._fd, self._recorder = stream, fd, recorder

    def write(self, text: str) -> int:
        self._recorder.note(self._fd, text)
        try:
            return self._stream.write(text)
        except BaseException:
            self._recorder.failed = True
            raise

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BaseException:
            self._recorder.failed = True
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Recorder:
    """Keeps what one run of a command writes, to be served next time (see :func:`serve`)."""

    def __init__(self, argv: list[str], key: tuple[Any, ...], path: str) -> None:
        self.argv, self.key, self.path = list(argv), key, path
        #: What was written, in order: the stream and its pieces (joined once, at
        #: the end: ``coach log`` of 10,000 calls prints 20,000 of them).
        self.chunks: list[tuple[int, list[str]]] = []
        self.size = 0
        #: A write failed, or the output grew too long: nothing is kept.
        self.failed = False
        self._streams: tuple[Any, Any] | None = None

    def note(self, fd: int, text: str) -> None:
        if self.failed or type(text) is not str:
            self.failed = True
            return
        self.size += len(text)
        if self.size > MAX_TEXT:
            self.failed = True
            self.chunks = []
        elif self.chunks and self.chunks[-1][0] == fd:
            self.chunks[-1][1].append(text)
        else:
            self.chunks.append((fd, [text]))

    def start(self) -> None:
        """Keep what is written from now on (the streams pass it through)."""
        from coach.store import changes, liveness

        # The stamp again, with the triggers checked, now the file is being
        # read: a stamp some write would not change must key nothing.
        if changes.read_stamp(self.key[9], check_triggers=True) != self.key[10]:
            self.failed = True
        liveness.answers = []
        self._streams = (sys.stdout, sys.stderr)
        sys.stdout = _Tee(sys.stdout, _STDOUT, self)
        sys.stderr = _Tee(sys.stderr, _STDERR, self)

    def stop(self, code: int | None) -> None:
        """Put the streams back; keep the output if the run went well (``code`` 0)."""
        if self._streams is not None:
            sys.stdout, sys.stderr = self._streams
            self._streams = None
        from coach.store import liveness

        answers, liveness.answers = liveness.answers or [], None
        if code != 0 or self.failed or _today() != self.key[1]:
            return
        from contextlib import suppress

        with suppress(Exception):  # only a shortcut: the next run runs afresh
            self._write(answers)

    def _files(self) -> list[tuple[str, int, int]]:
        """The package's modules this run imported, and the holidays library if used."""
        import coach

        folder = os.path.dirname(coach.__file__ or "") + os.sep
        names = set()
        for module in list(sys.modules.values()):
            name = getattr(module, "__file__", None)
            if isinstance(name, str) and name.startswith(folder):
                names.add(name)
        if "coach.call.holidaycache" in sys.modules:
            from importlib.util import find_spec

            spec = find_spec("holidays")
            if spec is None or not spec.origin:  # installed later, it would change the output
                raise LookupError("the holidays library is not found: nothing is kept")
            names.add(spec.origin)
        files = []
        for name in sorted(names):
            info = os.stat(name)
            files.append((name, info.st_size, info.st_mtime_ns))
        return files

    def _write(self, answers: list[tuple[Any, Any, bool]]) -> None:
        import marshal
        from binascii import crc32

        chunks = [(fd, "".join(pieces)) for fd, pieces in self.chunks]
        entry = (self.key, self._files(), answers, chunks)
        payload = marshal.dumps(entry)
        folder = os.path.dirname(self.path)
        os.makedirs(folder, exist_ok=True)
        temp = f"{self.path}.{os.getpid()}.tmp"
        # The name is this process's own: one left by a crash is written over.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + crc32(payload).to_bytes(4, "big") + payload)
            os.replace(temp, self.path)
        except BaseException:
            from contextlib import suppress

            with suppress(OSError):
                os.unlink(temp)
            raise
        _prune(folder)


def _prune(folder: str) -> None:
    """Keep the newest entries, at most :data:`MAX_ENTRIES` and :data:`MAX_BYTES`;
    remove what a crash left half-written (a temporary file older than a minute)."""
    from contextlib import suppress

    entries = []
    old = (time.time() - 60) * 1e9
    for entry in os.scandir(folder):
        with suppress(OSError):
            if entry.name.endswith(".bin"):
                info = entry.stat()
                entries.append((info.st_mtime_ns, info.st_size, entry.path))
            elif entry.name.endswith(".tmp") and entry.stat().st_mtime_ns < old:
                os.unlink(entry.path)
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, name) in enumerate(entries):
        total += size
        if count >= MAX_ENTRIES or total > MAX_BYTES:
            with suppress(OSError):
                os.unlink(name)
