"""Who a call was to, and the next-step rules re-exported: pure, no storage, no UI.

A job's next step, by DESIGN's rules table, is :func:`next_step` (in
:mod:`coach.call.nextstep`, re-exported here with :class:`NextStep`,
:func:`describe_step` and :func:`too_early`). A call made without a job is
grouped with others to the same company and position by :func:`prospect_key`
(the store attaches it to that job, or makes one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from coach.call.snapshot_fields import merged_fields

TYPE_CHECKING = False
if TYPE_CHECKING:
    from coach.call.nextstep import NextStep, StepAction, describe_step, next_step, too_early

#: Re-exported from :mod:`coach.call.nextstep` when first asked for: the store
#: imports this module for the prospect key, and the rules cost it 1.1 ms.
_FROM_NEXTSTEP = frozenset({"NextStep", "StepAction", "describe_step", "next_step", "too_early"})


def __getattr__(name: str) -> object:
    if name in _FROM_NEXTSTEP:
        from coach.call import nextstep

        return getattr(nextstep, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- prospects -------------------------------------------------------------


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def prospect_key(script: str, fields: Mapping[str, str]) -> str:
    """Who a call was to: normalised company and position, else interviewer, else script.

    ``"Acme Ltd."`` and ``" acme  ltd"`` are one prospect; the script id is not
    part of the key when a company or position is known, so a second call made
    with another script still belongs to the same prospect.
    """
    company = _normalise(fields.get("company", ""))
    position = _normalise(fields.get("position", ""))
    if company or position:
        return f"job:{company}|{position}"
    interviewer = _normalise(fields.get("interviewer", ""))
    if interviewer:
        return f"interviewer:{interviewer}"
    return f"script:{script}"


def prospect_label(fields: Mapping[str, str], fallback: str) -> str:
    """A display name for a prospect: ``"Acme Ltd, Data analyst"``."""
    parts = [fields.get(k, "").strip() for k in ("company", "position")]
    label = ", ".join(p for p in parts if p)
    return label or fields.get("interviewer", "").strip() or fallback


__all__ = [
    "NextStep",
    "StepAction",
    "describe_step",
    "merged_fields",
    "next_step",
    "prospect_key",
    "prospect_label",
    "too_early",
]
