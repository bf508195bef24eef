"""A cache of loaded script files, so that ``coach`` does not parse and check every
script at each start.

Each entry is what loading one file gave: the :class:`ScriptEntry` of
:mod:`coach.script.library` (a valid Script, or the findings of a script that
does not load). It is keyed by the file's path, its source (bundled or user),
its modification time and its content (size and CRC-32 of the bytes), so an
edited file is loaded again even when its size and time look the same. The whole cache is
stamped with the code that loads scripts (the app version and the size and
time of the loader's modules), so a new version of the rules never sees an
old result.

The cache lives in ``locations.cache_dir()``. It is only a shortcut: a cache
that is missing, unreadable, corrupt or stamped by other code is ignored (and
written again); a file that cannot be read, or is too big, never comes from
it; a cache that cannot be written is not an error. It is read with an
unpickler that only builds the script model's classes, paths and plain data,
so a tampered file cannot run code.

Pure Python: no Textual, no SQLite.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import __version__, locations
from coach.script.model import MAX_BYTES, Node, Source

if TYPE_CHECKING:
    from coach.script.entry import ScriptEntry
    from coach.script.model import Script

#: Bump when the layout of the cache file changes.
FORMAT = 1
FILE_NAME = "scripts.pickle"

#: The modules whose code decides what loading a file gives.
_LOADER_MODULES = (
    "model.py",
    "check/__init__.py",
    "check/reader.py",
    "check/top.py",
    "check/sections.py",
    "check/targets.py",
    "check/nodes.py",
    "check/anytime.py",
    "check/practice.py",
    "check/rules.py",
    "yamlnodes.py",
    "load.py",
    "template.py",
    "graph.py",
    "library.py",
    "cache.py",
    "check_cache.py",
)

#: What the cache file may build: the model's classes, paths and ScriptEntry.
_ALLOWED = {
    "coach.script.model": frozenset(
        {
            "Position",
            "Finding",
            "Variable",
            "ChecklistItem",
            "Capture",
            "Choice",
            "Node",
            "SideFlow",
            "Answer",
            "Scenario",
            "Script",
        }
    ),
    "coach.script.entry": frozenset({"ScriptEntry"}),
    "coach.script.cache": frozenset({"CachedNodes"}),
    "pathlib": frozenset({"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"}),
}

#: (path, source, modification time in ns, size, CRC-32) of one file's content.
Key = tuple[str, str, int, int, int]


def code_stamp() -> tuple[Any, ...]:
    """The app version, the Python version and the size and time of the loader's modules."""
    here = os.path.dirname(os.path.abspath(__file__))
    return (FORMAT, __version__, sys.version_info[:2], locations.file_stamps(here, _LOADER_MODULES))


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the script cache")


