"""The line under a date: the day it names, as a person says it.

A module of its own so that the fields panel (which draws the captures as
text) reads it without the field editors and Textual's ``TextArea``, which a
call imports only when the user types into a field.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from coach.call.saydate import read_date


def date_hint(text: str, today: date | None = None, *, keeps: bool = True) -> Content | None:
    """What goes under a date: the day ``text`` names, read on ``today`` (by
    default the real one) and said as a person says it (``Thursday 3 December at
    3pm``), or, for text that names no day, that it is kept as typed (or, when
    the field does not ``keeps`` text, that it is no date); nothing while blank."""
    today = today or date.today()
    reading = read_date(text, today)
    if reading.blank:
        return None
    words = reading.words(today)
    if words is not None:
        return Content.styled(words, "$text-success")
    if not keeps:
        return Content.styled("Not a date I know", "$text-error")
    return Content.styled(reading.hint(today) or "", "italic $text-warning")
