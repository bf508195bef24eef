"""The user's settings file, ``settings.toml`` beside the scripts folder.

Three tables are read::

    [profile]               # the values every script gets, by variable id
    your_name = "Sam Jones"
    phone = "07700 900123"

    [follow_up]
    country = "GB"          # public holidays of this country are not business days

    [dates]
    order = "dmy"           # 12/11 is 12 November ("mdy": December 11); by default
                            # from the locale (LC_ALL, LC_TIME, LANG): en_US is mdy

Reading (:func:`load_settings`) never raises: a missing file gives the
defaults, a file that does not parse gives the defaults and
:attr:`Settings.problem` (the file, the line, what is wrong), a value of the
wrong kind is left out and reported the same way. Writing
(:func:`set_profile`) keeps the user's comments, layout and other tables
(``tomlkit``), writes atomically, keeps the previous file as
``settings.toml.bak``, and refuses to touch a file that does not parse.

Imports only :mod:`coach.locations` and the standard library at module level
(``tomllib`` and ``tomlkit`` when a file is actually read or written, and
``pathlib`` when :attr:`Settings.path` is asked for: ``coach due`` reads the
settings by the file's name, as text), so every layer may read the settings.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from types import MappingProxyType

from coach import locations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

#: What a profile id looks like (the same rule as a script's variable ids).
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
#: ``GB``, ``US``, ``DE``; a subdivision may follow: ``US-CA``, ``GB-SCT``.
COUNTRY_PATTERN = re.compile(r"[A-Z]{2,3}(-[A-Z0-9]{1,4})?")
#: How a numeric date such as ``12/11`` is read: day first, or month first.
DATE_ORDERS = ("dmy", "mdy")
#: Locales that write the month first (``12/14`` is 14 December).
_MONTH_FIRST_LOCALES = ("en_US",)

_GOES_ON = "the app goes on with the defaults"


class SettingsError(Exception):
    """The settings file cannot be written as asked (the message says why and what to do)."""


class Settings:
    """What the settings file says; every field has a default."""

    __slots__ = ("_path", "country", "date_order", "problem", "profile")

    def __init__(
        self,
        path: Path | str,
        profile: Mapping[str, str] | None = None,
        country: str | None = None,
        problem: str | None = None,
        date_order: str | None = None,
    ) -> None:
        self._path = path
        #: ``[profile]``: value by variable id (``your_name``, ``phone``...).
        self.profile: Mapping[str, str] = MappingProxyType(dict(profile or {}))
        #: ``[follow_up] country``: whose public holidays count, upper case; None: none.
        self.country = country
        #: What was wrong with the file (one line per problem), or None.
        self.problem = problem
        #: ``[dates] order``: ``dmy`` or ``mdy``, by default :func:`locale_date_order`.
        self.date_order = date_order if date_order in DATE_ORDERS else locale_date_order()

    @property
    def path(self) -> Path:
        """The file these settings were read from (it may not exist)."""
        if isinstance(self._path, str):
            from pathlib import Path

            self._path = Path(self._path)
        return self._path

    def __repr__(self) -> str:
        return (
            f"Settings(path={str(self._path)!r}, profile={dict(self.profile)!r}, "
            f"country={self.country!r}, problem={self.problem!r}, "
            f"date_order={self.date_order!r})"
        )


def locale_date_order(environ: Mapping[str, str] | None = None) -> str:
    """``mdy`` where the locale writes the month first (``en_US``), else ``dmy``.

    The locale is the first of ``LC_ALL``, ``LC_TIME`` and ``LANG`` that is set,
    as the C library picks it.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return "mdy" if value.startswith(_MONTH_FIRST_LOCALES) else "dmy"
    return "dmy"


def settings_path() -> Path:
    """``config_dir()/settings.toml``."""
    return locations.config_dir() / "settings.toml"


def settings_file() -> str:
    """:func:`settings_path` as text, without ``pathlib`` where it can."""
    return locations.config_file("settings.toml")


