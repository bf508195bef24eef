"""Textual's parsed stylesheet rules, kept from one start to the next.

Before home's first frame Textual parses 14 pieces of CSS (the widgets'
``DEFAULT_CSS`` and the first part of ``coach.tcss``): 11-16 ms of CPU of
every start (measured in tmux), for the same rules each time. :func:`install`
puts a reader in front of the app's stylesheet's ``_parse_rules`` (Textual
private, used only on the Textual releases :mod:`coach.tui.compat` names): a
piece of CSS parsed before, with the same theme variables, is taken from
``<cache>/textual-css.pickle``; one parsed now is added to it when the app
saves (:meth:`CssCache.save`: home's, once the whole stylesheet is read after
its first frame, and every app's as it ends).

The file is keyed by Python's version, this format and the size and time of
Textual's modules that tokenize, parse and hold the rules (an upgrade is a new
key), and keeps each piece under the theme variables it was parsed with (the
last few themes used): other variables, and anything amiss at all (missing,
corrupt, foreign), mean Textual parses as usual. An entry is kept only if it
reads back exactly (pickled again, the same bytes), and is read with an
unpickler that builds only the rules' own classes, so a tampered file cannot
run code. Deleting it is always safe.
"""

from __future__ import annotations

import os
import pickle
import sys
import types
from collections.abc import Callable
from contextlib import suppress
from enum import Enum
from typing import TYPE_CHECKING, Any

from coach import locations

if TYPE_CHECKING:
    from textual.css.model import RuleSet
    from textual.css.stylesheet import Stylesheet

#: Bump when the layout of the file changes.
FORMAT = 3
FILE_NAME = "textual-css.pickle"
#: At most this many pieces of CSS are kept for a theme (the app has about 20),
#: for at most this many themes' variables (the last used kept).
MAX_ENTRIES = 200
MAX_THEMES = 4

#: Textual's modules whose code decides what parsing gives (under ``textual/``).
TEXTUAL_CODE = (
    "__init__.py",
    "color.py",
    "geometry.py",
    "css/_style_properties.py",
    "css/_styles_builder.py",
    "css/constants.py",
    "css/model.py",
    "css/parse.py",
    "css/scalar.py",
    "css/styles.py",
    "css/stylesheet.py",
    "css/tokenize.py",
    "css/tokenizer.py",
    "css/types.py",
)

#: What an entry may build: (module, name).
ALLOWED = frozenset(
    {
        ("textual.css.model", "RuleSet"),
        ("textual.css.model", "SelectorSet"),
        ("textual.css.model", "Selector"),
        ("textual.css.model", "CombinatorType"),
        ("textual.css.model", "SelectorType"),
        ("textual.css.model", "_check_type"),
        ("textual.css.model", "_check_class"),
        ("textual.css.model", "_check_universal"),
        ("textual.css.model", "_check_id"),
        ("textual.css.styles", "Styles"),
        ("textual.css.scalar", "Scalar"),
        ("textual.css.scalar", "ScalarOffset"),
        ("textual.css.scalar", "Unit"),
        ("textual.css.transition", "Transition"),
        ("textual.color", "Color"),
        ("textual.geometry", "Spacing"),
        ("textual.geometry", "Offset"),
        ("functools", "partial"),
        ("textual.layouts.vertical", "VerticalLayout"),
        ("textual.layouts.horizontal", "HorizontalLayout"),
        ("textual.layouts.grid", "GridLayout"),
        ("textual.layouts.stream", "StreamLayout"),
        ("coach.tui.css_cache", "dict_method"),
        ("coach.tui.css_cache", "enum_member"),
    }
)

Key = tuple[str, Any, bool, int, str]


#: The methods of a dict the rules keep bound (a selector's checks).
DICT_METHODS = frozenset({"get", "__contains__"})


def dict_method(mapping: dict[Any, Any], name: str) -> Callable[..., Any]:
    """``mapping.get`` (or ``__contains__``) made again: pickle would name ``getattr``,
    which reaches anything."""
    if type(mapping) is not dict or name not in DICT_METHODS:
        raise pickle.UnpicklingError(f"dict.{name} is not allowed in the CSS cache")
    method: Callable[..., Any] = getattr(mapping, name)
    return method


def enum_member(cls: type[Enum], name: str) -> Enum:
    """A member of an allowed enum, by name."""
    return cls[name]


#: The persistent id of a set of names, kept sorted.
NAMES = "names"


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        # A set's order follows the process's string hashes: pickled plain, the
        # same set read back could give other bytes, and such an entry (a rule's
        # ``important``, a selector's names) was never kept. Sorted, it reads back.
        # (Here: Python's pickler does not ask reducer_override about sets.)
        if type(obj) is set and all(type(item) is str for item in obj):
            return (NAMES, sorted(obj))
        return None

    def reducer_override(self, obj: Any) -> Any:
        if (
            type(obj) is types.BuiltinMethodType
            and type(obj.__self__) is dict
            and obj.__name__ in DICT_METHODS
        ):
            return (dict_method, (obj.__self__, obj.__name__))
        if isinstance(obj, Enum):
            return (enum_member, (type(obj), obj.name))
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the CSS cache")

    def persistent_load(self, pid: Any) -> Any:
        if (
            type(pid) is tuple
            and len(pid) == 2
            and pid[0] == NAMES
            and type(pid[1]) is list
            and all(type(item) is str for item in pid[1])
        ):
            return set(pid[1])
        raise pickle.UnpicklingError("only sets of names are kept by id in the CSS cache")


