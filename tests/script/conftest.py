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
