"""The JSON Schema (draft 2020-12) of the call-script format, version 1.

Editors that speak the YAML language server protocol use it for completion,
hover help and red squiggles while a user writes a script by hand::

    # yaml-language-server: $schema=./call-script.schema.json

The schema describes the shape of a file only. The loader
(:mod:`coach.script.load`) is the authority: it also checks what a schema
cannot say (targets that exist, template ids, reachability) and gives every
problem with file, line and column. Everything the loader accepts, this
schema accepts; every unknown key is rejected here as it is there.

Pure data, standard library only: ``coach schema`` prints
``json.dumps(json_schema(), indent=2)``.
"""

from __future__ import annotations

from typing import Any

from coach.script.model import ID_PATTERN, KNOWN_OUTCOMES, MAX_CHOICES, RESERVED_KEYS

SCHEMA_ID = "urn:call-coach:script-format:1"

_ID = f"^{ID_PATTERN}$"

#: One lowercase letter the call screen does not use itself.
_FREE_LETTERS = "".join(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in RESERVED_KEYS)

Schema = dict[str, Any]


def _text(description: str) -> Schema:
    # The loader keeps every scalar as the text it was written as: `Yes`, `3.10`
    # and `2026-03-01` are text, not a boolean, a number or a date. An editor
    # reading YAML may still see a number or a boolean there, so accept those.
    return {"$ref": "#/$defs/text", "description": description}


def _optional_text(description: str) -> Schema:
    # May be left empty (`why:` with nothing after it).
    return {"$ref": "#/$defs/optional_text", "description": description}


def _id(description: str) -> Schema:
    return {"$ref": "#/$defs/id", "description": description}


