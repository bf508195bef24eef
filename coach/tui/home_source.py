"""What home shows, read for :class:`~coach.tui.app.CoachApp`: the scripts, their
rehearsals, the jobs' agenda, the recent live calls and rehearsals.

Apart from the app so that ``app.py`` keeps to what runs the screens; it is
imported with home, and imports the rest (the rehearsal rules, the agenda)
when it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.tui.screens.home import HomeData
from coach.tui.widgets.history import recent_content, rehearsal_content

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

#: How many live calls home lists under "Recent calls".
RECENT_LIMIT = 8


def read_home(app: CoachApp, reload: bool = False) -> HomeData:
    """What home shows; ``reload`` reads every script file again."""
    from coach.call.agenda import Agenda
    from coach.call.rehearsal import rehearsal_lines

    entries = app.script_entries(reload=reload)
    scripts = [e.script for e in entries if e.script is not None]
    practice = app.read_store(lambda store: store.calls(mode="practice"))
    rehearsals = rehearsal_lines(scripts, list(practice or []))
    today = app.today()
    agenda = app.read_store(lambda _store: app.job_desk.agenda())
    # Home keeps them apart: live calls under "Recent calls", rehearsals in their own.
    recent = app.read_store(lambda store: store.calls(mode="live", limit=RECENT_LIMIT))
    return HomeData(
        entries,
        rehearsals,
        agenda or Agenda(()),
        recent_content(recent or [], today),
        today,
        rehearsal_content(practice or [], today),
    )
