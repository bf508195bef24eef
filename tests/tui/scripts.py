"""Small call scripts for the TUI tests, built from the model dataclasses."""

from __future__ import annotations

from coach.script.model import (
    RETURN,
    Answer,
    Capture,
    ChecklistItem,
    Choice,
    Node,
    Script,
    SideFlow,
    Variable,
)


def small_script() -> Script:
    """The example of SCRIPT_FORMAT.md, plus tips, answers and a time budget."""
    nodes = {
        "hello": Node(
            "hello",
            "Hello, this is Sam. May I speak with {interviewer}?",
            tips=("Smile while you talk: it can be heard.",),
            choices=(
                Choice("{interviewer} is on the line", "status"),
                Choice("Voicemail", "voicemail"),
            ),
            seconds=30,
        ),
        "status": Node(
            "status",
            "I interviewed for the {position} role and am calling about its status.",
            capture=(
                Capture("decision_date", "When will they decide?", "date"),
                Capture("next_steps", "What are the next steps?", "multiline"),
            ),
            choices=(
                Choice("Still deciding", "thanks"),
                Choice("Decided on {decision_date}", "thanks", if_="decision_date"),
            ),
        ),
        "thanks": Node("thanks", "Thank you for your time, {interviewer}.", end="pending"),
        "voicemail": Node(
            "voicemail", "Leave your name, the role, and your number, slowly.", end="voicemail"
        ),
        "repeat": Node("repeat", "Sorry, could you repeat that?", next=RETURN),
    }
    return Script(
        id="small",
        title="Follow-up call",
        description="A short check-in after an interview.",
        nodes=nodes,
        start="hello",
        variables=(
            Variable("interviewer", "Who interviewed you?", required=True),
            Variable("position", "Position you interviewed for"),
            Variable("interview_date", "When was the interview?", type="date"),
        ),
        checklist=(
            ChecklistItem("resume", "Your resume is in front of you", why="You may be asked."),
            ChecklistItem("quiet", "You are somewhere quiet", required=True),
        ),
        anytime=(SideFlow("repeat", "r"),),
        answers=(Answer("Salary", "Say you are open, for the {position} role."),),
    )


def no_checklist_script() -> Script:
    """The small script without its checklist (straight into the call)."""

    return small_script()._replace(checklist=())


def chain_text(nodes: int) -> str:
    """The YAML of a generated script of ``nodes`` steps, each leading on to the
    next (``next`` every third step, else choice 1), a capture every tenth:
    ``scripts/bench_check.generate``, the benchmarks' own."""
    import sys
    from pathlib import Path

    scripts = str(Path(__file__).resolve().parents[2] / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    from bench_check import generate

    return str(generate(nodes))