def _closed(properties: dict[str, Schema], required: list[str], description: str) -> Schema:
    schema: Schema = {
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def _field_type(description: str) -> Schema:
    return {
        "type": "string",
        "enum": ["text", "date", "multiline"],
        "default": "text",
        "description": description,
    }


def _defs() -> dict[str, Schema]:
    variable_long = _closed(
        {
            "prompt": _text("The question shown on the call details screen."),
            "type": _field_type(
                "`text` (one line, the default), `date` (typed as people say it, "
                "'next Monday', '14 Dec', or YYYY-MM-DD; kept as typed) or `multiline`."
            ),
            "required": {
                "type": "boolean",
                "default": False,
                "description": "A call cannot start while a required variable is empty.",
            },
            "default": _optional_text("The value filled in until the user types another."),
        },
        ["prompt"],
        "A variable in its long form.",
    )
    checklist_long = _closed(
        {
            "id": _id("Names the tick in the call record; default: from the item's position."),
            "text": _text("The item as shown on the prep checklist."),
            "why": _optional_text("Why it matters; shown on demand."),
            "required": {
                "type": "boolean",
                "default": False,
                "description": "Starting a call with this item unticked asks for confirmation.",
            },
            "live_only": {
                "type": "boolean",
                "default": False,
                "description": (
                    "Only a live call needs this item (the timing of the call, the "
                    "interviewer's number): a rehearsal leaves it out."
                ),
            },
        },
        ["text"],
        "A checklist item in its long form.",
    )
    capture = _closed(
        {
            "id": _id(
                "The capture's id: usable as {id} in later templates and in `if`. "
                "The follow-up tracker reads `decision_date` and `callback_date`."
            ),
            "prompt": _text("What to write down here (a template)."),
            "type": _field_type(
                "`text` (the default), `date` (as people say it, or YYYY-MM-DD) or `multiline`."
            ),
        },
        ["id", "prompt"],
        "A field to fill in during this step.",
    )
    choice = _closed(
        {
            "label": _text("What the other side said or did (a template); key 1-9 picks it."),
            "next": _id("The node to move to."),
            "if": _id("Show this choice only while this variable or capture is non-empty."),
        },
        ["label", "next"],
        "One branch of a node.",
    )
    outcome: Schema = {
        "description": (
            "Marks a final node and names the call's outcome. The follow-up "
            "tracker understands "
            + ", ".join(f"`{o}`" for o in KNOWN_OUTCOMES)
            + "; other ids are stored as they are."
        ),
        "anyOf": [
            {"type": "string", "enum": list(KNOWN_OUTCOMES)},
            {"$ref": "#/$defs/id"},
        ],
    }
    node = _closed(
        {
            "say": _text("What the caller says at this step (a template)."),
            "tips": {
                "description": "Coaching hints, shown smaller than `say` (templates).",
                "anyOf": [
                    {"$ref": "#/$defs/text"},
                    {"type": ["array", "null"], "items": {"$ref": "#/$defs/text"}},
                ],
            },
            "capture": {
                "type": ["array", "null"],
                "description": "Fields to fill in during this step.",
                "items": {"$ref": "#/$defs/capture"},
            },
            "choices": {
                "type": "array",
                "description": (
                    f"Branches, at most {MAX_CHOICES}; keys 1-{MAX_CHOICES} pick the "
                    "choices shown, in order. A node has exactly one of "
                    "`choices`, `next`, `end`."
                ),
                "minItems": 1,
                "maxItems": MAX_CHOICES,
                "items": {"$ref": "#/$defs/choice"},
            },
            "next": _id(
                "The single way on (Continue, key Enter); `return` ends a side flow. "
                "A node has exactly one of `choices`, `next`, `end`."
            ),
            "end": outcome,
            "partner": _optional_text("Practice only: what the other side says or does here."),
            "seconds": {
                "type": "integer",
                "minimum": 1,
                "description": "Soft time budget for this step; the timer turns amber past it.",
            },
        },
        ["say"],
        "One step of the call.",
    )
    node["oneOf"] = [
        {"required": ["choices"], "description": "A node with branches."},
        {"required": ["next"], "description": "A node with a single way on."},
        {"required": ["end"], "description": "A final node."},
    ]
    anytime_long = _closed(
        {
            "node": _id("The node the side flow starts at."),
            "key": {
                "type": "string",
                "pattern": f"^[{_FREE_LETTERS}]$",
                "description": (
                    "One lowercase letter that opens the side flow; not one the call "
                    "screen uses itself (" + " ".join(sorted(RESERVED_KEYS)) + ")."
                ),
            },
        },
        ["node"],
        "A side flow with its own key.",
    )
    scenario = _closed(
        {
            "id": _id("The scenario's id (`coach practice SCRIPT --scenario ID`)."),
            "title": _text("Shown when picking a scenario."),
            "brief": _text("The role card for the partner playing the other side (a template)."),
            "expect": {
                "type": "object",
                "description": (
                    "Node id -> the node the caller should move to there in this "
                    "scenario; each value is one of that node's choice targets."
                ),
                "propertyNames": {"pattern": _ID},
                "additionalProperties": {"$ref": "#/$defs/id"},
            },
            "says": {
                "type": "object",
                "description": (
                    "Node id -> what the other side says at that step in this scenario "
                    "(a template); solo practice shows it, else the node's `partner` text."
                ),
                "propertyNames": {"pattern": _ID},
                "additionalProperties": {"$ref": "#/$defs/text"},
            },
        },
        ["id", "title", "brief"],
        "A practice scenario.",
    )
    return {
        "text": {
            "description": "Text, kept exactly as written; not empty.",
            "anyOf": [{"type": "string", "pattern": "\\S"}, {"type": ["number", "boolean"]}],
        },
        "optional_text": {
            "description": "Text, kept exactly as written; may be empty.",
            "type": ["string", "number", "boolean", "null"],
        },
        "id": {
            "type": "string",
            "pattern": _ID,
            "description": "An id: a lowercase letter, then lowercase letters, digits or _.",
        },
        "variable": {
            "description": "A prompt (short form) or a mapping with `prompt`, `type`, "
            "`required`, `default`.",
            "anyOf": [{"$ref": "#/$defs/text"}, variable_long],
        },
        "checklist_item": {
            "description": "The item's text (short form) or a mapping with `id`, `text`, "
            "`why`, `required`, `live_only`.",
            "anyOf": [{"$ref": "#/$defs/text"}, checklist_long],
        },
        "capture": capture,
        "choice": choice,
        "node": node,
        "side_flow": {
            "description": "A node id (its key is picked for it) or `{node: id, key: letter}`.",
            "anyOf": [{"$ref": "#/$defs/id"}, anytime_long],
        },
        "answer": _closed(
            {
                "title": _text("The card's title."),
                "text": _text("The card's text (a template)."),
            },
            ["title", "text"],
            "A quick-reference card, opened with key a during the call.",
        ),
        "scenario": scenario,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a call script, format version 1."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Call Coach call script, format 1",
        "description": (
            "A call script for Call Coach: the steps of a phone call, what to say "
            "at each, and where to go next. Check a file with `coach check FILE`."
        ),
        "type": "object",
        "properties": {
            "format": {
                "const": 1,
                "description": "The format version: the integer 1.",
            },
            "title": _text("Shown in lists and headers."),
            "description": _optional_text("One paragraph shown when picking a script."),
            "start": _id("The first node; default: the first key under `nodes`."),
            "variables": {
                "type": ["object", "null"],
                "description": "Facts asked for before the call, usable as {id} in templates.",
                "propertyNames": {"pattern": _ID},
                "additionalProperties": {"$ref": "#/$defs/variable"},
            },
            "checklist": {
                "type": ["array", "null"],
                "description": "Items of the prep checklist shown before the call.",
                "items": {"$ref": "#/$defs/checklist_item"},
            },
            "anytime": {
                "type": ["array", "null"],
                "description": "Side flows that can be opened from every step with a key.",
                "items": {"$ref": "#/$defs/side_flow"},
            },
            "answers": {
                "type": ["array", "null"],
                "description": "Quick-reference cards, opened with key a during the call.",
                "items": {"$ref": "#/$defs/answer"},
            },
            "nodes": {
                "type": "object",
                "description": "The steps of the call: node id -> node. At least one.",
                "minProperties": 1,
                "propertyNames": {"pattern": _ID},
                "additionalProperties": {"$ref": "#/$defs/node"},
            },
            "practice": _closed(
                {
                    "scenarios": {
                        "type": ["array", "null"],
                        "description": "Scenarios a friend can play from a role card.",
                        "items": {"$ref": "#/$defs/scenario"},
                    }
                },
                [],
                "Practice scenarios for rehearsing the call with a partner.",
            ),
        },
        "required": ["title", "nodes"],
        "additionalProperties": False,
        "$defs": _defs(),
    }
