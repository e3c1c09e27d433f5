"""The store under stress: broken files, newer versions, kills, two writers.

Every test here uses real files and, where the promise is about processes,
real processes: killed with SIGKILL, or writing at the same time.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import stat
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reflect import store_io
from reflect.store import NotesFileError, NotesStore
from tests.helpers_store import META, SECTIONS, entries

SECTION, HEADING = SECTIONS[2]
META_TIME = datetime(2026, 1, 1, tzinfo=UTC)

GOOD_HEAD = 'schema = 1\n\n[article]\ntitle = "T"\nsource = "s"\ndigest = "d"\n'


def _seed(store: NotesStore, text: str) -> bytes:
    path = store.path_for("a")
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path.read_bytes()


def _every_write(store: NotesStore) -> None:
    """Try every kind of write; each must refuse."""
    key = type("K", (), {})  # never reached: the file is refused first
    for attempt in (
        lambda: store.add("a", META, SECTION, HEADING, "x"),
        lambda: store.record_open("a", META, SECTION),
        lambda: store.edit("a", META, key, "y"),  # type: ignore[arg-type]
        lambda: store.delete("a", META, key),  # type: ignore[arg-type]
    ):
        with pytest.raises(NotesFileError):
            attempt()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD_HEAD + '\n[[reflections]]\nsection = "x"\ntext = "unclosed\n', 10, "not valid TOML"),
        ("schema = 2\n" + GOOD_HEAD.split("\n", 1)[1], 1, "newer reflect"),
        (GOOD_HEAD.replace("schema = 1", 'schema = "one"'), 1, "version"),
        (
            GOOD_HEAD + '\n[[reflections]]\nsection = "x"\nwritten = 2026-01-01T00:00:00Z\n',
            8,
            "no 'text'",
        ),
        (GOOD_HEAD + "\n" + "\n" * 3 + "text = \xff\n", 11, "not valid TOML"),
    ],
    ids=["unparsable", "newer-schema", "bad-schema", "missing-text", "bad-value"],
)
def test_a_file_it_cannot_read_safely_is_never_modified(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    store = NotesStore(tmp_path)
    before = _seed(store, text)
    with pytest.raises(NotesFileError) as caught:
        store.load("a")
    message = str(caught.value)
    assert "\n" not in message
    assert f"{store.path_for('a')}, line {line}:" in message
    assert words in message
    _every_write(store)
    assert store.path_for("a").read_bytes() == before
    notes = store.load("a", read_only_ok=True)
    assert notes.read_only_reason == message
    assert store.path_for("a").read_bytes() == before


def test_a_newer_schema_file_is_shown_read_only(tmp_path: Path) -> None:
    store = NotesStore(tmp_path)
    before = _seed(
        store,
        GOOD_HEAD.replace("schema = 1", "schema = 2")
        + '\n[[reflections]]\nsection = "x"\nheading = "X"\n'
        'written = 2026-01-01T00:00:00Z\ntext = "from the future"\nnew_field = 1\n',
    )
    notes = store.load("a", read_only_ok=True)
    assert notes.read_only_reason is not None and "newer" in notes.read_only_reason
    assert [r.text for r in notes.reflections] == ["from the future"]
    _every_write(store)
    assert store.path_for("a").read_bytes() == before


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    store = NotesStore(tmp_path)
    path = store.path_for("a")
    path.write_bytes(GOOD_HEAD.encode() + b'\n[x]\ny = "\xff"\n')
    with pytest.raises(NotesFileError, match=r", line 9: is not UTF-8"):
        store.load("a")


def test_a_truncated_file_often_still_parses_so_only_rename_is_safe(tmp_path: Path) -> None:
    """The trap: cut a file anywhere and it frequently parses with fewer entries."""
    store = NotesStore(tmp_path)
    for i in range(40):
        store.add("a", META, SECTION, HEADING, f"entry {i}")
    data = store.path_for("a").read_text(encoding="utf-8")
    parsed_short = 0
    for cut in range(len(data) // 2, len(data), 7):
        with contextlib.suppress(tomllib.TOMLDecodeError):
            parsed_short += len(tomllib.loads(data[:cut]).get("reflections", [])) < 40
    assert parsed_short > 10


def test_a_save_never_writes_into_the_existing_file(tmp_path: Path) -> None:
    store = NotesStore(tmp_path)
    store.add("a", META, SECTION, HEADING, "first")
    path = store.path_for("a")
    with open(path, "rb") as old:
        before = old.read()
        old_inode = os.fstat(old.fileno()).st_ino
        store.add("a", META, SECTION, HEADING, "second")
        old.seek(0)
        assert old.read() == before  # the old file was replaced whole, not rewritten
    assert path.stat().st_ino != old_inode
    assert [e["text"] for e in entries(path)] == ["first", "second"]


LOCK_PROBE = """
import fcntl, sys
from filelock import FileLock, Timeout
try:
    FileLock(sys.argv[1], timeout=0, thread_local=False).acquire()
    print("lock-file:acquired")
except Timeout:
    print("lock-file:held")
with open(sys.argv[2], "rb") as f:
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        print("notes-file:acquired")
    except BlockingIOError:
        print("notes-file:held")
