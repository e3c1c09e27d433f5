"""A save killed mid-write leaves a temp file; the next start tidies it away."""

from __future__ import annotations

from reflect.app import create_app
from reflect.paths import Dirs
from reflect.store import ArticleMeta, NotesStore
from tests.library_support import settle
from tests.reader_support import SEED


async def test_starting_removes_temp_files_a_killed_save_left(private_dirs: Dirs) -> None:
    store = NotesStore(private_dirs.notes)
    store.add(
        "kept", ArticleMeta(title="Kept", source="kept.md", digest=""), "s", "S", "a reflection"
    )
    stale = private_dirs.notes / ".kept.toml.k1ll3d.tmp"
    stale.write_bytes(b"schema = 1\n[arti")
    for target in (None, SEED):  # the library, and the reader opened on a file
        stale.write_bytes(b"schema = 1\n[arti")
        app = create_app(target, private_dirs)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert not stale.exists()
    assert [r.text for r in NotesStore(private_dirs.notes).load("kept").reflections] == [
        "a reflection"
    ]
