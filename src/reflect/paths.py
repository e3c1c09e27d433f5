"""Where reflect keeps things: notes, the user's library, config, cache, and
the bundled articles.

Defaults come from platformdirs; ``--notes-dir``/``--library-dir`` and the
``REFLECT_NOTES_DIR``/``REFLECT_LIBRARY_DIR`` environment variables override
them, so tests and scripts never touch a person's real notes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "reflect"


def _platform_dir(kind: str) -> Path:
    import platformdirs

    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(getter(APP_NAME, appauthor=False))


def bundled_articles_dir() -> Path:
    """The articles shipped with reflect, from a wheel or an editable install."""
    here = Path(__file__).resolve().parent
    installed = here / "articles"
    if installed.is_dir():
        return installed
    return here.parent.parent / "articles"  # editable install: the repository's folder


@dataclass(frozen=True, slots=True)
class Dirs:
    """The folders one run of reflect works with."""

    notes: Path
    library: Path
    config: Path
    cache: Path

    @classmethod
    def resolve(
        cls,
        notes_dir: str | os.PathLike[str] | None = None,
        library_dir: str | os.PathLike[str] | None = None,
    ) -> Dirs:
        """Flags first, then environment variables, then platform defaults."""
        notes = notes_dir or os.environ.get("REFLECT_NOTES_DIR") or _platform_dir("data") / "notes"
        library = (
            library_dir
            or os.environ.get("REFLECT_LIBRARY_DIR")
            or _platform_dir("data") / "articles"
        )
        config = os.environ.get("REFLECT_CONFIG_DIR") or _platform_dir("config")
        cache = os.environ.get("REFLECT_CACHE_DIR") or _platform_dir("cache")
        return cls(
            notes=Path(notes).expanduser(),
            library=Path(library).expanduser(),
            config=Path(config).expanduser(),
            cache=Path(cache).expanduser(),
        )
