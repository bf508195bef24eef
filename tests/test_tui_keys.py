"""Escape followed at once by a key reads as the two keys, never as Alt or '^'."""

from __future__ import annotations

from textual import events
from textual._xterm_parser import XTermParser

from coach.tui.keys import install, split_escape


def keys_of(data: str) -> list[str]:
    install()
    parser = XTermParser()
    tokens = [*parser.feed(data), *parser.feed("")]
    return [t.key for t in tokens if isinstance(t, events.Key)]


def test_escape_then_letter_and_text_in_one_read() -> None:
    assert keys_of("04\x1bnTe\x1b\r") == ["0", "4", "escape", "n", "T", "e", "escape", "enter"]


def test_escape_then_digit_is_not_an_option_key_character() -> None:
    assert keys_of("\x1b1") == ["escape", "1"]


def test_real_escape_sequences_still_parse() -> None:
    assert keys_of("\x1b[A\x1b[B\x1bOP") == ["up", "down", "f1"]


def test_key_table_entries_are_kept() -> None:
    # iTerm's "natural text editing" sends ESC b for option+left.
    assert keys_of("\x1bb") == ["ctrl+left"]


def test_split_escape() -> None:
    split = split_escape(events.Key("alt+n", "n"))
    assert split is not None and [k.key for k in split] == ["escape", "n"]
    shifted = split_escape(events.Key("alt+shift+a", "A"))
    assert shifted is not None and [k.key for k in shifted] == ["escape", "A"]
    assert split_escape(events.Key("alt+up", None)) is None
    assert split_escape(events.Key("n", "n")) is None