def _loads(data: bytes) -> Any:
    import io

    return _Unpickler(io.BytesIO(data)).load()


def _dumps(value: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def code_stamp() -> tuple[Any, ...]:
    """This format, Python's version and the size and time of :data:`TEXTUAL_CODE`."""
    import textual

    here = os.path.dirname(os.path.abspath(textual.__file__))
    return (FORMAT, sys.version_info[:2], here, locations.file_stamps(here, TEXTUAL_CODE))


def _variables_text(variables: dict[str, str]) -> str:
    return repr(sorted(variables.items()))


def reads_back(data: bytes) -> bool:
    """Whether the rules pickled in ``data`` are made again exactly: read back and
    pickled again, they give the same bytes (every field, value and selector)."""
    return _dumps(_loads(data)) == data


class CssCache:
    """The kept rules of one app (read on its first parse, saved by :meth:`save`)."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path or locations.cache_file(FILE_NAME)
        self._stamp: tuple[Any, ...] | None = None
        #: Pickled rules by the theme variables they were parsed with, then by parse.
        self._kept: dict[str, dict[Key, bytes]] | None = None
        #: Parses made now, pickled only when saved (by variables, then by parse).
        self._added: dict[str, dict[Key, list[RuleSet]]] = {}
        #: The variables' text, and the dict it was made from.
        self._seen: tuple[object, str] | None = None

    def _read(self) -> dict[str, dict[Key, bytes]]:
        self._stamp = code_stamp()
        try:
            with open(self.path, "rb") as handle:
                stamp, entries = _Unpickler(handle).load()
        except Exception:  # missing, unreadable, corrupt, foreign: Textual parses
            return {}
        if stamp != self._stamp or not isinstance(entries, dict):
            return {}
        return {v: e for v, e in entries.items() if isinstance(v, str) and isinstance(e, dict)}

    def _variables_of(self, stylesheet: Stylesheet) -> str:
        variables = stylesheet._variables
        if self._seen is None or self._seen[0] is not variables:
            self._seen = (variables, _variables_text(variables))
        return self._seen[1]

    def rules(self, stylesheet: Stylesheet, key: Key) -> list[RuleSet] | None:
        """The kept rules of the parse ``key`` with the stylesheet's variables, if any."""
        if self._kept is None:
            self._kept = self._read()
        data = self._kept.get(self._variables_of(stylesheet), {}).get(key)
        if data is None:
            return None
        try:
            rules = _loads(data)
        except Exception:
            return None
        return rules if isinstance(rules, list) else None

    def add(self, stylesheet: Stylesheet, key: Key, rules: list[RuleSet]) -> None:
        """Keep a parse made now, to be pickled when the cache is saved.

        Not pickled here: a call parses the whole stylesheet as it starts, and
        its pickles, held until the app ends, were 0.4 MiB of its peak memory.
        """
        if any(rule.errors for rule in rules):
            return
        self._added.setdefault(self._variables_of(stylesheet), {})[key] = rules

    @staticmethod
    def _pickled(rules: list[RuleSet]) -> bytes | None:
        """``rules`` pickled, if they read back as the same rules (else None)."""
        try:
            data = _dumps(rules)
            return data if reads_back(data) else None
        except Exception:  # a rule this file cannot keep: Textual parses it each time
            return None

    def save(self) -> None:
        """Write the kept rules with those added since (whole, then moved into place)."""
        if not self._added:
            return
        if self._kept is None:
            self._kept = self._read()
        entries = {v: dict(e) for v, e in self._kept.items()}
        for variables, added in self._added.items():
            kept = entries.pop(variables, {})  # (re-inserted: the newest last)
            for key, rules in added.items():
                data = self._pickled(rules)
                if data is not None:
                    kept[key] = data
            while len(kept) > MAX_ENTRIES:
                kept.pop(next(iter(kept)))
            entries[variables] = kept
        while len(entries) > MAX_THEMES:
            entries.pop(next(iter(entries)))
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            data = pickle.dumps(
                (self._stamp or code_stamp(), entries), protocol=pickle.HIGHEST_PROTOCOL
            )
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, self.path)
        except Exception:  # only a shortcut: the next start parses again
            with suppress(OSError):
                os.unlink(temporary)
            return
        self._kept, self._added = entries, {}


def install(stylesheet: Stylesheet, cache: CssCache) -> None:
    """Put ``cache`` in front of ``stylesheet``'s parses (its own in-memory cache first)."""
    original = stylesheet._parse_rules
    memory = stylesheet._parse_cache

    def parse_rules(
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key: Key = (css, read_from, is_default_rules, tie_breaker, scope)
        if key not in memory:
            found = cache.rules(stylesheet, key)
            if found is not None:
                memory[key] = found
                return found
            rules = original(css, read_from, is_default_rules, tie_breaker, scope)
            cache.add(stylesheet, key, rules)
            return rules
        return original(css, read_from, is_default_rules, tie_breaker, scope)

    stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]


__all__ = ["ALLOWED", "FILE_NAME", "CssCache", "code_stamp", "install", "reads_back"]
