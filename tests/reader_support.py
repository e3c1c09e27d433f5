"""Shared set-up for the reader tests: an app on one article, waited on until ready."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reflect.app import ReflectApp, create_app
from reflect.article import read_article
from reflect.config import Config
from reflect.paths import Dirs
from reflect.screens.reader import ReaderScreen
from reflect.slugs import article_id
from reflect.store import ArticleMeta

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
SEED = Path(__file__).parent.parent / "articles" / "why-walking-away-can-be-the-kindest-choice.md"


def copy_article(name: str, folder: Path) -> Path:
    """A fixture article copied into ``folder`` (tests never write next to fixtures)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = SEED if name == "seed" else FIXTURES / name
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def meta_of(path: Path) -> ArticleMeta:
    """What the reader records about ``path`` with a write (for notes made in set-up)."""
    article = read_article(path)
    return ArticleMeta(
        title=article.title,
        source=str(path),
        digest=article.digest,
        sections=tuple((s.anchor, s.heading) for s in article.sections),
    )


def notes_file(dirs: Dirs, article: Path) -> Path:
    """Where the notes of ``article`` are kept."""
    return dirs.notes / f"{article_id(article.name)}.toml"


def read_notes(dirs: Dirs, article: Path) -> dict[str, Any]:
    """The notes file as TOML data, as any other program would read it."""
    return tomllib.loads(notes_file(dirs, article).read_text(encoding="utf-8"))


def reader_of(app: ReflectApp) -> ReaderScreen:
    """The reader screen, wherever it is in the stack."""
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


async def settle(app: ReflectApp, pilot: Pilot[None]) -> None:
    """Wait until workers are done and the screen has caught up."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


@asynccontextmanager
async def reading(
    article: Path, dirs: Dirs, *, size: tuple[int, int] = (80, 24), guided: bool = True
) -> AsyncIterator[tuple[ReflectApp, Pilot[None], ReaderScreen]]:
    """Run the app on ``article`` until the first pane, the outline and the notes are in."""
    app = create_app(article, dirs, config=Config(guided=guided))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        reader = reader_of(app)
        await reader.first_pane_ready.wait()
        await reader.outline_ready.wait()
        await settle(app, pilot)
        yield app, pilot, reader
