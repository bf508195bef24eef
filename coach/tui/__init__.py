"""The Textual app. Importing any of it reads fast "escape, key" input right."""

from coach.tui.keys import install as _install_key_fixes

_install_key_fixes()
