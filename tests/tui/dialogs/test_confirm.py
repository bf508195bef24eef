"""The yes/no dialog: its footer says what its buttons say."""

from __future__ import annotations

from textual.app import App

from coach.tui.dialogs.confirm import ConfirmDialog


def footer_words(app: App[None]) -> list[str]:
    return [
        binding.description
        for (_, binding, enabled, _) in app.screen.active_bindings.values()
        if binding.show and enabled
    ]


async def test_the_footer_uses_the_buttons_words() -> None:
    answers: list[bool | None] = []
    app: App[None] = App()
    async with app.run_test() as pilot:
        app.push_screen(
            ConfirmDialog("Start?", yes="Start anyway", no="Keep preparing"), answers.append
        )
        await pilot.pause()
        assert footer_words(app) == ["Start anyway", "Keep preparing"]
        await pilot.press("y")
        await pilot.pause()
    assert answers == [True]


async def test_plain_questions_keep_yes_and_no() -> None:
    answers: list[bool | None] = []
    app: App[None] = App()
    async with app.run_test() as pilot:
        app.push_screen(ConfirmDialog("Delete?"), answers.append)
        await pilot.pause()
        assert footer_words(app) == ["Yes", "No"]
        await pilot.press("n")
        await pilot.pause()
    assert answers == [False]
