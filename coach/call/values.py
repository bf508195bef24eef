"""The values a call starts with, and what the details form still needs.

A variable's value is what was given (``--set``, an earlier screen), else the
script's default, else empty. The details screen is shown while any variable
is still blank; it refuses to go on while a required one is blank or a date
field holds no date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from coach.call.dates import date_problem
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


def needs_details(script: Script, values: Mapping[str, str]) -> bool:
    """True unless every variable already has a value (given or a default)."""
    return any(not start_value(var, values).strip() for var in script.variables)


def field_problem(value: str, kind: FieldType, *, required: bool = False) -> str | None:
    """What stops a field's value: ``"required"`` (blank), a date problem, or None."""
    if required and not value.strip():
        return REQUIRED
    if kind == "date":
        return date_problem(value)
    return None
