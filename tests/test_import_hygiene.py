"""The UI boundary is enforced, not hoped for: the domain, the store and the
non-TUI commands never import Textual (they stay fast and usable headless)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOMAIN = [
    "reflect.article",
    "reflect.sections",
    "reflect.outline_stream",
    "reflect.outline_worker",
    "reflect.spool",
    "reflect.section_body",
    "reflect.reading",
    "reflect.source",
    "reflect.sanitize",
    "reflect.slugs",
    "reflect.frontmatter",
    "reflect.plaintext",
    "reflect.store",
    "reflect.library",
    "reflect.journal",
    "reflect.config",
    "reflect.paths",
    "reflect.atomic",
    "reflect.pace",
    "reflect.cli",
    "reflect.commands.outline",
    "reflect.commands.notes",
    "reflect.commands.import_",
]


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} imported {result.stdout.strip()}"


def _modules_after(args: list[str], home: Path) -> set[str]:
    """Run the CLI in-process in a fresh interpreter and list what it imported."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['reflect', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('reflect', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\nMODULES:' + ','.join(sorted(sys.modules)) + '\\n')\n"
    )
    env = {
        "REFLECT_NOTES_DIR": str(home / "notes"),
        "REFLECT_LIBRARY_DIR": str(home / "library"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    line = result.stderr.rsplit("MODULES:", 1)[1]
    return set(line.strip().split(","))


@pytest.mark.parametrize(
    ("args", "ran"),
    [
        (["--version"], "reflect.cli"),
        (["--help"], "reflect.cli"),
        (["outline", "{article}", "--json"], "reflect.commands.outline"),
        (["notes"], "reflect.commands.notes"),
        (["notes", "{article}", "--json"], "reflect.commands.notes"),
        (["export", "{article}"], "reflect.commands.notes"),
        (["note", "{article}", "--section", "title", "a note"], "reflect.store"),
        (["import", "{article}"], "reflect.commands.import_"),
    ],
)
def test_non_tui_commands_do_not_import_textual(tmp_path: Path, args: list[str], ran: str) -> None:
    article = tmp_path / "post.md"
    article.write_text("# Title\n\nText.\n", encoding="utf-8")
    argv = [a.replace("{article}", str(article)) for a in args]
    modules = _modules_after(argv, tmp_path)
    assert ran in modules  # the command really ran
    assert not {m for m in modules if m.split(".")[0] == "textual"}


def test_the_harness_sees_textual_when_it_is_imported(tmp_path: Path) -> None:
    """Guard for the test above: the same harness does notice Textual when the
    app module is loaded (here via a path that opens the TUI's factory)."""
    code = "import sys, reflect.app\nprint('textual' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("content", [b"\x00\x01binary\x02", b""], ids=["binary", "empty"])
def test_a_file_the_reader_refuses_is_refused_before_textual_loads(
    tmp_path: Path, content: bytes
) -> None:
    """``reflect FILE`` on a file it cannot read says so in one line, at once."""
    article = tmp_path / "post.txt"
    article.write_bytes(content)
    modules = _modules_after([str(article)], tmp_path)
    assert "reflect.article" in modules  # the file was read
    assert not {m for m in modules if m.split(".")[0] == "textual"}
