"""The words of spoken dates: names, numbers, fillers, and the time of day.

:mod:`coach.call.saydate` reads the day; this module holds what it reads
with: the tables of weekday and month names (with their abbreviations),
number and ordinal words, the words that say nothing about the day, and
:func:`take_time`, which finds a time of day (``3pm``, ``at 10``,
``morning``) and cuts it out. Pure and fast: regular expressions only.
"""

from __future__ import annotations

import re

# fmt: off
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "weds": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# fmt: on
ORDINAL_DAYS = {word: n for n, word in enumerate(_ORDINALS, start=1)}
for _tens, _base in (("twenty", 20), ("thirty", 30)):
    for _n, _word in enumerate(_ORDINALS[:9], start=1):
        ORDINAL_DAYS[f"{_tens} {_word}"] = ORDINAL_DAYS[f"{_tens}-{_word}"] = _base + _n
ORDINAL_DAYS["thirtieth"] = 30

WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
MON = "|".join(sorted(MONTHS, key=len, reverse=True))
UNIT = r"days?|weeks?|months?|years?|fortnights?"

# -- normalising -------------------------------------------------------------------------
_APOSTROPHES = re.compile(r"['\u2019`]")
_AM_PM = re.compile(r"\b([ap])\.\s?m\b\.?")
_PUNCTUATION = re.compile(r"(?<=[a-z])\.|[,;!?()\[\]]|\.$|\s-\s")
_SPACES = re.compile(r"\s+")
ORDINAL_SUFFIX = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
ORDINAL_WORDS = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, ORDINAL_DAYS), key=len, reverse=True)) + r")\b"
)
_ISH = re.compile(r"-?\bish\b|-ish\b")
_PHRASES = (
    (re.compile(r"\btonight\b"), "today evening"),
    (re.compile(r"\b(?:tmrw|tmr|tmw|tomorow|tommorow|tommorrow|2moro|tomorrow)\b"), "tomorrow"),
    (re.compile(r"\bmid-"), "mid "),
    (re.compile(r"\b(?:a\s+)?couple\s+(?:of\s+)?"), "2 "),
    (re.compile(r"\bnext\s+(?:fortnight)\b"), "in 2 weeks"),
    (re.compile(r"\bat\s+the\s+(?:latest|earliest)\b|\bor\s+so\b|\bno\s+later\s+than\b"), " "),
    (re.compile(r"\blunch\s+time\b"), "lunchtime"),
)
#: Words that say nothing about which day: dropped before the date is read.
# fmt: off
FILLERS = frozenset({
    "on", "by", "before", "until", "till", "til", "around", "about", "approx",
    "approximately", "roughly", "maybe", "probably", "perhaps", "hopefully", "likely",
    "latest", "at", "the", "sometime", "expected", "expect", "definitely",
})
# fmt: on

# -- time of day -------------------------------------------------------------------------
_TIME_PREFIX = r"(?:\b(after|before|around|about|from|by|at|until|till)\s+)?"
_CLOCK_12 = re.compile(_TIME_PREFIX + r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b")
_CLOCK_24 = re.compile(_TIME_PREFIX + r"\b(\d{1,2}):(\d{2})\b")
_OCLOCK = re.compile(_TIME_PREFIX + r"\b(\d{1,2})\s*oclock\b")
_CLOCK_BARE = re.compile(
    r"\b(after|before|around|at)\s+(\d{1,2})(?:\.(\d{2}))?\b"
    r"(?!\s*(?:[/.\-]?\d|of\b|" + UNIT + "|" + MON + r"))"
)
_PART_OF_DAY = re.compile(
    r"\b(?:(early|late|mid)\s+)?(?:in\s+the\s+)?"
    r"(morning|afternoon|evening|night|lunchtime|lunch|noon|midday|am|pm)\b"
)
_END_OF_DAY = re.compile(
    r"\b(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:working\s+|business\s+)?day"
    r"|close\s+of\s+(?:business|play)|eod|cob)\b"
)
_FIRST_THING = re.compile(r"\bfirst\s+thing(?:\s+in\s+the\s+morning)?\b")
_PART_WORDS = {
    "morning": "in the morning",
    "am": "in the morning",
    "afternoon": "in the afternoon",
    "pm": "in the afternoon",
    "evening": "in the evening",
    "night": "in the evening",
    "lunchtime": "at lunchtime",
    "lunch": "at lunchtime",
    "noon": "at noon",
    "midday": "at midday",
}


def normal(s: str) -> str:
    s = _APOSTROPHES.sub("", s)
    s = _AM_PM.sub(r"\1m", s)
    s = _PUNCTUATION.sub(" ", s)
    s = _ISH.sub(" ", s)
    for pattern, words in _PHRASES:
        s = pattern.sub(words, s)
    return _SPACES.sub(" ", s).strip()


def take_time(s: str) -> tuple[str | None, str]:
    """The time of day said in ``s`` (as a phrase), and ``s`` without it."""
    for pattern in (_CLOCK_12, _CLOCK_24, _OCLOCK, _CLOCK_BARE):
        found = pattern.search(s)
        if found is None:
            continue
        phrase = _clock(pattern, found)
        if phrase is None:
            return None, s  # "25pm": no time, and no date either (the text stays)
        return phrase, _cut(s, found)
    found = _END_OF_DAY.search(s)
    if found is not None:
        return "by the end of the day", _cut(s, found)
    found = _FIRST_THING.search(s)
    if found is not None:
        return "first thing", _cut(s, found)
    found = _PART_OF_DAY.search(s)
    if found is not None:
        part, word = found[1], found[2]
        phrase = _PART_WORDS[word]
        if part == "mid" and phrase.startswith("in the "):
            phrase = f"mid-{word}"
        elif part:
            phrase = f"{part} {phrase}"
        return phrase, _cut(s, found)
    return None, s


def _cut(s: str, found: re.Match[str]) -> str:
    return f"{s[: found.start()]} {s[found.end() :]}".strip()


def _clock(pattern: re.Pattern[str], found: re.Match[str]) -> str | None:
    prefix = found[1]
    hour = int(found[2])
    minutes = found[3] if pattern is not _OCLOCK else None
    if minutes is not None and int(minutes) > 59:
        return None
    if pattern is _CLOCK_12:
        if not 1 <= hour <= 12:
            return None
        said = f"{hour}{':' + minutes if minutes else ''}{found[4]}"
    elif pattern is _CLOCK_24:
        if hour > 23:
            return None
        said = f"{hour}:{minutes}"
    elif pattern is _OCLOCK:
        if not 1 <= hour <= 12:
            return None
        said = f"{hour} o'clock"
    else:
        if not 1 <= hour <= 23:
            return None
        said = f"{hour}{':' + minutes if minutes else ''}"
    if prefix in (None, "at"):
        return f"at {said}"
    return f"{prefix} {said}"
