"""Helpers for the loader and checker tests."""

from __future__ import annotations

import textwrap

from coach.script.check import check_text


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def lines(text: str, file: str = "s.yaml") -> list[str]:
    """Every finding of ``text`` as ``line:col: severity: message``."""
    return [
        f"{f.line}:{f.column}: {f.severity}: {f.message}" for f in check_text(dedent(text), file)
    ]


#: A small valid script; tests add to it.
BASE = """\
title: Test
nodes:
  hello:
    say: Hi
    end: pending
"""

# The example at the end of SCRIPT_FORMAT.md, verbatim.
FORMAT_EXAMPLE = """\
format: 1
title: Follow-up call
variables:
  interviewer: {prompt: "Who interviewed you?", required: true}
  position: Position you interviewed for
checklist:
  - Your resume is in front of you
  - {id: quiet, text: You are somewhere quiet, required: true}
anytime: [repeat]
nodes:
  hello:
    say: Hello, this is Sam. May I speak with {interviewer}?
    choices:
      - {label: "{interviewer} is on the line", next: status}
      - {label: Voicemail, next: voicemail}
  status:
    say: I interviewed for the {position} role and am calling about its status.
    capture: [{id: decision_date, prompt: "When will they decide?", type: date}]
    choices:
      - {label: Still deciding, next: thanks}
  thanks:
    say: Thank you for your time.
    end: pending
  voicemail:
    say: Leave your name, the role, and your number, slowly.
    end: voicemail
  repeat:
    say: Sorry, could you repeat that?
    next: return
"""
