"""The base of every Call Coach app: one stylesheet, the themes and the key fix.

``CoachApp`` (``coach``, ``coach call``, ``coach practice``, ``coach edit``) and
``PartnerApp`` (``coach partner``) derive from ``BaseApp``, so both load
``coach.tcss``, switch themes the same way, read "escape, key" typed in one
motion as the two keys it was, and handle keys in the order they were typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen

from coach.tui import keynames, keys, strips
from coach.tui.controls import NoControls
from coach.tui.keyorder import KeyOrder

if TYPE_CHECKING:
    from coach.tui.css_cache import CssCache

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"

#: The comment in coach.tcss that ends the rules home's first frame needs.
HOME_CSS_END = "/* ===== Home's first frame needs only the rules above"
#: The comment in coach.tcss that ends the rules a call's screens need.
CALL_CSS_END = "/* ===== A call (coach call, coach practice) needs only the rules above"
#: What a screen of a call sets as its ``CSS_PART``: the rules up to
#: :data:`CALL_CSS_END` style it (``coach call`` reads no others before it).
CALL_CSS = "call"
#: Seconds after home's first frame before the rest of the stylesheet is read
#: (a person has not typed yet; a screen shown sooner reads it first).
CSS_LATER_DELAY = 0.5

ReturnType = TypeVar("ReturnType")


class BaseApp(App[ReturnType]):
    """What every app of the project shares.

    Keyword arguments are Textual's own (``App.__init__``).
    """

    # Absolute, so an app defined elsewhere (a test's subclass) finds it too:
    # Textual resolves a relative path against the module of the app's class.
    CSS_PATH = Path(__file__).with_name("coach.tcss")

    def __init__(self, **kwargs: Any) -> None:
        keys.install()  # before the driver starts reading keys (idempotent)
        strips.install()  # strips make their caches when used (idempotent)
        keynames.install()  # key names answered without unicodedata (idempotent)
        super().__init__(**kwargs)
        self._no_controls = NoControls()
        self.key_order = KeyOrder(self, self._key_from_terminal)
        #: The stylesheet's rules not read yet (:meth:`read_css_later`).
        self._css_later: tuple[str, str] | None = None
        #: The ``CSS_PART`` of the screens the rules read so far are enough for.
        self._css_part: str | None = None
        #: Textual's parsed rules kept between starts (:mod:`coach.tui.css_cache`).
        self.css_cache: CssCache | None = None
        from coach.tui import compat

        if compat.private_ok():
            from coach.tui.css_cache import CssCache, install

            self.css_cache = CssCache()
            install(self.stylesheet, self.css_cache)

    def save_css(self) -> None:
        """Keep the rules parsed so far for the next start (:mod:`coach.tui.css_cache`)."""
        if self.css_cache is not None:
            self.css_cache.save()

    # -------------------------------------------------------------- stylesheet
    def read_css_later(self, end: str = HOME_CSS_END, part: str | None = None) -> None:
        """Read only the stylesheet's rules above the comment ``end`` now.

        Home's first frame needs the rules above :data:`HOME_CSS_END`: parsing
        coach.tcss was 16-20 ms of ``coach``'s start-up, and two thirds of its
        rules style other screens. The rest (so every rule keeps its order)
        is read :data:`CSS_LATER_DELAY` after home's first frame
        (:meth:`read_css_soon`), or before another screen is shown, whichever
        comes first.

        A call's screens (``coach call``, ``coach practice``) need the rules
        above :data:`CALL_CSS_END`, and ``part`` (:data:`CALL_CSS`) says so:
        a screen whose ``CSS_PART`` is ``part`` shows without the rest, which
        is read only before another screen (a job's, the editor, the command
        palette) shows. The job, editor and partner rules left out were
        0.25 MiB of a call's memory, parsed. Call before the app runs.
        """
        path = Path(self.CSS_PATH).resolve()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return  # Textual reads it as usual and says what is wrong
        head, mark, rest = text.partition(end)
        if not mark:
            return
        self.css_path = []  # instead of Textual reading the whole file
        self.stylesheet.add_source(head, read_from=(str(path), ""), is_default_css=False)
        self._css_later = (mark + rest, str(path))
        self._css_part = part

    def read_css_soon(self) -> None:
        """After the next frame, read the rest of the stylesheet a moment later."""
        if self._css_later is not None:
            self.call_after_refresh(self.set_timer, CSS_LATER_DELAY, self.read_all_css)

    def read_all_css(self) -> None:
        """Read the stylesheet's rules that :meth:`read_css_later` left (once)."""
        if self._css_later is None:
            return
        (rest, path), self._css_later = self._css_later, None
        self._css_part = None
        self.stylesheet.add_source(rest, read_from=(path, "after home"), is_default_css=False)
        self.stylesheet.update(self)  # (none of them styles what shows: this changes nothing)
        self.save_css()  # home's first frame and the rest of the stylesheet

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        # Textual calls this as a screen is pushed or switched to (not for the
        # default screen, home): the whole stylesheet is read before it shows,
        # unless the rules read are enough for it (a call's screen in a call).
        if self._css_part is None or getattr(screen, "CSS_PART", None) != self._css_part:
            self.read_all_css()
        super()._load_screen_css(screen)

    def get_key_display(self, binding: Binding) -> str:
        """Textual's label for a bound key, its names read from
        :mod:`coach.tui.keynames` rather than Python's Unicode table."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        label = keynames.format_key(key)
        if "ctrl" in modifiers:
            modifiers.remove("ctrl")
            label = f"^{label}"
        return "+".join([*modifiers, label])

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the one that keeps control characters from
        the terminal (:mod:`coach.tui.controls`)."""
        return [*super().get_line_filters(), self._no_controls]

    async def on_event(self, event: events.Event) -> None:
        # "escape, then a key" typed in one motion arrives as alt+key: split it.
        # Each key from the terminal waits for the one before it (keyorder.py).
        if isinstance(event, events.Key) and not event.is_forwarded:
            for key in keys.split_escape(event) or [event]:
                await self.key_order.submit(key)
            return
        await super().on_event(event)

    async def _key_from_terminal(self, key: events.Key) -> None:
        await super().on_event(key)

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
