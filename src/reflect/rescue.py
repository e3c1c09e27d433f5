"""The last line of defence for typed text: when a reflection cannot be saved
into its notes file (the file is broken or from a newer reflect, the disk
refused, the app is quitting), it is written beside the notes instead, as a
Markdown file the reader can open, so nothing typed is ever thrown away.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from reflect.atomic import write_atomic
from reflect.sanitize import clean_line


def rescue(
    notes_dir: Path, article_id: str, title: str, items: Sequence[tuple[str, str]], reason: str
) -> Path:
    """Write ``items`` (heading, text) to ``<notes dir>/unsaved-<id>-<time>.md``; returns it.

    Raises OSError when even that fails (the caller reports it).
    """
    now = datetime.now(UTC)
    from reflect.errors import ReflectError
    from reflect.store_io import make_private_dir

    try:
        make_private_dir(notes_dir)  # (mkdir's mode would leave parents to the umask)
    except ReflectError as error:  # the notes folder is a file
        raise OSError(str(error)) from None
    path = notes_dir / f"unsaved-{article_id}-{now:%Y%m%dT%H%M%SZ}.md"
    parts = [
        f"# Unsaved reflections: {clean_line(title)}",
        "",
        f"Written {now:%Y-%m-%d %H:%M} UTC. They could not be saved to the notes file: "
        f"{clean_line(reason)}",
    ]
    for heading, text in items:
        parts += ["", f"## {clean_line(heading)}", "", text]
    n = 2
    while path.exists():
        path = notes_dir / f"unsaved-{article_id}-{now:%Y%m%dT%H%M%SZ}-{n}.md"
        n += 1
    write_atomic(path, ("\n".join(parts) + "\n").encode("utf-8"), replace=False)
    return path
