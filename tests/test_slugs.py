"""Anchors and article ids: the names notes are filed under (DESIGN.md)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reflect.slugs import ANCHOR_MAX, article_id, slugify, unique_anchors


def test_design_example() -> None:
    assert slugify("💔 Love Shouldn’t Require Losing Yourself") == (
        "love-shouldnt-require-losing-yourself"
    )


def test_rules() -> None:
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  Spaces   and\ttabs ") == "spaces-and-tabs"
    assert slugify("snake_case and kebab-case") == "snake_case-and-kebab-case"
    assert slugify("--- Dashes -- collapse ---") == "dashes-collapse"
    assert slugify("Step 3: Begin") == "step-3-begin"
    assert slugify("a/b\\c") == "abc"
    assert slugify("日本語の見出し") == "日本語の見出し"
    assert slugify("Ünïcødé Straße") == "ünïcødé-straße"
    assert slugify("مرحبا بالعالم") == "مرحبا-بالعالم"
    assert slugify("🌱🌸💛") == ""
    assert len(slugify("word " * 40)) <= ANCHOR_MAX
    assert not slugify("word " * 40).endswith("-")


def test_unique_and_never_empty() -> None:
    assert list(unique_anchors(["Intro", "Intro", "Intro"])) == ["intro", "intro-2", "intro-3"]
    assert list(unique_anchors(["🌱", "Next", "🌸"])) == ["section-1", "next", "section-3"]
    # A real heading that looks like a generated suffix never collides.
    anchors = list(unique_anchors(["A", "A", "A-2"]))
    assert len(set(anchors)) == 3


@given(st.lists(st.text(max_size=120), max_size=40))
def test_anchors_always_unique_nonempty_and_safe(headings: list[str]) -> None:
    anchors = list(unique_anchors(headings))
    assert len(anchors) == len(headings)
    assert len(set(anchors)) == len(anchors)
    for anchor in anchors:
        assert anchor
        assert "/" not in anchor and "\\" not in anchor
        assert not anchor.startswith("-") and not anchor.endswith("-")
        assert len(anchor) <= ANCHOR_MAX
        assert anchor == anchor.lower()


def test_article_id_rules() -> None:
    assert article_id("why-walking-away-can-be-the-kindest-choice.txt") == (
        "why-walking-away-can-be-the-kindest-choice"
    )
    assert article_id("Ünïcødé.md") == "unicode"
    assert article_id("My Post (draft).md") == "my-post-draft"
    assert article_id("post.txt") == article_id("post.md")
    assert article_id("🙂.md").startswith("article-")
    assert len(article_id("🙂.md")) == len("article-") + 8
    assert article_id("../../etc/passwd") == "passwd"


@given(st.text(max_size=200))
def test_article_id_never_leaves_the_notes_dir(name: str) -> None:
    aid = article_id(name)
    assert aid
    assert set(aid) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert len(aid) <= 60
    assert aid not in (".", "..")


def test_emoji_variation_selectors_and_joiners_are_dropped() -> None:
    assert slugify("🕊️ Staying Isn’t Always Loving") == "staying-isnt-always-loving"
    assert slugify("☁️☁️ Clouds") == "clouds"
    assert slugify("👩‍👩‍👧 Family") == "family"
    assert slugify("1️⃣ First") == "1-first"  # the keycap digit is a digit


def test_combining_marks_stay_with_their_letters() -> None:
    assert slugify("हिन्दी भाषा") == "हिन्दी-भाषा"
    assert slugify("Cafe\u0301") == "cafe\u0301"
