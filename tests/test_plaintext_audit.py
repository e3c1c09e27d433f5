"""Misreadings an audit of the plain-text reader found, each pinned by its minimal text.

Every expected outline here was worked out by hand from DESIGN.md's
"Articles" rules, not copied from the converter's output.  The first two
groups matter most: blog chrome is cut only when it trails the article, so
a line that merely sounds like chrome ("Leave a comment with your own
habit!", a section called "Copyright") never costs the reader the text after
it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reflect.plaintext import to_markdown
from reflect.sanitize import clean

MD = MarkdownIt("commonmark").enable("table")


def convert(text: str) -> str:
    return to_markdown(clean(text), fallback_title="Fallback Title")


def _inline(token: Token) -> str:
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def outline(text: str) -> list[str]:
    """The title and section headings the reader finds, in order."""
    tokens = MD.parse(convert(text))
    return [_inline(tokens[k + 1]) for k, t in enumerate(tokens) if t.type == "heading_open"]


def visible(text: str) -> str:
    """Everything the reader sees, one Markdown block per line."""
    return "\n".join(_inline(t) for t in MD.parse(convert(text)) if t.type == "inline")


def links(text: str) -> list[str]:
    return [
        str(child.attrs["href"])
        for tok in MD.parse(convert(text))
        for child in tok.children or []
        if child.type == "link_open"
    ]


def bullets(text: str) -> int:
    return sum(1 for tok in MD.parse(convert(text)) if tok.type == "list_item_open")


def blocks(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


# --- 1. a comment-like line mid-article cuts nothing ------------------------------------

COMMENTS_MID = blocks(
    "What My Readers Taught Me",
    "I have been blogging for ten years, and the best part has always been the people who "
    "write back to me after every single post.",
    "Join the Conversation",
    "The comment section is where this blog really lives. Some of my closest friendships "
    "started with a reply under a post about bread.",
    "What I Learned",
    "People are kinder than the internet suggests. Most of the messages I get are generous.",
)

LEAVE_COMMENT = blocks(
    "Five Small Habits",
    "These are the habits that helped me most this year, in no particular order.",
    "Leave a comment with your own habit!",
    "1. Walk after dinner",
    "Fifteen minutes around the block settles the stomach and the mind.",
    "2. Read before you scroll",
    "The first thing you read sets the tone for the morning.",
)


def test_join_the_conversation_heading_mid_article_is_a_section() -> None:
    assert outline(COMMENTS_MID) == [
        "What My Readers Taught Me",
        "Join the Conversation",
        "What I Learned",
    ]
    assert "People are kinder than the internet suggests." in visible(COMMENTS_MID)


def test_leave_a_comment_call_mid_article_keeps_the_rest() -> None:
    seen = visible(LEAVE_COMMENT)
    assert "Leave a comment with your own habit!" in seen
    assert "Fifteen minutes around the block" in seen
    assert "The first thing you read sets the tone" in seen
    assert outline(LEAVE_COMMENT) == [
        "Five Small Habits",
        "1. Walk after dinner",
        "2. Read before you scroll",
    ]


def test_a_real_trailing_comment_thread_is_still_dropped() -> None:
    text = blocks(
        "A Weekend Away",
        "We drove north on the first warm weekend of June.",
        "Day 1: The Lake",
        "We walked along the shore to the village and back.",
        "2 thoughts on “A Weekend Away”",
        "Marie says:\nJune 4, 2023 at 9:12 am",
        "Lovely photos! The lake is on my list now, and I will go in spring.",
        "Reply",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment *\nName *\nEmail *",
        "Notify me of new comments via email.",
        "Post Comment",
    )
    seen = visible(text)
    assert "We walked along the shore" in seen
    assert "Marie" not in seen and "Lovely photos" not in seen and "Notify me" not in seen
    assert outline(text) == ["A Weekend Away", "Day 1: The Lake"]


# --- 2. a chrome-word heading over sentences is a section, not a footer ------------------


def test_copyright_section_of_a_short_post_is_kept() -> None:
    text = blocks(
        "Selling My Art Online",
        "A few readers asked how I sell prints. Here is my setup.",
        "Pricing",
        "I charge by size. Small prints are 20 euros.",
        "Copyright",
        "I keep the rights to every image. Buyers get a print, not the file.",
        "Shipping",
        "I post on Mondays. Tubes, never envelopes.",
    )
    assert outline(text) == ["Selling My Art Online", "Pricing", "Copyright", "Shipping"]
    assert "Tubes, never envelopes." in visible(text)


def test_tags_section_of_a_short_post_is_kept() -> None:
    text = blocks(
        "Learning HTML at Sixty",
        "My grandson said I was too old. I am not.",
        "Week One",
        "I learned what a page is made of.",
        "Tags",
        "Everything is a tag. Open it, close it.",
        "Week Two",
        "I made my first page. It was ugly. I loved it.",
    )
    assert outline(text) == ["Learning HTML at Sixty", "Week One", "Tags", "Week Two"]
    assert "I loved it." in visible(text)


def test_you_might_like_line_followed_by_sentences_cuts_nothing() -> None:
    text = blocks(
        "How to Rest",
        "Rest is a need.",
        "Why Rest Feels Wrong",
        "Hustle culture taught us that.",
        "You Might Like: The Art of Rest",
        "Rest is not laziness.",
        "Small Ways to Begin",
        "Take a real lunch break.",
    )
    seen = visible(text)
    assert "Rest is not laziness." in seen and "Take a real lunch break." in seen
    assert "You Might Like: The Art of Rest" in seen  # a cross-link: text, not a heading
    assert outline(text) == ["How to Rest", "Why Rest Feels Wrong", "Small Ways to Begin"]


def test_substack_share_button_over_a_poem_keeps_the_poem() -> None:
    text = blocks(
        "Small Hours",
        "Elena Brooks\nFeb 2",
        "Share",
        "I wrote these at 3 a.m.\nI could not sleep.",
        "The house is dark.\nThe clock is loud.\nI count my breaths.\nI wait for dawn.",
        "Morning comes.\nIt always does.",
    )
    seen = visible(text)
    assert "I could not sleep." in seen and "I wait for dawn." in seen and "It always does." in seen
    assert outline(text) == ["Small Hours"]


def test_share_button_under_the_title_keeps_the_post() -> None:
    text = blocks(
        "The Slow Morning Letter",
        "Share",
        "Good morning, friends. This week I want to talk about mornings.",
        "The Coffee Ritual",
        "I make my coffee by hand now.",
    )
    assert outline(text) == ["The Slow Morning Letter", "The Coffee Ritual"]
    assert "I make my coffee by hand now." in visible(text)


# --- 3. a lone "Share" button is not a heading ---------------------------------------------


def test_share_line_under_the_byline_is_not_a_section() -> None:
    text = blocks(
        "The Slow Morning Letter",
        "Hannah Cole\nJan 8",
        "Share",
        "This week I want to talk about mornings, not the productivity-guru kind with cold "
        "plunges and five a.m. alarms, but the quiet kind.",
        "The Coffee Ritual",
        "I make my coffee by hand now. It takes seven minutes instead of one.",
    )
    assert outline(text) == ["The Slow Morning Letter", "The Coffee Ritual"]


# --- 4. product plugs, 5. cross-links ------------------------------------------------------

PLUG_OVER_LINK = [
    ("📓 The journal I use every day", "➡️ https://amzn.to/3AbCdEf"),
    ("🛒 Shop my favourite finds", "👉 https://www.etsy.com/shop/slowfinds"),
    ("My favourite kettle", "https://example.com/kettle"),
]


@pytest.mark.parametrize(("plug", "link"), PLUG_OVER_LINK)
def test_a_line_over_only_a_link_is_a_plug_not_a_heading(plug: str, link: str) -> None:
    text = blocks(
        "🌿 Slow Living",
        "Slow living is about attention.",
        "🍵 Start With One Ritual",
        "Tea is mine.",
        plug,
        link,
        "🌙 End the Day Gently",
        "Dim the lights.",
    )
    assert outline(text) == ["🌿 Slow Living", "🍵 Start With One Ritual", "🌙 End the Day Gently"]
    assert plug in visible(text)
    assert link.split()[-1] in links(text)


NOT_HEADINGS = [
    # product plugs and calls to action
    "🛒 Shop my favourite finds",
    "Grab Your Copy on Amazon",
    "Use Code SLOW10 for 10% Off",
    "Download My Free Planner",
    "👉 Join My Free Newsletter",
    "Watch the Video on YouTube",
    "Get the Free Printable Here",
    "Listen to the Podcast Episode",
    # cross-links, like "Read more: …"
    "Don't miss: 12 Evening Rituals for Better Sleep",
    "Recommended: 5 Books About Slowing Down",
    "More Like This: Evening Rituals",
    "Next Up: How I Quit Sugar",
    "Previously: My Year Without Shopping",
]


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_plugs_and_cross_links_are_not_headings(line: str) -> None:
    text = blocks(
        "My Desk Setup",
        "I stripped my desk down to what I use every single day, and nothing else.",
        "The Monitor",
        "One screen, not two. I focus far better without the second one.",
        line,
        "A warm lamp with a dimmer makes evening work feel calmer under yellow light.",
        "The Chair",
        "Second-hand, and the best purchase I made.",
    )
    assert outline(text) == ["My Desk Setup", "The Monitor", "The Chair"]
    assert line in visible(text)


# --- 6. "By …" headings are not bylines ---------------------------------------------------


def test_by_headings_after_the_intro_are_sections() -> None:
    text = blocks(
        "How I Organise My Books",
        "I own too many books.",
        "By Mood",
        "Comfort reads near the bed.",
        "By Frequency",
        "Favourites at eye level.",
    )
    assert outline(text) == ["How I Organise My Books", "By Mood", "By Frequency"]


def test_a_byline_under_the_title_is_still_not_a_heading() -> None:
    text = blocks(
        "How I Organise My Books",
        "By Maya Lee",
        "I own too many books.",
        "By Mood",
        "Comfort reads near the bed.",
    )
    assert outline(text) == ["How I Organise My Books", "By Mood"]
    assert "By Maya Lee" in visible(text)


# --- 7. a later verbatim repeat of the title -------------------------------------------------


def test_a_later_repeat_of_the_title_is_dropped_not_a_section() -> None:
    text = blocks(
        "How to Rest",
        "Rest is a need.",
        "Why Rest Feels Wrong",
        "Hustle culture.",
        "How to Rest",
        "Rest when you can, not when you have earned it.",
    )
    assert outline(text) == ["How to Rest", "Why Rest Feels Wrong"]
    assert visible(text).split("\n") == [
        "How to Rest",
        "Rest is a need.",
        "Why Rest Feels Wrong",
        "Hustle culture.",
        "Rest when you can, not when you have earned it.",
    ]


def test_a_pin_block_repeating_the_title_at_the_end_is_dropped() -> None:
    text = blocks(
        "How to Rest",
        "Rest is a need.",
        "Why Rest Feels Wrong",
        "Hustle culture.",
        "How to Rest",
        "Pin this post for later!",
    )
    assert visible(text).split("\n") == [
        "How to Rest",
        "Rest is a need.",
        "Why Rest Feels Wrong",
        "Hustle culture.",
    ]


# --- 8. em dashes are dialogue and attributions -------------------------------------------


def test_em_dash_dialogue_stays_text() -> None:
    text = blocks(
        "Une rencontre",
        "J'ai croisé mon professeur.",
        "— Tu joues encore ?\n— Un peu, le dimanche.",
        "Nous avons parlé.",
    )
    assert bullets(text) == 0
    assert "— Tu joues encore ?\n— Un peu, le dimanche." in visible(text)


def test_em_dash_attribution_under_a_quote_stays_text() -> None:
    text = blocks(
        "On Healing",
        "I keep one quote on my fridge.",
        "“The wound is the place where the Light enters you”\n— Rumi",
        "I read it every morning.",
        "“What you seek is seeking you”",
        "— Rumi",
        "That one too.",
    )
    assert bullets(text) == 0
    assert visible(text).count("— Rumi") == 2
    assert outline(text) == ["On Healing"]


def test_en_dash_and_hyphen_bullets_are_still_lists() -> None:
    assert bullets(blocks("My List", "Things:", "– one\n– two\n- three")) == 3


# --- 9, 10. links -------------------------------------------------------------------------


def test_www_address_is_a_link_shown_as_written() -> None:
    text = blocks("My Gear", "I keep it simple.", "Find it all at www.example.com/gear today.")
    assert links(text) == ["https://www.example.com/gear"]
    assert "Find it all at www.example.com/gear today." in visible(text)


def test_www_inside_an_address_or_email_is_not_linked_again() -> None:
    text = blocks("Title", "See https://www.example.com/a and me@www.example.com here.")
    assert links(text) == ["https://www.example.com/a"]


def test_address_in_japanese_text_stops_at_the_first_cjk_character() -> None:
    lines = [
        "詳しくはhttps://example.com/walkをご覧ください。",
        "地図（https://example.com/map）もあります。",
        "リンク：https://example.com/a、https://example.com/b",
    ]
    text = blocks("朝の散歩", *lines)
    assert links(text) == [
        "https://example.com/walk",
        "https://example.com/map",
        "https://example.com/a",
        "https://example.com/b",
    ]
    assert visible(text).split("\n")[1:] == lines


# --- 11. trailing Substack and Medium chrome -------------------------------------------------


def test_substack_thanks_for_reading_footer_is_dropped() -> None:
    text = blocks(
        "The Slow Morning Letter",
        "This week I want to talk about mornings.",
        "The Coffee Ritual",
        "I make my coffee by hand now. It takes seven minutes instead of one.",
        "Thanks for reading The Slow Morning Letter! Subscribe for free to receive new posts "
        "and support my work.",
        "Subscribe",
        "Share",
        "Leave a comment",
    )
    seen = visible(text)
    assert "It takes seven minutes instead of one." in seen
    assert "Thanks for reading" not in seen and "Subscribe" not in seen


def test_medium_clap_and_response_counts_before_the_author_box_are_dropped() -> None:
    text = blocks(
        "Saying No",
        "I said yes to everything.",
        "How to Practice It",
        "Start small. It passes.",
        "1.2K",
        "24",
        "Written by Jordan Reeves",
        "1.4K Followers",
        "Follow",
    )
    assert visible(text).split("\n") == [
        "Saying No",
        "I said yes to everything.",
        "How to Practice It",
        "Start small. It passes.",
    ]


def test_a_number_in_the_article_is_not_a_clap_count() -> None:
    assert "24" in visible(blocks("My Title", "Hours in a day:", "24", "The end of it."))


def test_thanks_for_reading_as_a_sign_off_is_kept() -> None:
    text = blocks("My Title", "Intro sentence here.", "Thanks for reading!", "With love,\nMaya")
    assert "Thanks for reading!" in visible(text)


# --- 12. a tie between Title Case and sentence case -----------------------------------------


def test_tie_between_title_and_sentence_case_gives_no_house_style() -> None:
    text = blocks(
        "Lessons From the Garden",
        "My grandfather kept a garden.",
        "He always said:",
        "Patience never runs out",
        "Then he went back to work.",
        "The Tomato Year",
        "The blight took every plant.",
        "When I asked why, he said:",
        '"The garden owes me nothing"',
        "Then he planted beans.",
        "What I Keep",
        "I have his notebooks.",
    )
    assert outline(text) == ["Lessons From the Garden", "The Tomato Year", "What I Keep"]


# --- through the command line -------------------------------------------------------------


def test_cli_outline_keeps_sections_after_a_comment_call(tmp_path: Path) -> None:
    path = tmp_path / "habits.txt"
    path.write_text(LEAVE_COMMENT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "outline", "--json", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    sections = json.loads(result.stdout)["sections"]
    assert [s["heading"] for s in sections] == [
        "Five Small Habits",
        "1. Walk after dinner",
        "2. Read before you scroll",
    ]


# --- property: no sentence of the author's is ever cut as chrome ----------------------------

CHROME_LOOKALIKES = [
    "Comments",
    "Leave a comment with your own habit!",
    "Join the Conversation",
    "Share",
    "Share this:",
    "Copyright",
    "Tags",
    "Related",
    "Subscribe",
    "You Might Like: The Art of Rest",
    "Popular posts from this blog",
    "Posted in Travel",
    "1.2K",
]
WORDS = ["rain", "bread", "river", "we", "walked", "slowly", "home", "the", "light", "kept"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(PARAGRAPH, st.sampled_from(CHROME_LOOKALIKES)),
        min_size=1,
        max_size=14,
    ),
    PARAGRAPH,
)
def test_no_paragraph_of_sentences_is_ever_cut_as_chrome(parts: list[str], last: str) -> None:
    """Chrome markers anywhere, but the article goes on after them: every one of
    its sentences survives, wherever the markers fall.  (Author markers are left
    out: a short bio after "About the Author" is dropped on purpose.)"""
    text = blocks("My Title", *parts, last)
    seen = visible(text)
    for part in [*parts, last]:
        if part not in CHROME_LOOKALIKES:
            assert part in seen


@pytest.mark.parametrize("last", ["24", "1.2K", "1"])
def test_a_number_ending_the_post_is_kept_when_no_chrome_follows(last: str) -> None:
    """A lone count is a clap or like counter only right above chrome; closing a
    post, it is the author's (found by the property test: "…\\n\\n1" lost its "1")."""
    text = f"Counting Days\n\nI counted the days until spring, one by one.\n\n{last}\n"
    assert to_markdown(text, fallback_title="f.txt").rstrip().endswith(last)


