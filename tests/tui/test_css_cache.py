"""Textual's parsed rules kept between starts (coach.tui.css_cache): the next app
takes them from the file and draws exactly what a fresh parse draws."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList, Static

from coach.tui import css_cache
from coach.tui.base import BaseApp
from coach.tui.css_cache import FILE_NAME, CssCache

SIZE = (80, 20)


class Small(BaseApp[None]):
    """An app of the project with widgets home shows, styled by coach.tcss (no footer:
    its keys come a turn or more after the first frame, however busy the machine)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("Jobs", classes="section-title")
            yield OptionList("Acme", "Globex", id="scripts")
            yield Static("No jobs yet", id="jobs-empty")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pieces of CSS Textual itself parsed (not found in its memory or the file)."""
    seen: list[str] = []
    original = Stylesheet._parse_rules

    def counted(self: Stylesheet, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
        key = (css, read_from, *args, *kwargs.values())
        if len(key) == 5 and key in self._parse_cache:
            return original(self, css, read_from, *args, **kwargs)
        seen.append(str(read_from))
        return original(self, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
    return seen


def cache_file() -> Path:
    from coach import locations

    return Path(locations.cache_file(FILE_NAME))


async def shown(app: Small) -> str:
    """The app's screen once it stopped changing."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screenshot = app.export_screenshot()
        for _ in range(50):
            await pilot.pause(0.02)
            again, screenshot = screenshot, app.export_screenshot()
            if again == screenshot:
                break
    app.save_css()
    return screenshot


async def test_the_next_start_takes_the_rules_from_the_file_and_draws_the_same(
    parses: list[str],
) -> None:
    first = await shown(Small())
    parsed_first = len(parses)
    assert parsed_first > 5 and cache_file().is_file()
    parses.clear()
    again = await shown(Small())
    assert again == first
    assert parses == []  # every piece read back (a set's order once kept some out)
    # The light theme's variables are others: parsed afresh, drawn as a fresh parse draws.
    parses.clear()
    light = Small()
    light.theme = "textual-light"
    fresh_light = await shown(light)
    assert len(parses) >= parsed_first // 2
    parses.clear()
    light_again = Small()
    light_again.theme = "textual-light"
    assert await shown(light_again) == fresh_light
    # (Setting the theme reparses, in a stylesheet of Textual's own, what was
    # read so far: a piece or two, however many its timing allows.)
    assert len(parses) < parsed_first // 2
    # Both themes are kept: back to the dark one, still from the file.
    parses.clear()
    assert await shown(Small()) == first
    assert parses == []


@pytest.mark.parametrize(
    "content", [b"", b"not a pickle", pickle.dumps(("stamp", {})), pickle.dumps(("a", "b", "c"))]
)
async def test_a_damaged_or_foreign_file_means_textual_parses(
    content: bytes, parses: list[str]
) -> None:
    first = await shown(Small())
    count = len(parses)
    cache_file().write_bytes(content)
    parses.clear()
    assert await shown(Small()) == first
    assert len(parses) == count


async def test_a_tampered_entry_runs_no_code(tmp_path: Path, parses: list[str]) -> None:
    first = await shown(Small())
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    with cache_file().open("rb") as handle:
        stamp, themes = pickle.load(handle)
    evil = pickle.dumps(Evil())
    tampered = {v: dict.fromkeys(entries, evil) for v, entries in themes.items()}
    cache_file().write_bytes(pickle.dumps((stamp, tampered)))
    parses.clear()
    assert await shown(Small()) == first
    assert parses and not marker.exists()


async def test_a_cache_folder_that_cannot_be_written_is_no_error(parses: list[str]) -> None:
    folder = cache_file().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder goes")
    first = await shown(Small())
    assert await shown(Small()) == first


def test_every_kept_class_is_one_the_reader_may_build() -> None:
    rules = Stylesheet()._parse_rules(
        "Static { layout: horizontal; color: red; margin: 1 2; width: 50%; }\n"
        "#jobs .x > OptionList:focus { border: tall blue; }",
        ("test", ""),
    )
    data = css_cache._dumps(rules)
    assert css_cache.reads_back(data)
    assert b"getattr" not in data  # bound dict methods are named by dict_method


def test_dict_method_makes_only_the_two_methods() -> None:
    assert css_cache.dict_method({"a": 1}, "get")("a") == 1
    with pytest.raises(pickle.UnpicklingError):
        css_cache.dict_method({}, "clear")


@pytest.mark.parametrize("pid", [("names", [1, 2]), ("names", "ab"), ("os", ["system"])])
def test_only_sets_of_names_are_read_by_id(pid: object) -> None:
    import io

    class Foreign(pickle.Pickler):
        def persistent_id(self, obj: object) -> object:
            return pid if obj == "marker" else None

    buffer = io.BytesIO()
    Foreign(buffer).dump(["marker"])
    with pytest.raises(pickle.UnpicklingError):
        css_cache._loads(buffer.getvalue())


def test_the_private_names_used_still_exist() -> None:
    stylesheet = Stylesheet()
    assert callable(stylesheet._parse_rules)
    assert hasattr(stylesheet, "_parse_cache") and hasattr(stylesheet, "_variables")
    cache = CssCache(os.devnull)
    assert cache.rules(stylesheet, ("", ("x", ""), False, 0, "")) is None


async def test_rules_saved_after_the_app_used_them_are_a_fresh_parses() -> None:
    """The rules are pickled when the cache is saved, after the app styled its
    screens with them: they must still be exactly what parsing gives."""
    await shown(Small())
    with open(cache_file(), "rb") as handle:
        _stamp, entries = css_cache._Unpickler(handle).load()
    fresh = Stylesheet(variables=Small().get_css_variables())
    checked = 0
    for variables, kept in entries.items():
        if variables != css_cache._variables_text(fresh._variables):
            continue  # another theme's
        for key, data in kept.items():
            css, read_from, is_default, tie_breaker, scope = key
            rules = fresh._parse_rules(css, read_from, is_default, tie_breaker, scope)
            assert css_cache._dumps(rules) == data, read_from
            checked += 1
    assert checked > 5


SETS_READ_BACK = """
from textual.css.stylesheet import Stylesheet
from coach.tui import css_cache
names = "color background width height min-width max-width min-height max-height "
names += "opacity text-opacity offset-x offset-y dock layer visibility display"
css = "#a.b:focus, .c .d:hover { %s }" % " ".join(
    f"{name}: initial !important;" for name in names.split()
)
rules = Stylesheet()._parse_rules(css, ("test", ""))
assert len(rules[0].styles.important) > 10, rules[0].styles.important
assert css_cache.reads_back(css_cache._dumps(rules))
"""


@pytest.mark.parametrize("seed", ["1", "2", "3", "4", "5", "6"])
def test_sets_of_names_read_back_whatever_the_string_hashes(seed: str) -> None:
    """A rule's ``important`` and a selector's names are sets, whose order follows
    the process's string hashes: kept sorted, they read back the same bytes."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SETS_READ_BACK], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