"""


def test_the_lock_is_a_separate_file_that_survives_the_rename(tmp_path: Path) -> None:
    import fcntl

    store = NotesStore(tmp_path)
    store.add("a", META, SECTION, HEADING, "first")
    path = store.path_for("a")
    assert store_io.lock_path(path) != path
    with store_io.locked(path), open(path, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # what a naive store would rely on
        replacement = path.with_name("new.toml")
        replacement.write_bytes(path.read_bytes())
        os.replace(replacement, path)  # what every save does
        probe = subprocess.run(
            [sys.executable, "-c", LOCK_PROBE, str(store_io.lock_path(path)), str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
    assert probe.stdout.split() == ["lock-file:held", "notes-file:acquired"]


def test_temp_files_left_by_a_kill_are_cleaned_up(tmp_path: Path) -> None:
    store = NotesStore(tmp_path)
    store.add("a", META, SECTION, HEADING, "first")
    store.add("b", META, SECTION, HEADING, "first")
    stale_a = tmp_path / ".a.toml.k1ll3d.tmp"
    stale_b = tmp_path / ".b.toml.k1ll3d.tmp"
    stale_a.write_bytes(b"schema = 1\n[arti")
    stale_b.write_bytes(b"schema = 1\n[arti")
    NotesStore(tmp_path).add("a", META, SECTION, HEADING, "second")  # next writer of a
    assert not stale_a.exists()
    assert stale_b.exists()
    with store_io.locked(store.path_for("b")):  # someone is saving b right now
        assert NotesStore(tmp_path).sweep() == 0
        assert stale_b.exists()
    assert NotesStore(tmp_path).sweep() == 1  # at the next start
    assert not stale_b.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".toml") == [
        "a.toml",
        "b.toml",
    ]


WRITER = """
import sys
from pathlib import Path
from tests.helpers_store import META, SECTIONS
from reflect.store import NotesStore
store = NotesStore(Path(sys.argv[1]))
tag, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    store.add("a", META, SECTIONS[i % len(SECTIONS)][0], "h", f"{tag} {i}")
print("done", flush=True)
"""


def _writer(notes: Path, tag: str, count: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), *sys.path]))
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(notes), tag, str(count)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    writers = [_writer(tmp_path, tag, 150) for tag in ("left", "right")]
    for w in writers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err.decode()
    texts = [e["text"] for e in entries(tmp_path / "a.toml")]
    assert sorted(texts) == sorted(f"{tag} {i}" for tag in ("left", "right") for i in range(150))
    for tag in ("left", "right"):  # each writer's own entries stay in its order
        mine = [t for t in texts if t.startswith(tag)]
        assert mine == [f"{tag} {i}" for i in range(150)]


def test_sigkill_at_random_moments_never_leaves_a_torn_file(tmp_path: Path) -> None:
    """A big file makes each save long, so kills land mid-write often."""
    store = NotesStore(tmp_path)
    path = store.path_for("a")
    seed = store_io.dumps(
        {"schema": 1, "article": {"title": "T", "source": "s", "digest": "d"}},
        [
            {"section": SECTION, "heading": HEADING, "written": META_TIME, "text": "x" * 500}
            for _ in range(3000)
        ],
    )
    store_io.write_atomic(path, seed.encode("utf-8"))
    rng = random.Random(1234)
    count = 3000
    leftovers = 0
    for _ in range(10):
        writer = _writer(tmp_path, "k", 10_000)
        with contextlib.suppress(subprocess.TimeoutExpired):
            writer.wait(timeout=rng.uniform(0.3, 1.0))
        writer.send_signal(signal.SIGKILL)
        writer.communicate()
        now = len(entries(path))  # must parse
        assert now >= count
        count = now
        leftovers += sum(1 for p in tmp_path.iterdir() if p.name.endswith(".tmp"))
    NotesStore(tmp_path).add("a", META, SECTION, HEADING, "after the kills")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(entries(path)) == count + 1
    assert count > 3000  # the writers did get work done between kills
    print(f"temp files left behind by kills: {leftovers}")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_where_a_notes_file_should_be_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    """Never waited on (a pipe with no writer would block for ever), never replaced."""
    store = NotesStore(tmp_path)
    path = store.path_for("a")
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    else:
        path.symlink_to("/dev/zero")  # would otherwise be read for ever
    with pytest.raises(NotesFileError, match="not a regular file"):
        store.load("a")
    assert store.load("a", read_only_ok=True).read_only_reason
    with pytest.raises(NotesFileError, match="not a regular file"):
        store.add("a", META, "s", "S", "a note")
    assert path.is_fifo() if kind == "fifo" else path.is_symlink()


def test_text_kept_beside_the_notes_is_as_private_as_the_notes(tmp_path: Path) -> None:
    """Even under umask 000, the folders made to keep unsaved text are 0700."""
    from reflect.rescue import rescue

    old = os.umask(0)
    try:
        kept = rescue(tmp_path / "data" / "notes", "walking-away", "T", [("H", "private")], "why")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "notes").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert "private" in kept.read_text(encoding="utf-8")
