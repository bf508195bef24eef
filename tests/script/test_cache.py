"""The script cache: the entries loading gives, a changed file loaded again, bad caches ignored."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.script import cache as cache_module
from coach.script import library
from coach.script.cache import FILE_NAME, ScriptCache, load_entries
from coach.script.library import ScriptEntry, discover
from coach.script.model import MAX_BYTES, Source
from tests.script.conftest import BASE

BROKEN = BASE.replace("say: Hi", "sya: Hi")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    scripts = tmp_path / "home" / "config" / "scripts"
    scripts.mkdir(parents=True)
    return tmp_path / "home"


def _cache_file(home: Path) -> Path:
    return home / "data" / "cache" / FILE_NAME


class CountingLoad:
    """The library's loader, counting the files it really loads."""

    def __init__(self) -> None:
        self.loaded: list[Path] = []

    def __call__(self, path: Path, source: Source, data: bytes | None) -> ScriptEntry:
        self.loaded.append(path)
        return library._load(path, source, data)


def _files() -> list[tuple[Source, Path]]:
    return [(source, path) for _id, source, path in library.script_files()]


def test_cached_entries_equal_loaded_ones(home: Path) -> None:
    user = home / "config" / "scripts"
    (user / "mine.yaml").write_text(BASE, encoding="utf-8")
    (user / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    fresh = discover(cache=False)
    first = discover()  # loads and writes the cache
    assert _cache_file(home).is_file()
    load = CountingLoad()
    second = load_entries(_files(), load)
    assert load.loaded == []  # every file came from the cache
    assert fresh == first == second
    broken = next(e for e in second if e.id == "broken")
    assert broken.script is None and broken.first_error is not None
    assert "'say' is missing" in broken.first_error.message


def test_a_changed_file_is_loaded_again_even_with_the_same_size_and_time(home: Path) -> None:
    path = home / "config" / "scripts" / "mine.yaml"
    path.write_text(BASE, encoding="utf-8")
    stat = path.stat()
    discover()
    changed = BASE.replace("title: Test", "title: Tess")
    assert len(changed) == len(BASE)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    load = CountingLoad()
    entries = load_entries(_files(), load)
    assert load.loaded == [path]
    assert next(e for e in entries if e.id == "mine").title == "Tess"


def test_a_touched_file_is_loaded_again(home: Path) -> None:
    path = home / "config" / "scripts" / "mine.yaml"
    path.write_text(BASE, encoding="utf-8")
    discover()
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    load = CountingLoad()
    load_entries(_files(), load)
    assert load.loaded == [path]


def test_a_user_script_shadowing_a_bundled_one_is_its_own_entry(home: Path) -> None:
    path = home / "config" / "scripts" / "follow-up.yaml"
    path.write_text(BASE, encoding="utf-8")
    discover()
    entries = discover()
    (entry,) = [e for e in entries if e.id == "follow-up"]
    assert (entry.source, entry.path, entry.title) == ("user", path, "Test")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps({"stamp": "other", "entries": {}}),
        pickle.dumps(["a", "list"]),
        pickle.dumps({"stamp": None, "entries": "nope"}),
    ],
)
def test_a_bad_cache_is_ignored_and_written_again(home: Path, content: bytes) -> None:
    fresh = discover(cache=False)
    file = _cache_file(home)
    file.parent.mkdir(parents=True)
    file.write_bytes(content)
    assert discover() == fresh
    load = CountingLoad()
    assert load_entries(_files(), load) == fresh
    assert load.loaded == []


def test_a_truncated_cache_is_ignored(home: Path) -> None:
    fresh = discover()
    file = _cache_file(home)
    file.write_bytes(file.read_bytes()[:-100])
    load = CountingLoad()
    assert load_entries(_files(), load) == fresh
    assert len(load.loaded) == len(fresh)


def test_entries_of_the_wrong_type_are_ignored(home: Path) -> None:
    fresh = discover()
    file = _cache_file(home)
    entries = {
        cache_module.content_key(path, source, path.read_bytes(), path.stat().st_mtime_ns): "x"
        for source, path in _files()
    }
    file.write_bytes(pickle.dumps({"stamp": cache_module.code_stamp(), "entries": entries}))
    load = CountingLoad()
    assert load_entries(_files(), load) == fresh
    assert len(load.loaded) == len(fresh)


