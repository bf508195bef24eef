"""Property tests: whatever the input, load_text returns a Script or raises ScriptError."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.script.check import check_text
from coach.script.load import load_text
from coach.script.model import Script, ScriptError
from tests.script.conftest import FORMAT_EXAMPLE

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = [
    "title",
    "nodes",
    "say",
    "next",
    "end",
    "choices",
    "label",
    "capture",
    "id",
    "prompt",
    "variables",
    "anytime",
    "key",
    "node",
    "practice",
    "scenarios",
    "expect",
    "format",
    "checklist",
    "answers",
    "text",
    "start",
    "if",
    "tips",
    "seconds",
    "required",
    "type",
    "hello",
    "return",
    "a",
    "Yes",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(KEYS),
    st.text(max_size=12),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=5),
    ),
    max_leaves=30,
)


def _outcome(text: str | bytes) -> Script | ScriptError:
    try:
        script = load_text(text, "fuzz.yaml")
    except ScriptError as exc:
        assert exc.errors, "a ScriptError names at least one error"
        for f in exc.findings:
            assert f.line >= 1 and f.column >= 1 and f.message
        return exc
    assert isinstance(script, Script)
    assert all(f.severity == "warning" for f in script.warnings)
    return script


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    _outcome(text)


@SETTINGS
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    _outcome(data)


@SETTINGS
@given(structures)
def test_arbitrary_yaml_structures(data: Any) -> None:
    _outcome(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(
    st.data(),
    st.sampled_from(["delete", "insert", "replace", "duplicate"]),
)
def test_mutated_valid_script(data: st.DataObject, how: str) -> None:
    text = FORMAT_EXAMPLE
    at = data.draw(st.integers(0, len(text) - 1))
    size = data.draw(st.integers(1, 40))
    piece = data.draw(
        st.sampled_from(
            [
                "{",
                "}",
                ":",
                "- ",
                "\n",
                "  ",
                "\t",
                "'",
                '"',
                "&a",
                "*a",
                "!!",
                "return",
                "[",
                "]",
                "#",
                "x",
            ]
        )
    )
    if how == "delete":
        text = text[:at] + text[at + size :]
    elif how == "insert":
        text = text[:at] + piece + text[at:]
    elif how == "replace":
        text = text[:at] + piece + text[at + len(piece) :]
    else:
        text = text[:at] + text[at : at + size] + text[at:]
    result = _outcome(text)
    findings = check_text(text, "fuzz.yaml")
    if isinstance(result, Script):
        assert not [f for f in findings if f.severity == "error"]
        assert tuple(findings) == result.warnings
    else:
        assert findings == result.findings


@SETTINGS
@given(structures, st.sampled_from(["nodes", "variables", "anytime", "practice", "checklist"]))
def test_valid_script_with_a_random_section(data: Any, section: str) -> None:
    doc = yaml.safe_load(FORMAT_EXAMPLE)
    doc[section] = data
    _outcome(yaml.safe_dump(doc, allow_unicode=True))
