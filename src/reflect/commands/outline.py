"""``reflect outline PATH [--json]``: the sections reflect finds, without the TUI."""

from __future__ import annotations

import argparse
import json
import sys

from reflect.article import read_article
from reflect.pace import reading_minutes
from reflect.paths import Dirs
from reflect.sanitize import clean_line


def run(args: argparse.Namespace, dirs: Dirs) -> int:
    """Print the outline as JSON (the interface in DESIGN.md) or as an indented list."""
    article = read_article(args.path)
    if args.json:
        payload = {
            "title": article.title,
            "sections": [
                {
                    "index": s.index,
                    "level": s.level,
                    "anchor": s.anchor,
                    "heading": s.heading,
                    "words": s.words,
                }
                for s in article.sections
            ],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    total = sum(s.words for s in article.sections)
    minutes = reading_minutes(total)
    lines = [
        clean_line(article.title),
        f"{len(article.sections)} sections · {total} words · about {minutes} min",
        "",
    ]
    width = max((len(s.anchor) for s in article.sections), default=0)
    for s in article.sections:
        indent = "  " * max(0, s.level - 1)
        lines.append(
            f"{s.index:>3}  {s.anchor:<{width}}  {indent}{clean_line(s.heading)}  ({s.words} words)"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
