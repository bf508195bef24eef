"""Editing from the full app: coach edit, a new script, rehearsing from the editor."""
