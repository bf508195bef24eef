"""A bound key's character and its label, without Python's table of Unicode names.

Textual learns what a key name means by asking ``unicodedata`` (is ``tab`` a
character? ``lookup("TAB")``; the label of ``s``: ``lookup("s")``). Each
lookup reads Python's table of Unicode names, and the first few that a call's
screen made (its footer's labels, the keys a focused notes field may take)
brought 0.7 MiB of that table into the call's memory, a tenth of issue 13's
margin. The names Call Coach and Textual's widgets bind are answered here
from two tables instead; any other name is still Textual's to answer.
``tests/tui/test_keynames.py`` checks every entry against Textual's own
functions, and that every key the app binds is covered.

``install()`` points the screen's binding chain at :func:`key_to_character`
(a private name, so on a tested Textual only, see ``compat``);
:func:`format_key` serves ``BaseApp.get_key_display``, a public hook.
"""

from __future__ import annotations

from textual import keys as textual_keys

from coach.tui import compat

_F_KEYS = tuple(f"f{number}" for number in range(1, 13))

#: ``textual.keys.key_to_character`` for each name (None: not a character).
CHARACTERS: dict[str, str | None] = {
    "backspace": "\x08",
    "delete": "\x7f",
    "down": None,
    "end": None,
    "enter": None,
    "escape": "\x1b",
    "home": None,
    "insert": None,
    "left": None,
    "pagedown": None,
    "pageup": None,
    "question_mark": "?",
    "right": None,
    "space": " ",
    "tab": "\t",
    "up": None,
    **dict.fromkeys(_F_KEYS),
}

#: ``textual.keys.format_key`` for each name (the label a footer shows).
LABELS: dict[str, str] = {
    "backspace": "⌫",
    "delete": "del",
    "down": "↓",
    "end": "end",
    "enter": "⏎",
    "escape": "esc",
    "home": "home",
    "insert": "insert",
    "left": "←",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "question_mark": "?",
    "right": "→",
    "space": "space",
    "tab": "tab",
    "up": "↑",
    **{name: name for name in _F_KEYS},
}


def key_to_character(key: str) -> str | None:
    """The character ``key`` types, as Textual answers it (None: none)."""
    if "+" in key:
        return None  # a modifier other than shift: never a printable key
    if len(key) == 1:
        return key
    try:
        return CHARACTERS[key]
    except KeyError:
        return textual_keys.key_to_character(key)


def format_key(key: str) -> str:
    """The label of ``key`` (no modifiers), as Textual's ``format_key`` makes it."""
    if len(key) == 1 and key.isascii() and key.isalnum():
        return key  # no Unicode character is named by one letter or digit
    label = LABELS.get(key)
    return label if label is not None else textual_keys.format_key(key)


@compat.PatchOnce
def install() -> None:
    """The screens' binding chains use :func:`key_to_character` (once, tested Textual)."""
    from textual import screen

    if getattr(screen, "key_to_character", None) is textual_keys.key_to_character:
        screen.key_to_character = key_to_character  # type: ignore[assignment]
