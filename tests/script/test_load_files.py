"""load_path and check_path: reading files, and what cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.script.check import check_path
from coach.script.load import load_path
from coach.script.model import ScriptError
from coach.script.yamlnodes import MAX_BYTES
from tests.script.conftest import BASE


def test_load_path_sets_id_path_and_source(tmp_path: Path) -> None:
    path = tmp_path / "my-call.yaml"
    path.write_text(BASE, encoding="utf-8")
    script = load_path(path, source="user")
    assert (script.id, script.path, script.source) == ("my-call", path, "user")
    assert load_path(path).source == "path"


def test_findings_name_the_path_as_given(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("say: Hi", "sya: Hi"), encoding="utf-8")
    findings, unreadable = check_path(path)
    assert not unreadable
    assert [f.format() for f in findings] == [
        f"{path}:3:3: error: node 'hello': 'say' is missing; add it, e.g. "
        "'say: Hello, this is Sam.'",
        f"{path}:4:5: error: node 'hello': 'sya' is not a known key; did you mean 'say'?",
    ]


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_unreadable_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.yaml"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(ScriptError) as caught:
        load_path(path)
    assert caught.value.unreadable
    (finding,) = caught.value.findings
    assert (finding.file, finding.line, finding.column) == (str(path), 1, 1)
    assert finding.message.startswith("the file could not be read: ")
    assert check_path(path) == (caught.value.findings, True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)
    findings, unreadable = check_path(path)
    assert unreadable
    assert findings[0].message == "the file could not be read: permission denied"


def test_file_over_8_mib_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: the check must not need its content
    findings, unreadable = check_path(path)
    assert not unreadable
    (finding,) = findings
    assert (finding.line, finding.column, finding.severity) == (1, 1, "error")
    assert finding.message.startswith("the file is 8.0 MiB; a script may be at most 8 MiB")


def test_file_of_exactly_8_mib_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.yaml"
    path.write_bytes(BASE.encode() + b"#" * (MAX_BYTES - len(BASE)))
    assert check_path(path) == ([], False)


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Café\nnodes: {}\n".encode("latin-1"))
    findings, unreadable = check_path(path)
    assert not unreadable
    assert [(f.line, f.column) for f in findings] == [(1, 11)]
    with pytest.raises(ScriptError) as caught:
        load_path(path)
    assert not caught.value.unreadable


def test_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert load_path(path).node("hello").pos.line == 3
