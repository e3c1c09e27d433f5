"""Blog chrome: the page around an article that comes along when it is copied.

"Popular posts from this blog", share buttons, "Like this: Like Loading…",
comment forms and threads, author bios, newsletter boxes, copyright lines.
:func:`chrome_start` finds where that trailing chrome begins, so
:mod:`reflect.plaintext` can leave it out.

Losing the reader's text is far worse than keeping a share button, so a
marker line counts only when nothing the author wrote follows it: no block
of sentences ("Copyright" over "I keep the rights to every image." is a
section, not a footer).  Comment threads are the one kind of chrome made of
sentences; a sentence counts as a comment only next to the lines a thread
is made of ("Marie says:", "June 4, 2023 at 9:12 am", "Reply", the form).
"""

from __future__ import annotations

import re

from reflect import plaintext_lines as lines_
from reflect.plaintext_cues import is_name

__all__ = ["chrome_start"]

_CHROME_SEARCH_BLOCKS = 150  # chrome markers are looked for this far from the end
_CHROME_BLOCK_CHARS = 400  # a longer block after a marker is article, not chrome
_PROSE_LINE = 100  # a sentence-ending line longer than this is running prose
_CARD_LINES = 12  # a related post's card (title, date, excerpt, buttons) is no longer
_BIO_BLOCKS = 2  # paragraphs of author bio allowed after "Written by Maya Lee"

_CHROME = re.compile(
    r"(?:popular posts?(?: from this blog)?|related(?: posts?| articles?| stories| reading)?"
    r"|you (?:may|might) also (?:like|enjoy)|more (?:posts|stories|articles)(?: like this)?"
    r"|recent posts?|share this(?: post| article| story)?|share(?: on| via)? (?:facebook|twitter|"
    r"x|pinterest|linkedin|email|whatsapp|reddit|tumblr)(?:[ ,/|]+.*)?|share|tweet|pin it"
    r"|comments?|comments? \(\d+\)|no comments(?: yet)?|subscribe(?: to .{0,60})?"
    r"|sign up (?:for|to) (?:our|my|the) newsletter.{0,60}|enter your e-?mail(?: address)?.{0,40}"
    r"|join (?:my|our|the) (?:newsletter|mailing list|community).{0,40}|posted by .{0,80}"
    r"|labels?: .*|categories|tags?(?:: .*)?|filed under.{0,80}|copyright.{0,100}|©.{0,100}"
    r"|all rights reserved.{0,40}|(?:proudly )?powered by .{0,40}"
    r"|like this|like loading…?|loading…?|pin (?:it|this|me)(?: post| recipe)? for later"
    r"|(?:previous|next|older|newer) (?:post|article|entry|posts)s?.{0,100}"
    r"|report abuse|follow (?:me|us)(?: on .{0,60})?|email this|blogthis!?|read more ?[»›→]"
    r"|more from .{0,60}|recommended (?:from|for you).{0,40}|view all posts by .{0,60}"
    r"|posted in .{0,80}|tagged .{0,80}|blog at wordpress\.com.{0,10}|search for:?|archives?"
    r"|get link|restack|discussion about this post|like|follow(?: blog via email)?"
    r"|type your email.{0,20}|responses? \(\d+\)|theme (?:images )?by .{0,60}"
    r"|unsubscribe.{0,80}|update your preferences.{0,40}|view (?:this )?(?:email )?in .{0,30}"
    r"|(?:you might|we think you.ll) (?:also )?(?:like|enjoy).{0,40}"
    r"|thanks for reading .{1,100}? subscribe .{0,120})[ \t]*[:.!]?",
    re.IGNORECASE,
)
# After these (in the second half), a short bio may follow.
_AUTHOR = re.compile(
    r"(?:about the author|about me|written by (.{1,60}?)|meet the author)[ \t]*[:.!]?",
    re.IGNORECASE,
)
# After these, comments and the comment form may follow (see _prose).
_COMMENTS = re.compile(
    r"(?:\d+ (?:comments?|responses?|replies|thoughts)(?: on .{0,200})?"
    r"|leave a (?:comment|reply).{0,40}"
    r"|post a comment|add a comment|join the (?:discussion|conversation)|write a comment)"
    r"[ \t]*[:.!]?",
    re.IGNORECASE,
)


