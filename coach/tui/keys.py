"""Escape followed quickly by a key: read it as the two keys it was.

A terminal sends Escape as the byte ESC, and Alt+key as ESC followed by the
key. Textual's parser waits for more bytes after an ESC, so "escape, then n"
arriving together (typed in one motion, sent by a program such as tmux
send-keys, or bunched up by ssh) is read as ``alt+n``, as ``¡`` for ESC+1 (a
table entry for macOS Option keys), or, when more text follows before the
delay runs out, as a literal ``^`` and the text, typed into the field the user
was leaving. Beside the phone that loses the user's place and garbles a note.

Call Coach binds no Alt keys, so ESC followed by anything that cannot start an
escape sequence is read here as Escape, then that key.

``install()`` patches Textual's (private) input parser, so the apps call it
when they start (``coach.tui.base.BaseApp``), on the tested Textual versions
only (``coach.tui.compat``); ``split_escape`` is the public half of the fix,
for Textual versions without the patch and for terminals that report Alt
themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events

from coach.tui import compat

ESC = "\x1b"

#: Characters that, after ESC, begin a real escape sequence (CSI, SS3, OSC, DCS...).
_INTRODUCERS = frozenset("[O]P_^\\" + ESC)


def _is_key_sequence(value: object) -> bool:
    """True for a table entry that names keys (e.g. iTerm's ESC+b for ctrl+left)."""
    return isinstance(value, tuple)


@compat.PatchOnce
def install() -> None:
    """Patch Textual's input parser once (idempotent).

    Skipped on a Textual version not tested (its internals may have moved).
    """
    try:
        from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
        from textual._xterm_parser import XTermParser
    except ImportError:  # pragma: no cover - depends on the Textual version
        return
    original: Callable[..., Iterable[events.Key]] = XTermParser._sequence_to_key_events

    def sequence_to_key_events(
        self: XTermParser, sequence: str, alt: bool = False
    ) -> Iterable[events.Key]:
        if (
            len(sequence) == 2
            and sequence[0] == ESC
            and sequence[1] not in _INTRODUCERS
            and not _is_key_sequence(ANSI_SEQUENCES_KEYS.get(sequence))
        ):
            yield events.Key("escape", ESC)
            yield from original(self, sequence[1])
            return
        yield from original(self, sequence, alt)

    XTermParser._sequence_to_key_events = sequence_to_key_events  # type: ignore[method-assign]


def split_escape(event: events.Key) -> list[events.Key] | None:
    """``alt+x`` (one letter or digit) as ``[escape, x]``; None for any other key.

    Terminals that report Alt by their own protocol (not as ESC+key) still
    send ``alt+x``; it means the same here.
    """
    key = event.key
    if not key.startswith("alt+"):
        return None
    rest = key[len("alt+") :]
    shifted = rest.startswith("shift+")
    if shifted:
        rest = rest[len("shift+") :]
    if len(rest) != 1 or not rest.isalnum():
        return None
    char = rest.upper() if shifted else rest
    return [events.Key("escape", ESC), events.Key(char, char)]
