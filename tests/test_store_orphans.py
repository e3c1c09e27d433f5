"""Notes whose section is gone are kept and called orphaned; renames re-attach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reflect.store import ArticleMeta, Notes, NotesStore, Reflection, classify
from tests.helpers_store import META, SECTIONS, entries

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _notes(*items: tuple[str, str, int]) -> Notes:
    """Reflections (section, heading, day written)."""
    return Notes(
        path=Path("x.toml"),
        article_id="x",
        reflections=[
            Reflection(section=s, heading=h, written=T0 + timedelta(days=d), text=f"{s} {d}")
            for s, h, d in items
        ],
    )


def _states(notes: Notes) -> list[tuple[str, bool]]:
    return [(r.section, r.orphaned) for r in notes.reflections]


def test_a_note_on_a_removed_section_is_orphaned_and_kept() -> None:
    notes = _notes(("what-stays", "What Stays", 0), ("gone", "A Section Cut Later", 1))
    result = classify(notes, SECTIONS)
    assert _states(result) == [("what-stays", False), ("gone", True)]
    assert notes.reflections[1].orphaned is False  # pure: the input is untouched


def test_a_renamed_heading_is_re_attached() -> None:
    outline = [*SECTIONS[:3], ("what-stays-with-you", "✨ What Stays With You")]
    notes = _notes(("what-stays", "What Stays", 0), ("what-stays", "What Stays", 2))
    result = classify(notes, outline)
    assert _states(result) == [("what-stays-with-you", False)] * 2
    assert [r.heading for r in result.reflections] == ["What Stays"] * 2  # as it read then


def test_only_emoji_and_punctuation_changed_is_the_same_heading() -> None:
    outline = [
        ("love-shouldnt-require-losing-yourself-2", "Love shouldn't require losing yourself!")
    ]
    notes = _notes(("love-shouldnt-require-losing-yourself", SECTIONS[1][1], 0))
    assert _states(classify(notes, outline)) == [("love-shouldnt-require-losing-yourself-2", False)]


def test_two_equally_close_candidates_are_ambiguous() -> None:
    outline = [("what-stays-a", "What Stays A"), ("what-stays-b", "What Stays B")]
    notes = _notes(("what-stays", "What Stays", 0))
    assert _states(classify(notes, outline)) == [("what-stays", True)]


def test_a_section_that_existed_alongside_the_old_one_is_not_its_new_name() -> None:
    # "what-stays-now" already had a note before the last note on "what-stays":
    # both sections existed at once, so one cannot be the other renamed.
    outline = [("what-stays-now", "What Stays Now")]
    notes = _notes(("what-stays-now", "What Stays Now", 0), ("what-stays", "What Stays", 1))
    assert _states(classify(notes, outline)) == [("what-stays-now", False), ("what-stays", True)]


def test_a_later_note_on_the_new_name_does_not_block_re_attaching() -> None:
    outline = [("what-stays-now", "What Stays Now")]
    notes = _notes(("what-stays", "What Stays", 0), ("what-stays-now", "What Stays Now", 5))
    assert _states(classify(notes, outline)) == [("what-stays-now", False)] * 2


def test_two_old_sections_claiming_one_new_section_both_stay_orphaned() -> None:
    outline = [("what-stays", "What Stays")]
    notes = _notes(("what-stays-1", "What Stays!", 0), ("what-stays-2", "What stays?", 1))
    assert _states(classify(notes, outline)) == [("what-stays-1", True), ("what-stays-2", True)]


def test_an_unrelated_heading_is_not_a_rename() -> None:
    outline = [("something-else", "Something Else Entirely")]
    notes = _notes(("what-stays", "What Stays", 0))
    assert _states(classify(notes, outline)) == [("what-stays", True)]


def test_without_an_outline_nothing_is_called_orphaned() -> None:
    notes = _notes(("anything", "Anything", 0))
    assert _states(classify(notes, [])) == [("anything", False)]


def test_orphans_survive_a_rewrite_and_re_attachment_is_saved(tmp_path: Path) -> None:
    store = NotesStore(tmp_path)
    store.add("a", META, "what-stays", "What Stays", "kept through a rename")
    store.add("a", META, "leaving-can-be-a-gift", "Leaving Can Be a Gift", "section cut")
    changed = ArticleMeta(
        "Walking Away",
        "s",
        "sha256:1",
        [*SECTIONS[:2], ("what-stays-with-you", "What Stays With You")],
    )
    store.add("a", changed, "walking-away", "Walking Away", "after the change")
    saved = entries(store.path_for("a"))
    assert [(e["section"], e["text"]) for e in saved] == [
        ("what-stays-with-you", "kept through a rename"),
        ("leaving-can-be-a-gift", "section cut"),
        ("walking-away", "after the change"),
    ]
    notes = store.load("a", changed.sections)
    assert [r.orphaned for r in notes.reflections] == [False, True, False]