def headings_of(text: str) -> list[str]:
    return [
        line
        for line in to_markdown(text, fallback_title="f.txt").splitlines()
        if line.startswith("#")
    ]


def test_emoji_led_listen_and_share_are_headings_not_buttons() -> None:
    text = (
        "How to Be There for a Friend\n\nAn opening paragraph about being present for people.\n\n"
        "👂 Listen\n\nMost of the time they need to be heard, fully and without hurry.\n\n"
        "🤝 Share\n\nTell them something true about yourself too; it makes the room safer.\n\n"
        "Share\n\nAnd come back next week: presence is a habit more than a gesture.\n"
    )
    assert headings_of(text) == ["# How to Be There for a Friend", "## 👂 Listen", "## 🤝 Share"]


def test_a_heading_over_several_links_is_a_heading_not_a_plug() -> None:
    text = (
        "Why We Walk\n\nAn opening paragraph about walking and why it matters to us.\n\n"
        "🌲 The Forest\n\nWalking in the forest slows the mind and gives the body a rhythm.\n\n"
        "📚 Further Reading\n\nhttps://example.com/walking-study\nhttps://example.org/forest\n\n"
        "🌅 Closing Thoughts\n\nGo for a walk tomorrow morning, and notice what you notice.\n"
    )
    assert headings_of(text) == [
        "# Why We Walk",
        "## 🌲 The Forest",
        "## 📚 Further Reading",
        "## 🌅 Closing Thoughts",
    ]


@pytest.mark.parametrize("text", ["!www.a.b", "Wow!www.example.com is great"])
def test_an_exclamation_mark_before_a_www_address_makes_no_image(text: str) -> None:
    """Found by the property test: "!" and the link made for "www." read as an image."""
    tokens = MarkdownIt("commonmark").parse(to_markdown(text, fallback_title="f.txt"))
    paragraph = [t for t in tokens if t.type == "inline"][-1]  # (after the title's heading)
    children = paragraph.children or []
    assert "image" not in {c.type for c in children}
    assert "link_open" in {c.type for c in children}
    shown = "".join(c.content for c in children if c.type == "text")
    assert shown.replace(" ", "") == text.replace(" ", "")