class CachedNodes(Mapping[str, Node]):
    """A cached script's nodes, kept pickled until first used.

    The command line loads the script it is given before anything is shown,
    and a call shows its details and checklist before any step: a 10,000-step
    script is some 150,000 objects, 80 ms to unpickle (with the collector
    off), and nothing before the call needs them. So a cache entry holds its
    script's nodes as one pickle of their own (with its CRC-32, checked when
    the cache is read), unpickled the first time the mapping is used.
    """

    __slots__ = ("_blob", "_crc", "_nodes")

    def __init__(self, blob: bytes, crc: int) -> None:
        self._blob: bytes | None = blob
        self._crc = crc
        self._nodes: dict[str, Node] | None = None

    @classmethod
    def pack(cls, nodes: Mapping[str, Node]) -> CachedNodes:
        blob = pickle.dumps(dict(nodes), protocol=pickle.HIGHEST_PROTOCOL)
        packed = cls(blob, zlib.crc32(blob))
        packed._nodes = dict(nodes)
        return packed

    def intact(self) -> bool:
        """The pickle is the one written (its CRC-32 matches)."""
        return self._blob is None or (
            isinstance(self._blob, bytes)
            and isinstance(self._crc, int)
            and zlib.crc32(self._blob) == self._crc
        )

    def load(self) -> None:
        """Unpickle the nodes now (``warm``), if not done yet."""
        self._loaded  # noqa: B018  # the property unpickles them

    @property
    def _loaded(self) -> dict[str, Node]:
        nodes = self._nodes
        if nodes is None:
            assert self._blob is not None
            # Tens of thousands of objects that live as long as the script:
            # the collector would walk them over and over while they are built.
            collecting = gc.isenabled()
            gc.disable()
            try:
                nodes = _Unpickler(io.BytesIO(self._blob)).load()
            finally:
                if collecting:
                    gc.enable()
            if not isinstance(nodes, dict) or not all(isinstance(n, Node) for n in nodes.values()):
                raise pickle.UnpicklingError("the script cache holds something else than nodes")
            self._nodes, self._blob = nodes, None
        return nodes

    def __getitem__(self, node_id: str) -> Node:
        return self._loaded[node_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded)

    def __len__(self) -> int:
        return len(self._loaded)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._loaded

    def get(self, node_id: str, default: Any = None) -> Any:
        return self._loaded.get(node_id, default)

    def keys(self) -> KeysView[str]:
        return self._loaded.keys()

    def values(self) -> ValuesView[Node]:
        return self._loaded.values()

    def items(self) -> ItemsView[str, Node]:
        return self._loaded.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CachedNodes):
            other = other._loaded
        return self._loaded == other if isinstance(other, Mapping) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping, as a dict

    def __repr__(self) -> str:
        if self._nodes is None:
            return f"CachedNodes(<{len(self._blob or b'')} bytes, not loaded>)"
        return f"CachedNodes({self._nodes!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        if self._blob is None:
            packed = CachedNodes.pack(self._loaded)
            return (CachedNodes, (packed._blob, packed._crc))
        return (CachedNodes, (self._blob, self._crc))


def warm(script: Script) -> None:
    """Unpickle ``script``'s nodes now if they came from the cache and are not yet:
    the walk does it while its first screen is read, before the call needs them."""
    if isinstance(script.nodes, CachedNodes):
        script.nodes.load()


def _packed(entry: ScriptEntry) -> ScriptEntry:
    """``entry`` with its script's nodes as :class:`CachedNodes`, to be written."""
    script = entry.script
    if script is None or isinstance(script.nodes, CachedNodes):
        return entry
    nodes = CachedNodes.pack(script.nodes)
    return entry._replace(script=script._replace(nodes=nodes))


def read_file(path: Path) -> tuple[bytes, int] | None:
    """The bytes of a script file and its modification time (ns).

    None when it cannot be read or is too big.
    """
    from coach.script.files import read_regular

    try:
        data, st = read_regular(path, MAX_BYTES)
    except (OSError, ValueError):
        return None  # the loader says why (not a regular file, too big, unreadable)
    return data, st.st_mtime_ns


def content_key(path: Path, source: Source, data: bytes, mtime_ns: int) -> Key:
    return (str(path), source, mtime_ns, len(data), zlib.crc32(data))


