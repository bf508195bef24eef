"""The values a call starts with, and what the details form still needs.

Values come from, first to last winner (DESIGN's chain): the script's
defaults, the profile (settings file), the job (company, position,
interviewer, dates, ``their_phone``), what earlier calls on the job captured,
then ``--set`` (:func:`chain_values`). A variable's value is what that chain
gave, else the script's default, else empty. The details screen is shown while
a required variable is blank or a variable was never given at all (a value
given blank on purpose, ``--set forgot_to_mention=``, is an answer); it refuses
to go on only while a required one is blank. A date may be written as people
say it ("next Monday", "14 Dec"): the text is kept as typed, and read as a date
where one is needed (:mod:`coach.call.saydate`); text that names no day is kept
too, never refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

from coach.script.model import FieldType, Script, Variable

#: What :func:`field_problem` says about a required field left blank.
REQUIRED: Literal["required"] = "required"


def start_value(var: Variable, values: Mapping[str, str]) -> str:
    """``var``'s value: the one given in ``values``, else its default, else empty."""
    given = values.get(var.id)
    if given is None:
        return var.default or ""
    return given


def start_values(script: Script, values: Mapping[str, str]) -> dict[str, str]:
    """Every variable of ``script`` with its value (see :func:`start_value`)."""
    return {var.id: start_value(var, values) for var in script.variables}


def chain_values(
    script: Script,
    *,
    profile: Mapping[str, str] | None = None,
    job: Mapping[str, str] | None = None,
    captured: Mapping[str, str] | None = None,
    given: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The values of ``script``'s variables from DESIGN's chain, last winner first:
    ``given`` (``--set``) over ``captured`` (earlier calls on the job) over ``job``
    (``Job.values()``) over ``profile`` over the script's defaults.

    Only the script's own variables are kept; a blank value never hides one
    from further down the chain. Variables nobody fills are left out (so the
    details form asks for them), except those ``given`` blank on purpose: they
    are kept, blank, so an optional one does not bring the form.
    """
    out: dict[str, str] = {}
    for var in script.variables:
        if var.default and var.default.strip():
            out[var.id] = var.default
    for source in (profile, job, captured, given):
        for key, value in (source or {}).items():
            if isinstance(value, str) and value.strip() and script.variable(key) is not None:
                out[key] = value
    for key, value in (given or {}).items():
        if isinstance(value, str) and script.variable(key) is not None:
            out.setdefault(key, "")
    return out


def _missing(var: Variable, values: Mapping[str, str]) -> bool:
    """``var`` is blank and required, or was never given (nor has a default)."""
    if start_value(var, values).strip():
        return False
    return var.required or values.get(var.id) is None


def missing_variables(script: Script, values: Mapping[str, str]) -> list[Variable]:
    """What the details form asks for (in the script's order): the required variables
    still blank once ``values`` and the defaults are in, and those never given.

    An optional variable given blank (``--set forgot_to_mention=``) is not missing.
    """
    return [var for var in script.variables if _missing(var, values)]


def needs_details(script: Script, values: Mapping[str, str]) -> bool:
    """True while the form has something to ask (see :func:`missing_variables`)."""
    return any(_missing(var, values) for var in script.variables)


def field_problem(value: str, kind: FieldType, *, required: bool = False) -> str | None:
    """What stops a field's value: ``"required"`` (blank), or None.

    A date field takes any text (what people say is kept as typed, a date or not),
    so ``kind`` only matters to the hint shown under the field.
    """
    del kind
    if required and not value.strip():
        return REQUIRED
    return None


def date_fields(script: Script) -> frozenset[str]:
    """The ids of ``script``'s variables and captures of type ``date``."""
    return frozenset(
        [v.id for v in script.variables if v.type == "date"]
        + [c.id for n in script.nodes.values() for c in n.capture if c.type == "date"]
    )


def spoken_fields(
    fields: Mapping[str, str], dates: frozenset[str], today: date, order: str | None = None
) -> dict[str, str]:
    """``fields`` with each date among ``dates`` as a person says it: ``Friday 4
    December`` (the year only when it is not ``today``'s), a time of day kept
    (``Thursday 3 December at 3pm``); text that names no day stays as typed.

    ``today`` is the day the texts were typed (the call's own day): "tomorrow"
    is the day after it.
    """
    out = dict(fields)
    typed = [field_id for field_id in dates if out.get(field_id, "").strip()]
    if not typed:
        return out
    from coach.call.saydate import said

    for field_id in typed:
        words = said(out[field_id], today, order)
        if words is not None:
            out[field_id] = words
    return out