def test_a_cache_that_would_run_code_is_refused(home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    fresh = discover()
    _cache_file(home).write_bytes(pickle.dumps({"stamp": cache_module.code_stamp(), "x": Evil()}))
    assert discover() == fresh
    assert not marker.exists()


def test_another_code_stamp_is_not_trusted(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    discover()
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    load = CountingLoad()
    load_entries(_files(), load)
    assert len(load.loaded) == len(_files())


def test_an_unwritable_cache_folder_is_not_an_error(home: Path) -> None:
    (home / "data").mkdir(parents=True)
    (home / "data" / "cache").write_text("a file where the folder should be")
    assert discover() == discover(cache=False)


def test_unreadable_and_too_big_files_never_come_from_the_cache(home: Path) -> None:
    user = home / "config" / "scripts"
    (user / "folder.yaml").mkdir()
    big = user / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    fresh = discover(cache=False)
    discover()
    load = CountingLoad()
    entries = load_entries(_files(), load)
    assert entries == fresh
    assert sorted(load.loaded) == sorted([user / "folder.yaml", big])
    assert {e.id for e in entries if not e.ok} >= {"folder", "big"}


def test_only_the_entries_in_use_are_kept(home: Path) -> None:
    path = home / "config" / "scripts" / "mine.yaml"
    path.write_text(BASE, encoding="utf-8")
    discover()
    path.unlink()
    discover()
    cache = ScriptCache(_cache_file(home))
    assert not any(key[0] == str(path) for key in cache._old)


def test_a_warm_start_imports_neither_yaml_nor_the_checker(home: Path) -> None:
    discover()
    code = textwrap.dedent(
        """
        import sys
        from coach.script.library import discover
        entries = discover()
        checker = "coach.script.check" in sys.modules
        print(all(e.ok for e in entries), "yaml" in sys.modules, checker)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(home)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "False"]


def test_the_code_stamp_covers_every_module_of_the_loader() -> None:
    here = Path(cache_module.__file__).parent
    stamped = set(cache_module._LOADER_MODULES)
    assert all((here / name).is_file() for name in stamped)
    checker = {f"check/{p.name}" for p in (here / "check").glob("*.py")}
    assert checker <= stamped


# ------------------------------------------- a script named on the command line
def count_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths the library reads from their files (not from the cache), as it reads them."""
    loaded: list[Path] = []
    real = library._load

    def counting(path: Path, source: Source, data: bytes | None) -> ScriptEntry:
        loaded.append(path)
        return real(path, source, data)

    monkeypatch.setattr(library, "_load", counting)
    return loaded


def test_a_script_named_by_path_is_loaded_once_and_then_kept(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "named.yaml"
    path.write_text(BASE, encoding="utf-8")
    loaded = count_loads(monkeypatch)
    first = library.resolve(str(path))
    again = library.resolve(str(path))
    assert again == first
    assert loaded == [path]
    # Its own cache file: the library's stays as it was (none written here).
    assert not _cache_file(home).exists()
    assert list((home / "data" / "cache" / cache_module.FILES_FOLDER).glob("*.pickle"))
    path.write_text(BASE.replace("say: Hi", "say: Hello"), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert library.resolve(str(path)) != first
    assert loaded == [path, path]


def test_a_broken_script_named_by_path_fails_the_same_from_the_cache(
    home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(library.ScriptError) as first:
        library.resolve(str(path))
    with pytest.raises(library.ScriptError) as again:
        library.resolve(str(path))
    assert again.value.findings == first.value.findings
    assert first.value.findings and not again.value.unreadable


def test_an_unreadable_script_named_by_path_says_why_and_is_never_kept(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(library.ScriptError) as caught:
        library.resolve(str(folder))
    assert caught.value.unreadable
    assert not (home / "data" / "cache" / cache_module.FILES_FOLDER).exists()


# ------------------------------------------------- the nodes, unpickled when used
def _cached_nodes(nodes: object) -> bool:
    """The nodes came from the cache and are still pickled."""
    return isinstance(nodes, cache_module.CachedNodes) and nodes._nodes is None


def test_a_cached_scripts_nodes_are_unpickled_when_first_used(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "named.yaml"
    path.write_text(BASE, encoding="utf-8")
    fresh = library.resolve(str(path))
    assert isinstance(fresh.nodes, dict)  # loaded from the file: plain
    cached = library.resolve(str(path))
    assert _cached_nodes(cached.nodes)
    assert cached.title == fresh.title and cached.start == fresh.start  # nodes not needed
    assert _cached_nodes(cached.nodes)
    assert cached.node(cached.start) == fresh.node(fresh.start)
    assert not _cached_nodes(cached.nodes)
    assert cached == fresh and dict(cached.nodes) == fresh.nodes
    assert list(cached.nodes.items()) == list(fresh.nodes.items())
    assert len(cached.nodes) == len(fresh.nodes) and "nope" not in cached.nodes


def test_warm_unpickles_the_nodes_and_kept_ones_pickle_again(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "named.yaml"
    path.write_text(BASE, encoding="utf-8")
    fresh = library.resolve(str(path))
    cached = library.resolve(str(path))
    cache_module.warm(cached)
    assert not _cached_nodes(cached.nodes)
    cache_module.warm(fresh)  # plain nodes: nothing to do
    again = cache_module._Unpickler(io.BytesIO(pickle.dumps(cached))).load()
    assert _cached_nodes(again.nodes) and again == fresh


def test_nodes_damaged_in_the_cache_are_loaded_from_the_file_again(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "named.yaml"
    path.write_text(BASE, encoding="utf-8")
    fresh = library.resolve(str(path))
    (kept,) = (home / "data" / "cache" / cache_module.FILES_FOLDER).glob("*.pickle")
    content = kept.read_bytes()
    blob = pickle.dumps(dict(fresh.nodes), protocol=pickle.HIGHEST_PROTOCOL)
    assert content.count(blob) == 1
    damaged = blob.replace(b"Hi", b"Ho", 1)  # the say text: only the CRC-32 tells
    kept.write_bytes(content.replace(blob, damaged))
    loaded = count_loads(monkeypatch)
    assert library.resolve(str(path)) == fresh
    assert loaded == [path]