class ScriptCache:
    """The cache file: read once, looked up per file, written back when it changed."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file if file is not None else locations.cache_dir() / FILE_NAME
        self._stamp = code_stamp()
        self._old: dict[Key, ScriptEntry] = self._read()
        self._new: dict[Key, ScriptEntry] = {}

    def _read(self) -> dict[Key, ScriptEntry]:
        try:
            with open(self.file, "rb") as handle:
                data = handle.read()
        except OSError:
            return {}
        try:
            content = _Unpickler(io.BytesIO(data)).load()
        except Exception:  # a corrupt or foreign cache is ignored, whatever it holds
            return {}
        if not isinstance(content, dict) or content.get("stamp") != self._stamp:
            return {}
        entries = content.get("entries")
        if not isinstance(entries, dict):
            return {}
        return {key: entry for key, entry in entries.items() if _valid(key, entry)}

    def get(self, key: Key) -> ScriptEntry | None:
        """The entry loaded from exactly this content, if the cache has it."""
        entry = self._old.get(key)
        if entry is not None:
            self._new[key] = entry
        return entry

    def put(self, key: Key, entry: ScriptEntry) -> None:
        self._new[key] = entry

    @property
    def changed(self) -> bool:
        """True when the file does not hold exactly the entries used this time."""
        return self._new.keys() != self._old.keys()

    def save(self) -> None:
        """Write the entries used this time (atomically); a failure is ignored."""
        entries = {key: _packed(entry) for key, entry in self._new.items()}
        content = {"stamp": self._stamp, "entries": entries}
        try:
            data = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.file.name}.", dir=self.file.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self.file)
            except BaseException:
                with suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return
        self._old = dict(self._new)


def _valid(key: object, entry: object) -> bool:
    from coach.script.entry import ScriptEntry
    from coach.script.model import Finding, Script

    if not (
        isinstance(key, tuple)
        and len(key) == 5
        and isinstance(key[0], str)
        and isinstance(key[1], str)
        and all(isinstance(part, int) for part in key[2:])
    ):
        return False
    if not isinstance(entry, ScriptEntry):
        return False
    if entry.script is not None and not isinstance(entry.script, Script):
        return False
    if entry.script is not None:
        nodes = entry.script.nodes
        if not isinstance(nodes, dict | CachedNodes):
            return False
        if isinstance(nodes, CachedNodes) and not nodes.intact():
            return False
    if not isinstance(entry.findings, list):
        return False
    if not all(isinstance(f, Finding) for f in entry.findings):
        return False
    return str(entry.path) == key[0] and entry.source == key[1]


def load_entries(
    files: Iterable[tuple[Source, Path]],
    load: Callable[[Path, Source, bytes | None], ScriptEntry],
    cache: ScriptCache | None = None,
) -> list[ScriptEntry]:
    """``load(path, source, data)`` of every file, through the cache.

    ``data`` is the file's bytes when they could be read (the cache key is
    made of them, so the entry kept is the one of exactly those bytes), or
    None (then ``load`` reads the file itself and reports why it cannot).
    """
    if cache is None:
        cache = ScriptCache()
    entries = []
    for source, path in files:
        read = read_file(path)
        if read is None:
            entries.append(load(path, source, None))
            continue
        data, mtime_ns = read
        key = content_key(path, source, data, mtime_ns)
        entry = cache.get(key)
        if entry is None:
            entry = load(path, source, data)
            cache.put(key, entry)
        entries.append(entry)
    if cache.changed:
        cache.save()
    return entries


def entry_name(path: Path, suffix: str) -> tuple[str, str]:
    """A file name for what is kept about ``path`` alone (a hash of its resolved
    path, then ``suffix``), and that resolved path."""
    try:
        where = str(path.resolve())
    except (OSError, RuntimeError):
        where = str(path.absolute())
    return f"{zlib.crc32(where.encode('utf-8', 'surrogateescape')):08x}{suffix}", where


#: Where :func:`load_one` keeps a file's entry: a cache file of its own per file.
FILES_FOLDER = "files"


def load_one(
    path: Path, source: Source, load: Callable[[Path, Source, bytes | None], ScriptEntry]
) -> ScriptEntry | None:
    """``load(path, source, data)`` of one file, through a cache of its own.

    For a script named on the command line (``coach call PATH``, ``coach
    graph``): a 10,000-step file takes about a second to read and check and
    60 ms to unpickle. Its own cache file, not the library's, so a big script
    called once does not slow every start of home. None when the file cannot
    be read (the loader says why).
    """
    read = read_file(path)
    if read is None:
        return None
    data, mtime_ns = read
    name, _where = entry_name(path, ".pickle")
    cache = ScriptCache(locations.cache_dir() / FILES_FOLDER / name)
    key = content_key(path, source, data, mtime_ns)
    entry = cache.get(key)
    if entry is None:
        entry = load(path, source, data)
        cache.put(key, entry)
    if cache.changed:
        cache.save()
    return entry
