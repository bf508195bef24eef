"""The JSON Schema accepts every valid script and rejects what the format forbids."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from coach.script import schema
from coach.script.load import load_text
from coach.script.model import ScriptError
from tests.script.conftest import FORMAT_EXAMPLE

SCRIPT_DIR = Path(schema.__file__).parent
BUNDLED = sorted((SCRIPT_DIR / "bundled").glob("*.yaml"))
STARTER = SCRIPT_DIR / "starter.yaml"


class _EditorLoader(yaml.SafeLoader):
    """Reads YAML roughly as an editor's language server does: no date scalars."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _data(text: str) -> Any:
    return yaml.load(text, Loader=_EditorLoader)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.json_schema())


def _errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.json_schema())


def test_schema_is_plain_json_with_id_and_title() -> None:
    s = schema.json_schema()
    assert json.loads(json.dumps(s)) == s
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["$id"] and s["title"]


def test_every_object_is_closed_and_every_property_described() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, where
                for name, prop in node["properties"].items():
                    assert prop.get("description"), f"{where}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(schema.json_schema(), "$")


@pytest.mark.parametrize("path", [*BUNDLED, STARTER], ids=lambda p: p.name)
def test_bundled_scripts_and_starter_validate(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    assert _errors(validator, _data(path.read_text(encoding="utf-8"))) == []


def test_bundled_scripts_exist() -> None:
    assert {p.stem for p in BUNDLED} >= {"follow-up", "application-check", "recruiter-callback"}


def test_format_example_validates(validator: jsonschema.Draft202012Validator) -> None:
    assert _errors(validator, _data(FORMAT_EXAMPLE)) == []


def test_text_that_looks_like_other_types_is_accepted(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = _data(FORMAT_EXAMPLE)
    data["nodes"]["hello"]["choices"][1]["label"] = True  # `label: Yes` read as YAML 1.1
    data["nodes"]["thanks"]["say"] = 3.1  # `say: 3.10`
    data["title"] = "2026-03-01"
    assert _errors(validator, data) == []


def _all_forms() -> dict[str, Any]:
    """The example with every optional key, in long and short forms."""
    data = _data(FORMAT_EXAMPLE)
    data["variables"]["when"] = {
        "prompt": "Interview date",
        "type": "date",
        "required": False,
        "default": "2026-03-01",
    }
    data["checklist"].append({"text": "Notes", "why": "So you can read them", "required": False})
    data["checklist"].append({"text": "Water", "why": None})
    data["anytime"] = ["repeat", {"node": "hold", "key": "h"}, {"node": "spell"}]
    data["nodes"]["hold"] = {"say": "Of course, I'll hold.", "next": "return"}
    data["nodes"]["spell"] = {"say": "Could you spell that?", "next": "return", "partner": None}
    data["nodes"]["hello"]["tips"] = ["Smile", "Be brief"]
    data["nodes"]["status"]["say"] = "We met on {when}; I'm calling about the {position} role."
    data["nodes"]["thanks"]["tips"] = "Thank them"
    data["nodes"]["thanks"]["seconds"] = 30
    data["nodes"]["thanks"]["partner"] = "Say goodbye"
    data["nodes"]["hello"]["choices"][0]["if"] = "interviewer"
    data["nodes"]["thanks"]["end"] = "my_own_outcome"
    data["start"] = "hello"
    data["description"] = "A paragraph."
    data["answers"] = [{"title": "Salary", "text": "Ask for their range first."}]
    data["practice"] = {
        "scenarios": [
            {"id": "s1", "title": "Deciding", "brief": "You are {interviewer}.", "expect": {}},
            {
                "id": "s2",
                "title": "Deciding",
                "brief": "Still deciding",
                "expect": {"hello": "status", "status": "thanks"},
            },
        ]
    }
    return data


def test_long_and_short_forms_are_accepted(validator: jsonschema.Draft202012Validator) -> None:
    data = _all_forms()
    assert _errors(validator, data) == []
    # The loader accepts the same file, with nothing to say about it.
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    script = load_text(text, "forms.yaml")
    assert script.warnings == ()
    assert [s.key for s in script.anytime] == ["r", "h", "s"]


EMPTY_SECTIONS = """\
title: Empty sections
description:
variables:
checklist:
anytime:
answers:
practice:
  scenarios:
nodes:
  hello:
    say: Hello.
    tips:
    capture:
    partner:
    end: pending
"""


def test_sections_left_empty_are_accepted(validator: jsonschema.Draft202012Validator) -> None:
    assert _errors(validator, _data(EMPTY_SECTIONS)) == []
    assert load_text(EMPTY_SECTIONS, "empty.yaml").warnings == ()


Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """A mutation that sets ``a.b.0.c`` (list indexes as numbers) to ``value``."""
    *parents, last = path.split(".")

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    *parents, last = path.split(".")

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        del target[last]

    return mutate


def _ten_choices(data: dict[str, Any]) -> None:
    data["nodes"]["hello"]["choices"] = [
        {"label": f"Choice {i}", "next": "thanks"} for i in range(10)
    ]


REJECTED: dict[str, Mutation] = {
    "unknown top-level key": _set("titel", "x"),
    "unknown node key": _set("nodes.status.choises", []),
    "unknown choice key": _set("nodes.hello.choices.0.goto", "status"),
    "unknown capture key": _set("nodes.status.capture.0.kind", "date"),
    "unknown variable key": _set("variables.interviewer.requird", True),
    "unknown checklist key": _set("checklist.1.because", "x"),
    "unknown anytime key": _set("anytime.0", {"node": "repeat", "letter": "r"}),
    "unknown practice key": _set("practice", {"scenarios": [], "extra": 1}),
    "unknown scenario key": _set(
        "practice", {"scenarios": [{"id": "s", "title": "t", "brief": "b", "hint": "h"}]}
    ),
    "unknown answer key": _set("answers", [{"title": "t", "text": "x", "body": "y"}]),
    "ten choices": _ten_choices,
    "no choices at all": _set("nodes.hello.choices", []),
    "choices and next": _set("nodes.hello.next", "status"),
    "next and end": _set("nodes.repeat.end", "pending"),
    "choices and end": _set("nodes.status.end", "pending"),
    "none of choices, next, end": _delete("nodes.thanks.end"),
    "missing say": _delete("nodes.thanks.say"),
    "missing title": _delete("title"),
    "missing nodes": _delete("nodes"),
    "empty nodes": _set("nodes", {}),
    "format 2": _set("format", 2),
    "format as text": _set("format", "1"),
    "capitalised node id": _set("nodes.Hello", {"say": "x", "end": "pending"}),
    "node id with a dash": _set("nodes.call-back", {"say": "x", "end": "pending"}),
    "variable id starting with a digit": _set("variables.1st", "First"),
    "bad next id": _set("nodes.repeat.next", "Go Back"),
    "bad capture id": _set("nodes.status.capture.0.id", "Decision-Date"),
    "bad outcome id": _set("nodes.thanks.end", "Pending!"),
    "bad start id": _set("start", "Hello"),
    "bad scenario id": _set("practice", {"scenarios": [{"id": "S 1", "title": "t", "brief": "b"}]}),
    "bad expect key": _set(
        "practice",
        {"scenarios": [{"id": "s", "title": "t", "brief": "b", "expect": {"Hello": "status"}}]},
    ),
    "unknown capture type": _set("nodes.status.capture.0.type", "number"),
    "unknown variable type": _set("variables.interviewer.type", "email"),
    "title as a list": _set("title", ["a", "b"]),
    "say as a mapping": _set("nodes.thanks.say", {"text": "x"}),
    "say missing (null)": _set("nodes.thanks.say", None),
    "say empty": _set("nodes.thanks.say", ""),
    "title only blanks": _set("title", "   "),
    "seconds as text": _set("nodes.thanks.seconds", "thirty"),
    "seconds zero": _set("nodes.thanks.seconds", 0),
    "seconds fractional": _set("nodes.thanks.seconds", 2.5),
    "required as text": _set("variables.interviewer.required", "maybe"),
    "choices as a mapping": _set("nodes.hello.choices", {"label": "x", "next": "status"}),
    "variables as a list": _set("variables", ["interviewer"]),
    "checklist as a mapping": _set("checklist", {"resume": "Your resume"}),
    "checklist item without text": _set("checklist.1", {"id": "quiet", "required": True}),
    "variable without prompt": _set("variables.interviewer", {"required": True}),
    "choice without next": _set("nodes.hello.choices.0", {"label": "x"}),
    "capture without id": _set("nodes.status.capture.0", {"prompt": "When?"}),
    "reserved side-flow key": _set("anytime.0", {"node": "repeat", "key": "a"}),
    "side-flow key of two letters": _set("anytime.0", {"node": "repeat", "key": "rr"}),
    "side-flow key in capitals": _set("anytime.0", {"node": "repeat", "key": "R"}),
    "tips as a mapping": _set("nodes.thanks.tips", {"one": "x"}),
    "answer without text": _set("answers", [{"title": "t"}]),
}


@pytest.mark.parametrize("mutate", REJECTED.values(), ids=REJECTED.keys())
def test_schema_rejects(mutate: Mutation, validator: jsonschema.Draft202012Validator) -> None:
    data = _data(FORMAT_EXAMPLE)
    assert _errors(validator, data) == []
    mutate(data)
    assert _errors(validator, data) != []


# What the schema rejects, the loader rejects too: an editor must never show a
# shape as wrong that `coach check` accepts. Dumped back to YAML, so the loader
# reads a real file.
LOADER_REJECTED = REJECTED


@pytest.mark.parametrize("mutate", LOADER_REJECTED.values(), ids=LOADER_REJECTED.keys())
def test_loader_agrees_with_schema_on_rejections(mutate: Mutation) -> None:
    data = copy.deepcopy(_data(FORMAT_EXAMPLE))
    mutate(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    with pytest.raises(ScriptError):
        load_text(text, "mutated.yaml")


def test_loader_accepts_the_format_example() -> None:
    script = load_text(FORMAT_EXAMPLE, "example.yaml")
    assert script.start == "hello"
