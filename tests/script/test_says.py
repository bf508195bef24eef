"""``says`` in a practice scenario: what the other side says at each step."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from coach.call.practice import expected_path
from coach.script import schema
from coach.script.load import load_path, load_text
from tests.script.conftest import lines

SCRIPT = """\
title: T
variables:
  interviewer: Who interviewed you?
  interview_date: {prompt: When, type: date}
nodes:
  hello:
    say: Hello, may I speak with {interviewer}?
    partner: Pick up, or not.
    choices:
      - {label: They answer, next: status}
      - {label: Voicemail, next: voicemail}
  status:
    say: How is it going?
    capture: [{id: decision_date, prompt: When, type: date}]
    next: thanks
  thanks:
    say: Thanks.
    end: pending
  voicemail:
    say: Leave a message.
    end: voicemail
practice:
  scenarios:
    - id: deciding
      title: Deciding
      brief: You are {interviewer}; you met on {interview_date}.
      expect: {hello: status}
"""

BUNDLED = sorted((Path(schema.__file__).parent / "bundled").glob("*.yaml"))


def with_says(says: str) -> str:
    return SCRIPT + "      says:\n" + "".join(f"        {line}\n" for line in says.splitlines())


def test_says_is_read_into_the_scenario() -> None:
    script = load_text(
        with_says('hello: "{interviewer} speaking."\nstatus: We decide on {decision_date}.')
    )
    scenario = script.scenarios[0]
    assert scenario.says == {
        "hello": "{interviewer} speaking.",
        "status": "We decide on {decision_date}.",
    }
    # A step without a line falls back to the step's partner text, then to nothing.
    assert scenario.line_at(script.nodes["hello"]) == "{interviewer} speaking."
    assert scenario.line_at(script.nodes["voicemail"]) is None
    plain = load_text(SCRIPT).scenarios[0]
    assert plain.says == {} and plain.line_at(script.nodes["hello"]) == "Pick up, or not."


def test_an_unknown_node_is_reported_with_its_line_and_a_hint() -> None:
    found = lines(with_says("helo: Hi"))
    assert found == [
        "29:9: error: practice scenario 'deciding': says: key 'helo' is not a node; "
        "did you mean 'hello'?"
    ]


def test_an_unknown_template_id_is_reported_where_it_is_written() -> None:
    found = lines(with_says('status: "We decide on {decison_date}."'))
    assert found == [
        "29:31: error: practice scenario 'deciding': says: 'status' uses {decison_date}, "
        "which is not a variable or a capture; did you mean 'decision_date'?"
    ]


def test_says_must_be_a_mapping_of_text_given_once() -> None:
    assert lines(with_says("- hello")) == [
        "29:9: error: practice scenario 'deciding': 'says' must be a mapping of "
        "'key: value' lines, not a list"
    ]
    found = lines(with_says("hello: Hi\nhello: Hello\nstatus: [a]\nthanks:"))
    assert found == [
        "30:9: error: practice scenario 'deciding': says: node 'hello' is given twice; "
        "keep only one",
        "31:17: error: practice scenario 'deciding': says: 'status' must be text, not a list; "
        "text that starts with '{' or '[' must be put in quotes, e.g. "
        'say: "{interviewer} is on the line"',
        "32:16: error: practice scenario 'deciding': says: 'thanks' is empty; "
        "write the text after 'thanks:'",
    ]


def test_says_uses_count_as_uses_of_a_variable() -> None:
    text = SCRIPT.replace("variables:\n", "variables:\n  company: Company\n")
    assert any("'company' is never used" in f for f in lines(text))
    assert not any("never used" in f for f in lines(text + "      says: {hello: '{company}.'}\n"))


def test_the_schema_describes_says() -> None:
    validator = jsonschema.Draft202012Validator(schema.json_schema())
    good = yaml.safe_load(with_says("hello: Hi"))
    assert list(validator.iter_errors(good)) == []
    bad = yaml.safe_load(with_says("Hello: Hi"))
    assert list(validator.iter_errors(bad))
    described = schema.json_schema()["$defs"]["scenario"]["properties"]["says"]
    assert "partner" in described["description"]


def test_every_bundled_scenario_has_a_line_at_each_step_on_its_way() -> None:
    """Solo practice plays real replies: each step a bundled scenario walks through,
    up to its final one, has the scenario's own line (not the partner's stage direction)."""
    missing: list[str] = []
    for file in BUNDLED:
        script = load_path(file)
        assert script.scenarios, file.name
        for scenario in script.scenarios:
            for node_id in expected_path(script, scenario):
                if script.nodes[node_id].end is None and node_id not in scenario.says:
                    missing.append(f"{file.name}: {scenario.id}: {node_id}")
            unknown = set(scenario.says) - set(script.nodes)
            assert not unknown
    assert missing == []


def test_the_readme_format_reference_documents_says() -> None:
    root = Path(schema.__file__).parents[2]
    reference = (root / "docs" / "format.md").read_text()
    assert "| `says` |" in reference
    assert "`says`" in (root / "README.md").read_text()
