"""Every folder and file the app uses, in one place.

``COACH_HOME=DIR`` puts config in ``DIR/config`` and data in ``DIR/data``
(tests and the end-to-end checks use it).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "call-coach"


def _home() -> Path | None:
    value = os.environ.get("COACH_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def cache_dir() -> Path:
    """Results kept to start faster (loaded scripts); deleting it is always safe."""
    return data_dir() / "cache"


def user_scripts_dir() -> Path:
    """Where the user's own call scripts live."""
    return config_dir() / "scripts"


def user_drafts_dir() -> Path:
    """The user's own draft templates, ``<kind>.txt`` (see :mod:`coach.call.drafts`)."""
    return config_dir() / "drafts"


def database_path() -> Path:
    return data_dir() / "coach.db"


def bundled_scripts_dir() -> Path:
    """Scripts shipped inside the package (read-only)."""
    return Path(__file__).parent / "script" / "bundled"


def schema_path() -> Path:
    """The JSON Schema file kept current for editors."""
    return config_dir() / "call-script.schema.json"
