"""Which Textual we run on, for the code that uses Textual's private parts.

A few places go past Textual's public API for speed or for a fix Textual
does not offer (each is listed in ``PRIVATE``): the call panels
(``widgets/lines.py`` draws its lines without the styles cache and updates
its scrollbars itself), the call screen's compositor (``compositor.py``
renders only the rows a move changed), the key fix (``keys.py`` patches the
input parser), the editor's text on a long script
(``widgets/source_fast.py``: documents that keep what an edit did not
change, highlights of the rows on screen), strips that make their caches
when first used (``strips.py``) and parsed stylesheet rules kept from one
start to the next (``css_cache.py``). Private parts change without notice,
so each uses them only on the Textual versions they were tested on
(``TESTED``) and otherwise take the plain public path: slower panels, and
"escape, key" split only where Textual reports it as ``alt+key``.

``tests/tui/test_textual_private.py`` checks that every name in ``PRIVATE``
still exists on the installed Textual.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

#: The Textual releases (major, minor) the private parts were tested with.
TESTED = frozenset({(8, 2)})

#: The private names used: (module, object in it or "", attribute or ""), and where.
PRIVATE: tuple[tuple[str, str, str], ...] = (
    # widgets/lines.py: LinesView._layout updates the scrollbars without a layout pass.
    ("textual.widget", "Widget", "_scroll_update"),
    # widgets/lines.py: LinesView.render_lines replaces the styles cache's rendering.
    ("textual.widget", "Widget", "_styles_cache"),
    # keys.py: install() wraps the parser's ESC handling.
    ("textual._xterm_parser", "XTermParser", "_sequence_to_key_events"),
    ("textual._ansi_sequences", "ANSI_SEQUENCES_KEYS", ""),
    # widgets/source_fast.py: the editor's documents, built in TextArea's module.
    ("textual.widgets._text_area", "Document", ""),
    ("textual.widgets._text_area", "SyntaxAwareDocument", ""),
    ("textual.widgets._text_area", "WrappedDocument", ""),
    ("textual.widgets._text_area", "TextArea", "_set_document"),
    ("textual.widgets._text_area", "TextArea", "_build_highlight_map"),
    ("textual.widgets._text_area", "TextArea", "_watch_language"),
    ("textual.widgets._text_area", "TextArea", "_get_builtin_highlight_query"),
    ("textual.widgets._text_area", "TextArea", "_languages"),
    ("textual._tree_sitter", "get_language", ""),
    # compositor.py: RowsCompositor renders a partial update's changed rows only.
    ("textual._compositor", "Compositor", "_render_chops"),
    ("textual._compositor", "Compositor", "visible_widgets"),
    ("textual._compositor", "ChopsUpdate", ""),
    # widgets/footer.py: the footer's keys get its compact look before they are mounted.
    ("textual.widgets._footer", "FooterKey", "compact"),
    # base.py: the rest of the stylesheet is read before a screen's CSS is loaded.
    ("textual.app", "App", "_load_screen_css"),
    # strips.py: Strip's caches are made when first used (its slots, Textual's sizes).
    ("textual.strip", "Strip", "_crop_cache"),
    ("textual.strip", "Strip", "_divide_cache"),
    ("textual.cache", "FIFOCache", "_maxsize"),
    # css_cache.py: parsed rules kept between starts, in front of the stylesheet's parses.
    ("textual.css.stylesheet", "Stylesheet", "_parse_rules"),
    ("textual.css.stylesheet", "Stylesheet", "_parse_cache"),
    ("textual.css.stylesheet", "Stylesheet", "_variables"),
    # (and the attributes their instances keep: tests/tui/editor/test_big_script.py)
)


@functools.cache
def textual_version() -> str:
    """The installed Textual's version, read once.

    From the name of its ``textual-X.Y.Z.dist-info`` folder beside the package
    (one directory listing); ``importlib.metadata`` only when there is none, as
    importing it costs about 35 ms of start-up.
    """
    import textual

    site = Path(textual.__file__).resolve().parent.parent
    for info in site.glob("textual-*.dist-info"):
        return info.name.removeprefix("textual-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("textual")


def is_tested(version: str) -> bool:
    """True if ``version`` (e.g. ``8.2.8``) is a release in ``TESTED``."""
    parts = version.split(".")
    try:
        release = (int(parts[0]), int(parts[1]))
    except (IndexError, ValueError):
        return False
    return release in TESTED


def private_ok() -> bool:
    """True if Textual's private parts may be used (the installed Textual was tested)."""
    return is_tested(textual_version())


class PatchOnce:
    """A module's ``install()`` of a patch to Textual's private parts: ``patch``
    runs on the first call only, and only on a tested Textual (``private_ok``).

    Used as a decorator (``@compat.PatchOnce`` over ``def install()``); the
    apps call each one as they are made.
    """

    def __init__(self, patch: Callable[[], None]) -> None:
        functools.update_wrapper(self, patch)
        self._patch = patch
        #: Called already (patched or not).
        self.done = False

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        if private_ok():
            self._patch()
