"""The entry points the command line calls: ``run_home()`` is ``coach``, ``run_call()``
is ``coach call``, ``run_practice()`` is ``coach practice``, ``run_editor()`` is
``coach edit``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.tui.app import CoachApp

if TYPE_CHECKING:
    from coach.call.jobstart import JobCallStart
    from coach.call.rehearsal import PracticePick
    from coach.call.session import Mode
    from coach.script.model import Scenario, Script
    from coach.script.newscript import EditTarget


def run_home() -> int:
    """``coach``: the home screen."""
    app = CoachApp(handle_signals=True)
    result = app.run()
    app.save_css()  # what other screens parsed, for the next start
    return result if isinstance(result, int) else 0


def run_call(
    script: Script,
    values: dict[str, str],
    *,
    mode: Mode = "live",
    scenario: Scenario | None = None,
    job: int | None = None,
    start: JobCallStart | None = None,
) -> int:
    """``coach call``/``coach practice``: details → prep → call → summary, then exit."""
    app = CoachApp(
        script=script,
        values=values,
        mode=mode,
        scenario=scenario,
        handle_signals=True,
        job=job,
        start=start,
    )
    result = app.run()
    app.save_css()
    return result if isinstance(result, int) else 0


def run_practice(script: Script, values: dict[str, str], pick: PracticePick, *, solo: bool) -> int:
    """``coach practice``: details → prep → partner card → rehearsal → practice summary.

    The scenario (``pick``) is chosen by the command line before the app
    starts, so a ``--scenario`` that cannot be played never opens a screen.
    """
    app = CoachApp(
        script=script,
        values=values,
        mode="practice",
        scenario=pick.scenario,
        handle_signals=True,
        solo=solo,
        notices=pick.messages,
    )
    result = app.run()
    app.save_css()
    return result if isinstance(result, int) else 0


def run_editor(target: EditTarget) -> int:
    """``coach edit``: the editor on ``target`` until the user leaves it.

    It runs inside the full app, so ``ctrl+r`` rehearses there and then.
    """
    app = CoachApp(edit=target, handle_signals=True)
    result = app.run()
    app.save_css()
    return result if isinstance(result, int) else 0
