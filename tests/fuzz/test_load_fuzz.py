"""The loader and ``coach check`` on generated scripts: a valid one loads as written,
a broken one gives the project's own error with a line, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from coach.script.check import check_text
from coach.script.controls import visible
from coach.script.load import load_text
from coach.script.model import Script, ScriptError
from coach.script.template import parse
from tests.fuzz.strategies import Drawn, broken_texts, budget, dump, valid_scripts

FUZZ = settings(max_examples=budget(150), suppress_health_check=[HealthCheck.too_slow])


def _literal(text: str) -> str:
    """A template as the model keeps it: exactly as written, controls shown as pictures."""
    parse(text)  # the generator only writes templates that parse
    return visible(text)


@FUZZ
@given(valid_scripts())
def test_a_valid_script_loads_as_written(drawn: Drawn) -> None:
    text = dump(drawn.doc)
    findings = check_text(text, "fuzz.yaml")
    assert [f for f in findings if f.severity == "error"] == [], text
    script = load_text(text, "fuzz.yaml")
    doc = drawn.doc
    assert script.title == _literal(doc["title"])
    assert list(script.nodes) == list(doc["nodes"])
    assert script.start == drawn.main[0]
    for node_id, written in doc["nodes"].items():
        node = script.nodes[node_id]
        assert node.say == _literal(written["say"])
        assert [c.next for c in node.choices] == [c["next"] for c in written.get("choices", [])]
        assert [c.label for c in node.choices] == [
            _literal(c["label"]) for c in written.get("choices", [])
        ]
        assert node.next == written.get("next")
        assert node.end == written.get("end")
        assert [c.id for c in node.capture] == [c["id"] for c in written.get("capture", [])]
        assert node.seconds == written.get("seconds")
    assert {s.key: s.node for s in script.anytime} == drawn.keys
    scenarios = doc.get("practice", {}).get("scenarios", [])
    assert [s.id for s in script.scenarios] == [s["id"] for s in scenarios]
    for scenario, written in zip(script.scenarios, scenarios, strict=True):
        assert dict(scenario.expect) == written.get("expect", {})
        assert dict(scenario.says) == {k: _literal(v) for k, v in written.get("says", {}).items()}
    assert tuple(findings) == script.warnings


@FUZZ
@given(broken_texts())
def test_a_broken_script_is_a_script_error_with_a_line(text: str | bytes) -> None:
    try:
        script = load_text(text, "fuzz.yaml")
    except ScriptError as exc:
        assert exc.errors
        for finding in exc.findings:
            assert finding.line >= 1 and finding.column >= 1 and finding.message
        outcome: Script | ScriptError = exc
    else:
        assert isinstance(script, Script)
        outcome = script
    findings = check_text(text, "fuzz.yaml")
    if isinstance(outcome, ScriptError):
        assert findings == outcome.findings
    else:
        assert [f for f in findings if f.severity == "error"] == []
        assert tuple(findings) == outcome.warnings