# The lines a comment thread and its form are made of: a sentence next to one
# of these is a comment, not the article.  "<Name> says:" is :func:`_thread_line`.
_THREAD = re.compile(
    r"(?:(?:.{0,30}\d{4},?|\d{1,2}/\d{1,2}/\d{2,4})"
    r"[ \t]+at[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?"
    r"|(?:log in to )?reply(?: ↓)?|cancel reply|post comment|liked by .{1,40}"
    r"|your email address will not be published.{0,80}|required fields are marked.{0,20}"
    r"|notify me of .{1,60}|save my name.{0,120}|enter your comment here.{0,10}"
    r"|fill in your details below.{0,80}|you are commenting using .{1,80}"
    r"|(?:name|e-?mail|website|comment)[ \t]*(?:\*|\(required\).{0,60})?)",
    re.IGNORECASE,
)
_SAYS = re.compile(r"(.{1,60}?)[ \t]+(?:says|said|wrote)[ \t]*(?::|…|\.\.\.)", re.IGNORECASE)
# Medium claps and response counts, Substack likes: "1.2K", "24", "12 Likes", "·".
_COUNT = re.compile(
    r"(?:\d{1,3}(?:[.,]\d{1,3})?[KkMm]?"
    r"(?:[ \t]+(?:likes?|claps?|restacks?|responses?|comments?))?|·)"
)


def chrome_start(blocks: list[list[str]]) -> int:
    """Index of the first block of blog chrome trailing the article (``len(blocks)`` if none).

    Walking back from the end, a marker is where the chrome starts when
    nothing after it (up to the chrome already found) is the author's prose:

    * a chrome marker ("Related", "Share this", "Copyright …") in the last
      two thirds, when no block after it reads as sentences;
    * a comment marker ("3 Comments", "Leave a Reply") anywhere, when the
      sentences after it are comments (:func:`_prose`), so "Leave a comment
      with your own habit!" over a numbered list of habits is kept;
    * an author marker ("About the Author", "Written by Maya Lee") in the
      second half, followed by at most :data:`_BIO_BLOCKS` paragraphs of bio;
    * a lone count ("1.2K" claps) right before chrome already found.
    """
    n = len(blocks)
    low = max(1, n - _CHROME_SEARCH_BLOCKS)
    cut = n
    prose = 0  # blocks of the author's sentences between the block looked at and the cut
    for i in range(n - 1, low - 1, -1):
        block = blocks[i]
        first = lines_.strip_decoration(block[0])
        if cut == i + 1 < n and all(_COUNT.fullmatch(line) for line in block):
            cut = i
            continue
        after = prose + (len(block) > 1 and _prose(blocks, i, block[1:]))
        if (
            (_COMMENTS.fullmatch(first) and after == 0)
            or (_CHROME.fullmatch(first) and after == 0 and i >= n // 3)
            or (i >= n // 2 and after <= _BIO_BLOCKS and _author(first))
        ):
            cut, prose = i, 0
        elif _prose(blocks, i, block):
            prose += 1
    return cut


def _author(line: str) -> bool:
    """``About the Author``, ``Written by Maya Lee``: a bio follows (not "Written by hand")."""
    m = _AUTHOR.fullmatch(line)
    return m is not None and (m.group(1) is None or is_name(m.group(1)))


def _prose(blocks: list[list[str]], i: int, lines: list[str]) -> bool:
    """Whether ``lines`` (all or part of block ``i``) are the author's sentences.

    Long lines and long blocks are prose; so is a short block that ends with
    a sentence of two words or more ("Tubes, never envelopes.") rather than
    an ellipsis ("Like Loading…").  But not a block with a chrome line in it
    (a related post's card: title, date, excerpt, "Share", "Read more"), nor
    one in a comment thread (a thread line in it, in the two blocks before it
    or in the one after it).
    """
    if not lines:
        return False
    if len(lines) <= _CARD_LINES and any(
        _CHROME.fullmatch(lines_.strip_decoration(line)) for line in lines
    ):
        return False  # a teaser card of "Popular posts", with its Share and Read more
    if _short(lines) and not any(
        len(line) > _PROSE_LINE and lines_.ends_sentence(line) for line in lines
    ):
        last = lines[-1]
        if not lines_.ends_sentence(last) or last.endswith(("…", "...")):
            return False
        if sum(len(line.split()) for line in lines) < 2:
            return False
    # Thread lines open or close a comment: only the ends of huge blocks are looked at.
    near = blocks[max(0, i - 2) : i + 2]
    return not any(_thread_line(line) for block in near for line in (*block[:3], *block[-3:]))


def _short(lines: list[str]) -> bool:
    """At most :data:`_CHROME_BLOCK_CHARS` characters, found without summing a whole book."""
    size = 0
    for line in lines:
        size += len(line)
        if size > _CHROME_BLOCK_CHARS:
            return False
    return True


def _thread_line(line: str) -> bool:
    """A line of a comment thread: ``Marie says:``, a comment's date and time, ``Reply``."""
    if _THREAD.fullmatch(line):
        return True
    m = _SAYS.fullmatch(line)
    return m is not None and is_name(m.group(1))
