"""``reflect note`` under the conditions people create without meaning to:
any text at all, two terminals at once, a kill at the worst moment."""

from __future__ import annotations

import io
import json
import random
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from reflect import store_io
from reflect.cli import main
from tests.helpers_store import REFLECT, SECTIONS, entries, env_for, texts, write_article

LOVE = SECTIONS[1][0]


def _run(args: list[str], stdin: bytes = b"") -> tuple[int, bytes]:
    """``reflect`` in this process (fast enough for hypothesis), real stdin/stdout bytes."""
    out = io.BytesIO()
    saved = sys.stdin, sys.stdout
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    try:
        code = main(args)
        sys.stdout.flush()
        return code, out.getvalue()
    finally:
        sys.stdin, sys.stdout = saved


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_round_trips_through_note_and_notes_json(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("cli")
    article = write_article(folder)
    notes = ["--notes-dir", str(folder / "notes")]
    stdin = (text + "\n").encode("utf-8")
    assert _run([*notes, "note", "--section", LOVE, str(article), "-"], stdin)[0] == 0
    if "\x00" not in text:  # argv cannot carry NUL
        args = [*notes, "note", "--section", LOVE, str(article), "--", text]
        assert _run(args)[0] == 0
    code, out = _run([*notes, "notes", "--json"])
    assert code == 0
    saved = [r["text"] for r in json.loads(out)["articles"][0]["reflections"]]
    assert set(saved) == {text}


def test_two_shell_loops_adding_notes_at_once_lose_none(tmp_path: Path) -> None:
    article = write_article(tmp_path)
    loop = (
        f'for i in $(seq 1 12); do "$0" "$@" note --section {LOVE} "{article}" "$TAG $i" '
        "|| exit 1; done"
    )
    procs = [
        subprocess.Popen(
            ["bash", "-c", loop, *REFLECT],
            env={**env_for(tmp_path / "notes"), "TAG": tag},
            stderr=subprocess.PIPE,
        )
        for tag in ("left", "right")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    saved = [e["text"] for e in entries(tmp_path / "notes" / "walking-away.toml")]
    assert sorted(saved) == sorted(f"{tag} {i}" for tag in ("left", "right") for i in range(1, 13))


def test_reflect_note_killed_at_random_moments_never_tears_the_file(tmp_path: Path) -> None:
    article = write_article(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir(mode=0o700)
    path = notes / "walking-away.toml"
    when = datetime(2026, 1, 1, tzinfo=UTC)
    big = [
        {"section": LOVE, "heading": "h", "written": when, "text": f"{i} " + "y" * 500}
        for i in range(2000)
    ]
    head = {"schema": 1, "article": {"title": "T", "source": str(article), "digest": "d"}}
    store_io.write_atomic(path, store_io.dumps(head, big).encode("utf-8"))
    rng = random.Random(42)
    count = 2000
    for i in range(14):
        proc = subprocess.Popen(
            [*REFLECT, "note", "--section", LOVE, str(article), f"kill {i}"],
            env=env_for(notes),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            proc.wait(timeout=rng.uniform(0.05, 0.6))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        now = len(entries(path))  # parses, whatever instant the kill hit
        assert now >= count
        count = now
    assert not [p for p in notes.iterdir() if p.suffix == ".toml" and p != path]
