"""Control characters: never passed to the terminal, shown as what they are.

A script's ``title: "\\e]52;c;...\\a"`` wrote the user's clipboard and
``say: "\\e[2J"`` wiped the call screen on every redraw; ``coach check``,
``coach scripts`` and ``coach log`` printed them too. Text from scripts,
values and notes keeps what was written (nothing typed is lost), but what is
shown has each control character replaced: by its picture from Unicode's
Control Pictures block (``␛`` for ESC, ``␇`` for BEL) where it has one, else
by ``�``. Line feeds and tabs are text, not controls, and stay.

Pure: no Textual. The TUI removes any that reach the screen
(``coach.tui.controls``); the command line shows them as pictures
(``coach.cli.output``); the loader shows them as pictures in the script and
``coach check`` warns where they are.
"""

from __future__ import annotations

import re

#: C0 controls but tab and line feed, DEL, and the C1 controls (``\x9b`` is CSI).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: The short names of the controls people meet in escape sequences.
_NAMES = {0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC"}


def picture(char: str) -> str:
    """What a control character is shown as: ``␛`` for ESC, ``�`` for a C1 control."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def _picture(match: re.Match[str]) -> str:
    return picture(match.group())


def visible(text: str) -> str:
    """``text`` with every control character shown as its picture (the same
    string when it holds none: the common case costs one search)."""
    if CONTROLS.search(text) is None:
        return text
    return CONTROLS.sub(_picture, text)


def control_names(text: str) -> list[str]:
    """The controls in ``text``, each once, in order: ``["ESC", "BEL"]``, ``U+0001``."""
    names: list[str] = []
    for match in CONTROLS.finditer(text):
        code = ord(match.group())
        name = _NAMES.get(code, f"U+{code:04X}")
        if name not in names:
            names.append(name)
    return names
