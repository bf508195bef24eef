"""Textual's ``Strip`` with its seven caches made when first used.

A ``Strip`` (one rendered line) makes seven small caches when it is created
(``divide``, ``crop``, ``apply_style``...), about 1 KiB of empty caches on a
strip of 130 bytes. Most strips never use one: a call's screen held about
1,400 strips, and their empty caches were 1.4 MiB of the call's peak memory
(issue 13's target is the empty app's peak times 1.25). :func:`install`
gives ``Strip`` an ``__init__`` that leaves the caches out and a
``__getattr__`` that makes a cache the first time a method reaches for it
(an unset slot raises ``AttributeError``, which is what calls
``__getattr__``); after that it is a plain slot, read as fast as before.
Content's own divide cache is made the same lazy way by Textual itself.

The strips behave as before (``tests/tui/test_strips.py`` compares every
method with Textual's own); only on a tested Textual (``compat``), as the
slots and sizes are Textual's private parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

from coach.tui import compat

#: Each cache slot and the size Textual gives it (``Strip.__init__``, 8.2).
CACHE_SIZES: dict[str, int] = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}

#: The other slots, set by ``__init__`` as before.
PLAIN_SLOTS = ("_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count")
#: ``Strip.__init__`` as Textual wrote it (the tests compare with it).
ORIGINAL_INIT = Strip.__init__


def _lean_init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _make_cache(self: Strip, name: str) -> Any:
    """Called for a slot not set yet: a cache slot gets its (empty) cache."""
    size = CACHE_SIZES.get(name)
    if size is None:
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
    cache: FIFOCache[Any, Any] = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def fits(strip_class: type) -> bool:
    """True if ``strip_class`` has exactly the slots this module knows."""
    return set(getattr(strip_class, "__slots__", ())) == set(CACHE_SIZES) | set(PLAIN_SLOTS)


@compat.PatchOnce
def install() -> None:
    """Make ``Strip``'s caches lazy, once (on a tested Textual whose slots fit)."""
    if not fits(Strip) or "__getattr__" in vars(Strip):
        return
    Strip.__init__ = _lean_init  # type: ignore[method-assign]
    Strip.__getattr__ = _make_cache  # type: ignore[attr-defined]
