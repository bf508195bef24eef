"""``python -m coach.cli``: the same as ``coach``."""

from coach.cli import main

raise SystemExit(main())
