"""Fixtures every test gets: no test ever reads or writes a person's real data.

The autouse fixture points every folder reflect uses (notes, library, config,
cache) at a fresh temporary folder through the same environment variables a
user would set, so even code that resolves its own folders stays inside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.paths import Dirs


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Dirs:
    """Fresh notes/library/config/cache folders for this test, set in the environment."""
    root: Path = tmp_path_factory.mktemp("reflect-home")
    dirs = Dirs(
        notes=root / "notes",
        library=root / "library",
        config=root / "config",
        cache=root / "cache",
    )
    monkeypatch.setenv("REFLECT_NOTES_DIR", str(dirs.notes))
    monkeypatch.setenv("REFLECT_LIBRARY_DIR", str(dirs.library))
    monkeypatch.setenv("REFLECT_CONFIG_DIR", str(dirs.config))
    monkeypatch.setenv("REFLECT_CACHE_DIR", str(dirs.cache))
    return dirs
