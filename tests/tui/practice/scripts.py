"""A practice script for the TUI tests: the small test script with partner lines and scenarios."""

from __future__ import annotations

import html
import re
from typing import Any

from textual.app import App

from coach.script.model import Scenario, Script
from tests.tui.scripts import small_script

PARTNER_HELLO = "Answer as {interviewer}, a little rushed."
PARTNER_STATUS = "Say the {position} decision is still open."


def practice_script() -> Script:
    """Two scenarios: reach the interviewer (two expected moves) or hit voicemail (one)."""
    base = small_script()
    nodes = dict(base.nodes)
    nodes["hello"] = nodes["hello"]._replace(partner=PARTNER_HELLO)
    nodes["status"] = nodes["status"]._replace(partner=PARTNER_STATUS)
    nodes["voicemail"] = nodes["voicemail"]._replace(partner="Play the voicemail greeting.")
    scenarios = (
        Scenario(
            "reached",
            "You reach the interviewer",
            "You are {interviewer}, hiring for the {position} role.",
            {"hello": "status", "status": "thanks"},
        ),
        Scenario(
            "vm", "Voicemail", "You are the voicemail of {interviewer}.", {"hello": "voicemail"}
        ),
    )
    return base._replace(nodes=nodes, scenarios=scenarios)


VALUES = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}


def screen_text(app: App[Any]) -> str:
    """Everything visible on the terminal, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    chunks = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(chunks)).replace("\xa0", " ")
