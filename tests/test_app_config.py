"""Preferences outlive a run: the chosen theme comes back next time."""

from __future__ import annotations

import tomllib
from pathlib import Path

from reflect.app import create_app
from reflect.paths import Dirs


async def test_the_chosen_theme_is_remembered(tmp_path: Path, private_dirs: Dirs) -> None:
    dirs = private_dirs
    first = create_app(None, dirs)
    async with first.run_test(size=(80, 24)) as pilot:
        assert first.theme == "textual-dark"
        first.theme = "textual-light"
        await pilot.pause()
    saved = tomllib.loads((dirs.config / "config.toml").read_text(encoding="utf-8"))
    assert saved["theme"] == "textual-light"
    assert (dirs.config / "config.toml").stat().st_mode & 0o777 == 0o600
    second = create_app(None, dirs)
    async with second.run_test(size=(80, 24)):
        assert second.theme == "textual-light"


async def test_an_unreadable_or_unknown_config_is_ignored(
    tmp_path: Path, private_dirs: Dirs
) -> None:
    dirs = private_dirs
    dirs.config.mkdir(parents=True)
    for text in ('theme = "no-such-theme"\n', "this is [not toml\n", "\ufeff\x00\x01"):
        (dirs.config / "config.toml").write_text(text, encoding="utf-8")
        app = create_app(None, dirs)
        async with app.run_test(size=(80, 24)):
            assert app.theme == "textual-dark"
