"""Every subcommand given wrong arguments exits 2 with a usage line and a
sentence, never a traceback (issue 14 point 4)."""

from __future__ import annotations

import pytest

from coach.cli import main

WRONG = [
    ["--no-such-flag"],
    ["no-such-command"],
    ["call"],
    ["call", "follow-up", "--job", "x"],
    ["call", "follow-up", "--set", "no-equals-sign"],
    ["practice"],
    ["practice", "follow-up", "--bogus"],
    ["partner", "--port", "x"],
    ["partner", "--host", "0.0.0.0"],
    ["job"],
    ["job", "add"],
    ["job", "add", "--company"],
    ["job", "add", "--company", "A", "--position", "B", "--interview-date", "31/31/2026"],
    ["job", "show"],
    ["job", "show", "x"],
    ["job", "edit", "x"],
    ["job", "heard"],
    ["job", "close", "1"],
    ["job", "close", "1", "--outcome"],
    ["due", "--today", "tomorrowish"],
    ["draft"],
    ["draft", "love-letter", "1"],
    ["draft", "thank-you", "x"],
    ["export"],
    ["export", "--format", "pdf"],
    ["export", "--format", "md", "--from", "yesterday-ish"],
    ["profile", "--set", "novalue"],
    ["check"],
    ["check", "x.yaml", "--format", "xml"],
    ["scripts", "--jsn"],
    ["new"],
    ["edit"],
    ["graph"],
    ["graph", "follow-up", "--format", "png"],
    ["schema", "extra"],
    ["log", "--limit", "abc"],
    ["log", "--limit", "-1"],
    ["log", "--job", "x"],
    ["stats"],
    ["where", "extra"],
]


@pytest.mark.parametrize("argv", WRONG, ids=" ".join)
def test_wrong_arguments_exit_2_with_a_usage_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code: object = main(argv)
    except SystemExit as exit_:  # argparse leaves this way, as a script would
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err
    assert "usage: coach" in err or "coach " in err, err
    assert err.strip().splitlines()[-1].strip(), err
