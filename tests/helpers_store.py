"""Shared helpers for the store and notes-command tests: a small article, its
outline, hostile text, and the installed ``reflect`` run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from hypothesis import strategies as st

from reflect.store import ArticleMeta

ARTICLE = """\
---
title: Walking Away
---

An opening paragraph before any heading.

## 💔 Love Shouldn't Require Losing Yourself

Body one.

## Leaving Can Be a Gift

Body two.

## What Stays

Body three.
"""

SECTIONS = (
    ("walking-away", "Walking Away"),
    ("love-shouldnt-require-losing-yourself", "💔 Love Shouldn't Require Losing Yourself"),
    ("leaving-can-be-a-gift", "Leaving Can Be a Gift"),
    ("what-stays", "What Stays"),
)

META = ArticleMeta(
    title="Walking Away", source="articles/walking-away.md", digest="sha256:0", sections=SECTIONS
)

# Text people type or paste that has broken TOML writers and terminals before.
HOSTILE = [
    '"',
    '"""',
    "'''",
    "\\",
    "\\n",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x00",
    "\x1b[2J\x1b]0;pwned\x07",
    "\u202e",
    "\u200f",
    "שלום עולם",
    "مرحبا",
    "🙂",
    "👩‍👩‍👧",
    "\ufeff",
    "\u2028",
    "\x85",
    "[@click=app.quit]",
    "# heading",
    "key = 1\n[table]\n[[reflections]]",
    "é",
    "e\u0301",
]

texts = (
    st.lists(st.one_of(st.text(), st.sampled_from(HOSTILE)), min_size=1, max_size=8)
    .map("".join)
    .filter(lambda t: t.strip() != "")
)
"""Any text a person can type or paste (no lone surrogates: those are not text)."""

REFLECT = [sys.executable, "-m", "reflect"]


def write_article(folder: Path, name: str = "walking-away.md", text: str = ARTICLE) -> Path:
    """The test article, as a Markdown file in ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def env_for(notes: Path, library: Path | None = None) -> dict[str, str]:
    """An environment that keeps reflect away from the user's real folders."""
    env = dict(os.environ)
    env["REFLECT_NOTES_DIR"] = str(notes)
    env["REFLECT_LIBRARY_DIR"] = str(library or notes.parent / "library")
    env["PYTHONUTF8"] = "1"
    return env


def reflect(
    *args: str | Path, notes: Path, stdin: bytes | None = None, check: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """Run ``reflect`` as a real process."""
    result = subprocess.run(
        [*REFLECT, *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env_for(notes),
        timeout=60,
    )
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result


def entries(path: Path) -> list[dict]:
    """The reflections in a notes file, parsed independently of the store."""
    with open(path, "rb") as f:
        return tomllib.load(f).get("reflections", [])
