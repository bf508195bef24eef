"""The Textual app: its screens, widgets and dialogs, and the partner view.

Importing it has no side effects; the apps install their key fix when they start
(``coach.tui.base.BaseApp``).
"""
