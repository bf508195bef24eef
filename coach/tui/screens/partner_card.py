"""The partner's role card, shown once before a rehearsal.

The caller hands the screen to the friend playing the other side; ``enter``
hides it and the rehearsal begins. With ``--solo`` the card tells the caller
that the app plays the other side and keeps the scenario hidden until the
summary; ``v`` shows it first for those who want to know.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.call.practice import PartnerCard, partner_card
from coach.call.titles import hides_scenario, practice_sub_title
from coach.call.walk import Walk
from coach.tui.widgets.footer import CoachFooter


def hidden_content() -> Content:
    """A solo rehearsal's card before the scenario is asked for: nothing to spoil it."""
    return Content("\n").join(
        [
            Content.styled(
                "Solo rehearsal: the app plays the other side. At each step you see what "
                "you say, then what they answer.",
                "italic $text-accent",
            ),
            Content(""),
            Content.styled("The scenario is hidden until the summary", "bold $text-primary"),
            Content(
                "How the call goes is a surprise, as it would be on a real call: listen "
                "to what they say and pick where to go. The summary tells you which "
                "scenario it was and how you did."
            ),
            Content(""),
            Content.assemble(
                ("Press ", "$foreground-muted"),
                ("v", "bold $accent"),
                (" to see the scenario before you start, ", "$foreground-muted"),
                ("⏎", "bold $accent"),
                (" to start.", "$foreground-muted"),
            ),
        ]
    )


def card_content(card: PartnerCard, *, solo: bool = False) -> Content:
    """The card as content; script and user text stay plain (never markup)."""
    muted = "$foreground-muted"
    parts: list[Content] = []
    if solo:
        parts.append(
            Content.styled(
                "Solo rehearsal: the app plays the other side. At each step you will see "
                "what they say, then what you say.",
                "italic $text-accent",
            )
        )
    else:
        parts.append(
            Content.styled(
                "Hand this screen to your partner. They read it, then press Enter: the card "
                "is hidden and the rehearsal begins.",
                "italic $text-accent",
            )
        )
    parts.append(Content(""))
    parts.append(Content.styled(card.title, "bold $text-primary"))
    parts.append(Content(card.brief))
    parts.append(Content(""))
    if card.free:
        parts.append(Content.styled("Free rehearsal: no score.", muted))
        parts.append(Content(""))
    heading = "What they say at the key steps" if solo else "What you say at the key steps"
    parts.append(Content.styled(heading, "bold $accent"))
    if not card.steps:
        parts.append(Content.styled("The script gives no lines: react as you like.", muted))
    caller, partner = ("you say", "They") if solo else ("the caller says", "You")
    for number, step in enumerate(card.steps, start=1):
        parts.append(Content.assemble((f"{number}. When {caller}: ", muted), (step.say, muted)))
        line = step.partner or "(no line here: react as you like)"
        parts.append(Content.assemble((f"   {partner}: ", "bold"), line))
        if step.steer:
            parts.append(
                Content.assemble(("   steer toward: ", "$text-warning"), (step.steer, "bold"))
            )
    return Content("\n").join(parts)


class PartnerCardScreen(Screen[bool]):
    """The role card of ``walk``'s rehearsal (its scenario, with its values filled in).

    Dismisses True (start) on Enter, False (go back) on Escape.
    """

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    AUTO_FOCUS = "#card"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Hide card and start", key_display="⏎", priority=True),
        Binding("v", "reveal", "Show scenario", id="reveal", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    def __init__(self, walk: Walk) -> None:
        super().__init__()
        self.walk = walk
        self.card = partner_card(walk.script, walk.scenario, walk.values)
        #: Solo: the scenario stays hidden until the summary, unless asked for (v).
        self.hidden = hides_scenario(walk.scenario, solo=walk.solo)

    @property
    def solo(self) -> bool:
        """A rehearsal alone: the card says the app plays the other side."""
        return self.walk.solo

    def compose(self) -> ComposeResult:
        title = "Rehearsal card" if self.solo else "Partner card"
        yield Static(Content.styled(title, "bold"), classes="screen-title")
        with VerticalScroll(id="card"):
            yield Static(self._body(), id="card-body")
        yield CoachFooter()

    def _body(self) -> Content:
        return hidden_content() if self.hidden else card_content(self.card, solo=self.solo)

    def _sub_title(self) -> str:
        if self.hidden:
            return practice_sub_title("practice", self.walk.scenario, solo=True)
        return f"practice{' (solo)' if self.solo else ''}: {self.card.title}"

    def on_mount(self) -> None:
        self.sub_title = self._sub_title()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self.hidden
        return True

    def action_reveal(self) -> None:
        """Show the scenario (and what they will say) before the rehearsal starts."""
        if not self.hidden:
            return
        self.hidden = False
        self.query_one("#card-body", Static).update(self._body())
        self.sub_title = self._sub_title()
        self.refresh_bindings()

    def action_start(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
