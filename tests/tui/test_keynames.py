"""Key names answered from coach.tui.keynames are Textual's own answers."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest
from textual import keys as textual_keys
from textual.binding import Binding
from textual.dom import DOMNode

import coach.tui
from coach.tui import keynames
from coach.tui.base import BaseApp


@pytest.mark.parametrize("name", sorted(keynames.CHARACTERS))
def test_each_character_is_textuals(name: str) -> None:
    assert keynames.CHARACTERS[name] == textual_keys.key_to_character(name)
    assert keynames.key_to_character(name) == textual_keys.key_to_character(name)


@pytest.mark.parametrize("name", sorted(keynames.LABELS))
def test_each_label_is_textuals(name: str) -> None:
    assert keynames.LABELS[name] == textual_keys.format_key(name)
    assert keynames.format_key(name) == textual_keys.format_key(name)


@pytest.mark.parametrize("char", list(string.ascii_letters + string.digits + string.punctuation))
def test_one_character_keys_are_textuals(char: str) -> None:
    assert keynames.key_to_character(char) == textual_keys.key_to_character(char)
    assert keynames.format_key(char) == textual_keys.format_key(char)


@pytest.mark.parametrize("key", ["ctrl+q", "shift+tab", "ctrl+shift+left", "+", "alt+x"])
def test_keys_with_modifiers_are_no_characters_as_in_textual(key: str) -> None:
    assert keynames.key_to_character(key) is None
    assert textual_keys.key_to_character(key) is None


def test_other_names_are_still_answered_by_textual() -> None:
    for name in ("comma", "full_stop", "f13", "minus", "exclamation_mark"):
        assert name not in keynames.CHARACTERS
        assert keynames.key_to_character(name) == textual_keys.key_to_character(name)
        assert keynames.format_key(name) == textual_keys.format_key(name)


def _bound_keys() -> set[str]:
    """Every key any class of coach.tui (and the Textual widgets they use) binds."""
    for module in pkgutil.walk_packages(coach.tui.__path__, "coach.tui."):
        if module.name != "coach.tui.serve":  # needs textual-serve: binds nothing
            importlib.import_module(module.name)
    found: set[str] = set()
    classes: list[type] = [DOMNode]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        for binding in cls.__dict__.get("BINDINGS", []):
            key = binding.key if isinstance(binding, Binding) else binding[0]
            found.update(part.strip() for part in key.split(","))
    return found


def test_every_bound_key_is_in_the_tables() -> None:
    names = {key.rpartition("+")[2] for key in _bound_keys()}
    missing = {name for name in names if len(name) > 1} - set(keynames.LABELS)
    assert not missing, f"add these to coach.tui.keynames: {sorted(missing)}"
    assert set(keynames.CHARACTERS) == set(keynames.LABELS)


@pytest.mark.parametrize(
    "binding",
    [
        Binding("s", "x", "Start"),
        Binding("question_mark", "x", "Help"),
        Binding("ctrl+s", "x", "Save"),
        Binding("ctrl+shift+left", "x", "Left"),
        Binding("shift+tab", "x", "Back"),
        Binding("escape", "x", "Close"),
        Binding("enter", "x", "Pick"),
        Binding("f2", "x", "Rename"),
        Binding("ctrl+comma", "x", "Settings"),
        Binding("b", "x", "Back", key_display="B!"),
    ],
)
def test_the_apps_key_labels_are_textuals(binding: Binding) -> None:
    app: BaseApp[None] = BaseApp()
    assert app.get_key_display(binding) == super(BaseApp, app).get_key_display(binding)


def test_the_binding_chain_uses_the_tables() -> None:
    from textual import screen

    keynames.install()
    if coach.tui.compat.private_ok():
        assert screen.key_to_character is keynames.key_to_character
