"""Turning session data into display text: words, times, and safe ``Content``.

Values the user typed are never parsed as markup: they are assembled into
``Content`` as plain text with styles attached separately.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from coach.call.words import id_words
from coach.script.template import Segment

#: The style of a template field that has no value yet (``[interviewer]``).
PLACEHOLDER_STYLE = "italic reverse $warning"

OUTCOME_WORDS = {
    "offer": "Offer made",
    "rejected": "Not selected",
    "pending": "Decision pending",
    "voicemail": "Left a voicemail",
    "no_answer": "No answer",
    "call_back": "Call back later",
}


def outcome_words(outcome: str | None, *, abandoned: bool = False) -> str:
    """The outcome in human words."""
    if outcome:
        return OUTCOME_WORDS.get(outcome, id_words(outcome))
    if abandoned:
        return "Ended early"
    return "In progress"


def clock(seconds: float) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` above."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def duration_words(seconds: float | None) -> str:
    """``4 min 05 s`` style duration, or an em dash when unknown."""
    if seconds is None:
        return "—"
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def segments_content(segments: Iterable[Segment], style: str = "") -> Content:
    """Content from rendered template segments; placeholders stand out."""
    parts: list[tuple[str, str]] = []
    for seg in segments:
        if seg.missing:
            parts.append((seg.text, f"{style} {PLACEHOLDER_STYLE}".strip()))
        else:
            parts.append((seg.text, style))
    return Content.assemble(*parts)


def breadcrumb(route: list[str], last: int = 4, width: int | None = None) -> str:
    """The last few step ids, oldest first, ``…`` when some are left out.

    With ``width``, older steps are dropped until the line fits, so the step
    you are on is always shown (cut at its end only if it alone is too long).
    """
    shown = route[-last:]
    while True:
        prefix = "… › " if len(shown) < len(route) else ""
        text = prefix + " › ".join(shown)
        if width is None or len(text) <= width or len(shown) == 1:
            break
        shown = shown[1:]
    if width is not None and len(text) > width:
        text = text[: max(width - 1, 0)] + "…"
    return text
