"""The top level of a script: its sections, ``format``, ``title`` and ``description``."""

from __future__ import annotations

from coach.script.check.reader import Reader
from coach.script.yamlnodes import BAD, YMap, YNode, kind

TOP_KEYS = (
    "format",
    "title",
    "description",
    "start",
    "variables",
    "checklist",
    "anytime",
    "answers",
    "nodes",
    "practice",
)


class Top:
    """The top-level mapping, read."""

    __slots__ = ("description", "root", "sections", "title")

    def __init__(
        self, root: YMap, sections: dict[str, YNode], title: str | None, description: str
    ) -> None:
        self.root = root
        #: The value of each top-level key written (known or not).
        self.sections = sections
        #: None when missing or not text (reported).
        self.title = title
        self.description = description


def read_top(r: Reader, root: YNode) -> Top | None:
    """The top-level mapping; None (reported) when the document is not a mapping."""
    if not isinstance(root, YMap):
        if root.tag is not BAD:
            r.error(
                root,
                "the top level must be a mapping of 'key: value' lines such as "
                "'title: ...' and 'nodes: ...', not " + kind(root),
            )
        return None
    fields = r.fields(root, TOP_KEYS, "", "the top level")
    assert fields is not None
    get = {k: v for k, (_, v) in fields.items()}
    if "format" in get:
        version = r.integer(get["format"], "", "format", "1")
        if version is not None and version != 1:
            r.error(
                get["format"], f"format {version} is not supported; this program reads format 1"
            )
    title = None
    if "title" in get:
        title = r.text(get["title"], "", "title")
    else:
        r.missing(root, "", "title", "title: Follow-up call")
    description = ""
    if "description" in get:
        description = r.text(get["description"], "", "description", required=False) or ""
    return Top(root, get, title, description)
