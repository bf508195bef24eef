"""Reachability, dead ends and the exports of `coach graph`."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.script.graph import Graph, dead_ends, reachable, to_dot, to_mermaid, to_text
from coach.script.load import load_text
from coach.script.model import Script
from tests.script.conftest import FORMAT_EXAMPLE

TANGLED = """\
title: Tangled "graph"
anytime: [hold]
nodes:
  start:
    say: Hi
    choices:
      - {label: 'Say "yes" <b> & #1 | [x]', next: done}
      - {label: Loop, next: loop}
  loop: {say: Around, next: loop2}
  loop2: {say: Again, next: loop}
  done: {say: Bye, end: pending}
  hold: {say: Hold on, next: return}
  orphan: {say: Nobody comes here, end: end}
"""


def _tangled() -> Script:
    return load_text(TANGLED)


def test_reachable_counts_side_flows() -> None:
    assert reachable(_tangled()) == {"start", "loop", "loop2", "done", "hold"}


def test_dead_ends() -> None:
    assert dead_ends(_tangled()) == {"loop", "loop2"}
    assert dead_ends(load_text(FORMAT_EXAMPLE)) == set()


def test_graph_on_raw_edges() -> None:
    graph = Graph(edges={"a": ["b"], "b": [], "c": ["a"]}, start="a", ends=frozenset({"b"}))
    assert graph.main_flow() == {"a", "b"}
    assert graph.reachable_from(["c"]) == {"a", "b", "c"}
    assert graph.dead_ends() == set()


def test_text_tree() -> None:
    assert to_text(_tangled()) == "\n".join(
        [
            'Tangled "graph"  (start: start)',
            "start",
            "  1. 'Say \"yes\" <b> & #1 | [x]' -> done",
            "    done  [end: pending]",
            "  2. 'Loop' -> loop",
            "    loop  [dead end: no end can be reached]",
            "      continue -> loop2",
            "    loop2  [dead end: no end can be reached]",
            "      continue -> loop  (see above)",
            "",
            "Side flows",
            "  key h:",
            "    hold",
            "      continue -> return",
            "",
            "Not reachable from start or a side flow",
            "  orphan  [end: end; unreachable]",
        ]
    )


def test_text_tree_of_a_long_chain_does_not_recurse_or_drift() -> None:
    nodes = "".join(f"  n{i}: {{say: Step, next: n{i + 1}}}\n" for i in range(3000))
    script = load_text(f"title: Long\nnodes:\n{nodes}  n3000: {{say: End, end: x}}\n")
    text = to_text(script)
    assert text.splitlines()[-1] == "n3000  [end: x]"


def test_mermaid_escapes_labels_and_prefixes_ids() -> None:
    out = to_mermaid(_tangled())
    assert out.startswith("flowchart TD\n")
    assert '  n_start -->|"1. Say #quot;yes#quot; #lt;b#gt; #amp; #35;1 #124; [x]"| n_done' in out
    assert '  n_done(["done · end: pending"])' in out
    assert '  key_0{{"key h"}} -.-> n_hold' in out
    assert "  class n_orphan unreachable" in out
    assert "  class n_loop,n_loop2 deadend" in out
    assert '"Say "' not in out


def test_dot_escapes_labels() -> None:
    out = to_dot(_tangled())
    assert out.startswith('digraph script {\n  label="Tangled \\"graph\\"";')
    assert '  "start" -> "done" [label="1. Say \\"yes\\" <b> & #1 | [x]"];' in out
    assert '  "orphan" [label="orphan\\nend: end", peripheries=2, style="rounded,dashed"];' in out
    assert '  "loop" [label="loop", color=red];' in out
    assert out.endswith("}")


@pytest.mark.parametrize("fmt", ["text", "mermaid", "dot"])
def test_coach_graph_of_a_chain_10000_choices_deep(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each step's first choice leads to the next: 10,000 levels, no
    RecursionError, every step in the output (issue 14)."""
    stop = "{label: Stop, next: end}"
    nodes = "".join(
        f"  n{i}: {{say: Step, choices: [{{label: On, next: n{i + 1}}}, {stop}]}}\n"
        for i in range(10_000)
    )
    path = tmp_path / "deep.yaml"
    path.write_text(
        f"title: Deep\nnodes:\n{nodes}  n10000: {{say: Last, end: done}}\n"
        "  end: {say: Bye, end: stopped}\n",
        encoding="utf-8",
    )
    assert main(["graph", str(path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "n9999" in out and "n10000" in out
