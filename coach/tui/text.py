"""Turning session data into display text: words, times, and safe ``Content``.

Values the user typed are never parsed as markup: they are assembled into
``Content`` as plain text with styles attached separately.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

# The words for ids, outcomes and durations are pure; they live in coach.call.words.
from coach.call.words import OUTCOME_WORDS as OUTCOME_WORDS
from coach.call.words import duration_words as duration_words
from coach.call.words import id_words as id_words
from coach.call.words import outcome_words as outcome_words

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Only in annotations: home (its recent calls) reads this module without
    # the template module's regular expressions and dataclass.
    from coach.script.template import Segment

#: The style of a template field that has no value yet (``[interviewer]``).
PLACEHOLDER_STYLE = "italic reverse $warning"


def clock(seconds: float) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` above."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


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
    """The last few steps (in words), oldest first, ``…`` when some are left out.

    With ``width``, older steps are dropped until the line fits, so the step
    you are on is always shown (alone, cut at its end, if it is too long).
    """
    shown = route[-last:]
    while True:
        prefix = "… › " if len(shown) < len(route) else ""
        text = prefix + " › ".join(shown)
        if width is None or len(text) <= width or len(shown) == 1:
            break
        shown = shown[1:]
    if width is not None and len(text) > width:
        text = shown[-1] if shown else ""
        if len(text) > width:
            text = text[: max(width - 1, 0)] + "…"
    return text
