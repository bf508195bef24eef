"""``coach profile [--set ID=VALUE]... [--unset ID]...``: the values every script gets.

The profile is the ``[profile]`` table of ``settings.toml``: your name, your
phone, anything a script asks for by the same id. Without options it is
printed, with the file it lives in. Ids match ``[a-z][a-z0-9_]*``; a bad id,
a ``--set`` without ``=`` or a value, or a file that does not parse is a
message and exit 2 (the file is then left as it is). No Textual.
"""

from __future__ import annotations

import argparse

from coach.cli.status import ERROR, SUCCESS, USAGE, err

PROFILE_EPILOG = (
    "The bundled scripts use your_name and phone. Example: "
    "coach profile --set your_name='Sam Jones' --set phone='07700 900123'"
)


def add_profile_arguments(p: argparse.ArgumentParser) -> None:
    p.epilog = PROFILE_EPILOG
    p.add_argument(
        "--set", action="append", default=[], metavar="ID=VALUE", help="set a value (repeatable)"
    )
    p.add_argument(
        "--unset", action="append", default=[], metavar="ID", help="remove a value (repeatable)"
    )


def _parse(pairs: list[str], unset: list[str]) -> tuple[dict[str, str], list[str]] | None:
    from coach.settings import ID_PATTERN

    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep:
            err(f"--set takes ID=VALUE, got '{pair}'")
            return None
        if not ID_PATTERN.fullmatch(key):
            err(f"--set {key or pair}: '{key}' is not an id: use lower case letters, digits "
                "and _, starting with a letter (your_name, phone)")  # fmt: skip
            return None
        if not value.strip():
            err(f"--set {key}= has no value; to remove it, use --unset {key}")
            return None
        values[key] = value.strip()
    removed: list[str] = []
    for key in unset:
        key = key.strip()
        if not ID_PATTERN.fullmatch(key):
            err(f"--unset {key}: not an id: use lower case letters, digits and _")
            return None
        if key in values:
            err(f"{key} is both set and unset; say which")
            return None
        removed.append(key)
    return values, removed


def cmd_profile(args: argparse.Namespace) -> int:
    from coach.settings import SettingsError, load_settings, set_profile, settings_path

    path = settings_path()
    if args.set or args.unset:
        parsed = _parse(args.set, args.unset)
        if parsed is None:
            return USAGE
        values, removed = parsed
        try:
            settings = set_profile(values, removed, path)
        except SettingsError as exc:
            err(str(exc))
            return USAGE
        except OSError as exc:
            err(f"{path}: cannot be written ({exc.strerror or exc})")
            return ERROR
        changed = [*values, *removed]
        print(f"Profile saved in {path} ({', '.join(changed)}).")
    else:
        settings = load_settings(path)
    if settings.problem:
        for line in settings.problem.splitlines():
            err(f"settings: {line}")
    if not settings.profile:
        if not (args.set or args.unset):
            print(f"No profile values yet ({path}).")
            print(PROFILE_EPILOG.replace("Example: ", "Set them with:\n  "))
        return SUCCESS
    if not (args.set or args.unset):
        print(f"Profile ({path}):")
    width = max(len(key) for key in settings.profile)
    for key, value in settings.profile.items():
        lines = value.splitlines() or [""]
        print(f"  {key:<{width}}  {lines[0]}")
        for more in lines[1:]:
            print(f"  {'':<{width}}  {more}")
    return SUCCESS
