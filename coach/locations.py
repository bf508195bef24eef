"""Every folder and file the app uses, in one place.

``COACH_HOME=DIR`` puts config in ``DIR/config`` and data in ``DIR/data``
(tests and the end-to-end checks use it).

``pathlib`` is imported when a folder is first asked for, not with this
module (every command imports it): with ``urllib.parse`` and ``ipaddress``
it is 4 ms of a start. :func:`database_file` names the call record as text
without it, for the commands that only read it (``coach log``).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

APP_NAME = "call-coach"


def _home() -> Path | None:
    from pathlib import Path

    value = os.environ.get("COACH_HOME")
    return Path(value).expanduser() if value else None


def posix_text(first: str, *names: str) -> str | None:
    """``str(Path(first, *names))`` on a POSIX system, worked out without ``pathlib``.

    ``names`` are plain names (no slash). None where pathlib's own rules are
    needed: another system, or ``first`` starting with ``~``.
    """
    if os.name != "posix" or first.startswith("~"):
        return None
    # PurePosixPath keeps exactly two leading slashes, folds three or more into
    # one, and drops empty and "." parts.
    root = "//" if first[:2] == "//" and first[2:3] != "/" else "/" if first[:1] == "/" else ""
    parts = [part for part in first.split("/") if part and part != "."]
    return root + "/".join([*parts, *names]) or "."


def home_problem() -> str | None:
    """What is wrong with ``COACH_HOME`` as set, in a sentence; None when it is fine.

    Set but empty used to mean the user's real folders, silently; a file
    there failed later with a traceback. A folder not there yet is fine (it
    is made on first write).
    """
    value = os.environ.get("COACH_HOME")
    if value is None:
        return None
    if not value.strip():
        return "COACH_HOME is set but empty; unset it to use your own folders, or give it a folder"
    path = os.path.expanduser(value)
    if os.path.lexists(path) and not os.path.isdir(path):
        return f"COACH_HOME={value} is not a folder; give it a folder (it is made if missing)"
    return None


def _plain_linux_text(variable: str, default: str) -> str | None:
    """:func:`_plain_linux_dir` as text, or None (ask platformdirs)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system":
        return None
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return posix_text(value, APP_NAME)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return posix_text(home.rstrip("/") + default, APP_NAME)


def _plain_linux_dir(variable: str, default: str) -> Path | None:
    """What platformdirs answers on Linux in the plain case, without importing it.

    ``$variable`` (``XDG_DATA_HOME``...) when it is an absolute path, else
    ``default`` under an absolute ``$HOME``; then the app's folder. None for
    anything else (another platform, Android, no absolute home): ask
    platformdirs. Importing it costs every command 6 ms (its unix module
    imports tempfile, hence shutil and random); tests/test_locations.py
    checks that both agree.
    """
    text = _plain_linux_text(variable, default)
    if text is None:
        return None
    from pathlib import Path

    return Path(text)


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    plain = _plain_linux_dir("XDG_CONFIG_HOME", "/.config")
    if plain is not None:
        return plain
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    plain = _plain_linux_dir("XDG_DATA_HOME", "/.local/share")
    if plain is not None:
        return plain
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def cache_dir() -> Path:
    """Results kept to start faster (loaded scripts, ``coach check`` findings, the
    output of ``coach log`` and ``coach due``); deleting it is always safe."""
    return data_dir() / "cache"


def user_scripts_dir() -> Path:
    """Where the user's own call scripts live."""
    return config_dir() / "scripts"


def user_drafts_dir() -> Path:
    """The user's own draft templates, ``<kind>.txt`` (see :mod:`coach.call.drafts`)."""
    return config_dir() / "drafts"


def recovery_dir() -> Path:
    """Unsaved editor text, kept until saved or thrown away (see coach.store.editor_recovery)."""
    return data_dir() / "recovery"


def database_path() -> Path:
    return data_dir() / "coach.db"


def _file_text(folder: str, variable: str, default: str, *names: str) -> str | None:
    """A file of the config or data folder as text (None: ask pathlib or platformdirs)."""
    value = os.environ.get("COACH_HOME")
    if value:
        return posix_text(value, folder, *names)
    plain = _plain_linux_text(variable, default)
    return posix_text(plain, *names) if plain is not None else None


def database_file() -> str:
    """``str(database_path())``, without importing ``pathlib`` where it can."""
    text = _file_text("data", "XDG_DATA_HOME", "/.local/share", "coach.db")
    return text if text is not None else str(database_path())


def cache_file(*names: str) -> str:
    """``str(cache_dir().joinpath(*names))``, without importing ``pathlib`` where it can
    (``coach log`` and ``coach due`` look for their kept output there first)."""
    text = _file_text("data", "XDG_DATA_HOME", "/.local/share", "cache", *names)
    return text if text is not None else str(cache_dir().joinpath(*names))


def config_file(name: str) -> str:
    """``str(config_dir() / name)``, without importing ``pathlib`` where it can."""
    text = _file_text("config", "XDG_CONFIG_HOME", "/.config", name)
    return text if text is not None else str(config_dir() / name)


def bundled_scripts_dir() -> Path:
    """Scripts shipped inside the package (read-only)."""
    from pathlib import Path

    return Path(__file__).parent / "script" / "bundled"


def schema_path() -> Path:
    """The JSON Schema file kept current for editors."""
    return config_dir() / "call-script.schema.json"


# -- writing user files (DESIGN: atomic, temp file + os.replace) --------------------
def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform allows it.
    import contextlib  # here: the readers never write (contextlib is 1.4 ms of a start)

    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_temp(folder: Path, name: str, data: bytes, mode: int | None) -> Path:
    import contextlib
    import tempfile  # here: every command imports this module, few of them write
    from pathlib import Path

    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    tmp = write_temp(path.parent, path.name, text.encode("utf-8"), mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        import contextlib

        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def file_stamps(folder: str, names: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """(name, size, modification time in ns) of each file of ``folder``, (name, -1, -1)
    for one that cannot be read: what the caches stamp the code that made them with."""
    stamps: list[tuple[str, int, int]] = []
    for name in names:
        try:
            st = os.stat(os.path.join(folder, name))
        except OSError:
            stamps.append((name, -1, -1))
        else:
            stamps.append((name, st.st_size, st.st_mtime_ns))
    return tuple(stamps)