# --------------------------------------------------------------------- reading
def _line_of(text: str, table: str, key: str) -> int | None:
    """The line of ``key = ...`` inside ``[table]`` (``""``: before any table header).

    A plain scan, good enough to point at a value of the wrong kind; None when
    the key is written some other way (a dotted key, an inline table).
    """
    current = ""
    key_line = re.compile(rf"""\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\[\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip().strip("\"'")
            continue
        if current == table and key_line.match(line):
            return number
    return None


def _where(path: Path | str, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _as_text(value: Any) -> str | None:
    """A TOML value as profile text; None for a list or a table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return None


def _read_profile(data: Any, text: str, path: Path | str, problems: list[str]) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        line = _line_of(text, "", "profile")
        problems.append(
            f"{_where(path, line)}: 'profile' must be a table ([profile] and one "
            "'id = \"value\"' per line); it is left out"
        )
        return {}
    profile: dict[str, str] = {}
    for key, value in data.items():
        line = _line_of(text, "profile", key)
        if not ID_PATTERN.fullmatch(key):
            problems.append(
                f"{_where(path, line)}: [profile] '{key}' is not an id (lower case "
                "letters, digits and _, starting with a letter); it is left out"
            )
            continue
        as_text = _as_text(value)
        if as_text is None:
            kind = "list" if isinstance(value, list) else "table"
            problems.append(
                f"{_where(path, line)}: [profile] {key} is a {kind}, not a value; "
                f'write it as {key} = "..."; it is left out'
            )
            continue
        profile[key] = as_text
    return profile


def _table(
    data: Any, name: str, text: str, path: Path | str, problems: list[str]
) -> dict[str, Any]:
    """The table ``[name]`` of the file (empty when it is not there, or said and left
    out when it is not a table)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        line = _line_of(text, "", name)
        problems.append(f"{_where(path, line)}: '{name}' must be a table; it is left out")
        return {}
    return data


def _read_country(data: Any, text: str, path: Path | str, problems: list[str]) -> str | None:
    value = _table(data, "follow_up", text, path, problems).get("country")
    if value is None:
        return None
    line = _line_of(text, "follow_up", "country")
    if not isinstance(value, str) or not COUNTRY_PATTERN.fullmatch(value.strip().upper()):
        problems.append(
            f"{_where(path, line)}: [follow_up] country {value!r} is not a country code "
            '(write it like country = "GB" or "US-CA"); no public holidays are counted'
        )
        return None
    return value.strip().upper()


def _read_date_order(data: Any, text: str, path: Path | str, problems: list[str]) -> str | None:
    value = _table(data, "dates", text, path, problems).get("order")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in DATE_ORDERS:
        return value.strip().lower()
    line = _line_of(text, "dates", "order")
    problems.append(
        f'{_where(path, line)}: [dates] order {value!r} is neither "dmy" (12/11 is '
        '12 November) nor "mdy" (12/11 is December 11); the locale\'s order is used'
    )
    return None


def load_settings(path: Path | str | None = None) -> Settings:
    """The settings in ``path`` (default :func:`settings_path`); never raises."""
    if path is None:
        path = settings_file()
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return Settings(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Settings(path, problem=f"{path}: cannot be read ({reason}); {_GOES_ON}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Settings(path, problem=f"{path}:{line}: is not UTF-8 text; {_GOES_ON}")
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        lines = max(1, len(text.splitlines()))
        return Settings(path, problem=_parse_problem(path, str(exc), lines))
    problems: list[str] = []
    profile = _read_profile(data.get("profile"), text, path, problems)
    country = _read_country(data.get("follow_up"), text, path, problems)
    order = _read_date_order(data.get("dates"), text, path, problems)
    return Settings(path, profile, country, "\n".join(problems) or None, order)


def _parse_problem(path: Path | str, message: str, lines: int) -> str:
    """``settings.toml:3:7: <what tomllib said>; the app goes on with the defaults``."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        message = message[: found.start()]
        where = f"{path}:{found.group(1)}:{found.group(2)}"
    elif (found := re.search(r"\s*\(at end of document\)$", message)) is not None:
        message = message[: found.start()] + " at the end of the file"
        where = f"{path}:{lines}"
    else:
        where = str(path)
    return f"{where}: {message}; {_GOES_ON}"


# --------------------------------------------------------------------- writing
def set_profile(
    set: Mapping[str, str],
    unset: Iterable[str] = (),
    path: Path | None = None,
) -> Settings:
    """Set and remove ``[profile]`` values, keeping everything else in the file.

    Returns the settings as read back from the written file. Raises
    :class:`SettingsError` (the file untouched) for an id that is not an id,
    a file that cannot be read or does not parse, or a ``profile`` that is not
    a table. Removing an id that is not set is not an error.
    """
    from pathlib import Path

    path = Path(path) if path is not None else settings_path()
    unset = list(unset)
    for key in [*set, *unset]:
        if not ID_PATTERN.fullmatch(key):
            raise SettingsError(
                f"'{key}' is not a profile id: use lower case letters, digits and _, "
                "starting with a letter (your_name, phone)"
            )
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise SettingsError(f"{path}: cannot be read ({reason}); it was left as it is") from exc

    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        document = tomlkit.parse(old or "")
    except ParseError as exc:
        raise SettingsError(
            f"{path}:{exc.line}:{exc.col}: the file does not parse ({_parse_reason(exc)}); "
            "it was left as it is: mend it, then try again"
        ) from exc
    profile = document.get("profile")
    if profile is None:
        if not set:
            return load_settings(path)  # nothing to remove, nothing to write
        profile = tomlkit.table()
        if old is None:
            document.add(tomlkit.comment("Call Coach settings (see `coach profile --help`)"))
        document["profile"] = profile
    elif not isinstance(profile, dict):
        raise SettingsError(
            f"{path}: 'profile' is not a table; it was left as it is: "
            'mend it (a [profile] table of id = "value" lines), then try again'
        )
    for key, value in set.items():
        profile[key] = value
    for key in unset:
        if key in profile:
            del profile[key]
    new = tomlkit.dumps(document)
    if new != old:
        if old is not None:
            locations.write_atomic(path.with_name(path.name + ".bak"), old)
        locations.write_atomic(path, new)
    return load_settings(path)


def _parse_reason(exc: Exception) -> str:
    """tomlkit's message without its own ``at line L col C`` tail."""
    return re.sub(r"\s*at line \d+ col \d+$", "", str(exc)) or "not valid TOML"


__all__ = [
    "COUNTRY_PATTERN",
    "DATE_ORDERS",
    "ID_PATTERN",
    "Settings",
    "SettingsError",
    "load_settings",
    "locale_date_order",
    "set_profile",
    "settings_path",
]
