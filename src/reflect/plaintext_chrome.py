"""Blog chrome: the page around an article that comes along when it is copied.

"Popular posts from this blog", share buttons, "Like this: Like Loading…",
comment forms and threads, author bios, newsletter boxes, copyright lines.
:func:`chrome_start` finds where that trailing chrome begins, so
:mod:`reflect.plaintext` can leave it out.  A marker line counts only when
what follows it looks like chrome too, so an article is never cut short
because one of its lines happens to say "Comments" or "Subscribe".
"""

from __future__ import annotations

import re

from reflect import plaintext_lines as lines_

__all__ = ["chrome_start"]

_CHROME_SEARCH_BLOCKS = 150  # chrome markers are looked for this far from the end
_CHROME_BLOCK_CHARS = 400  # a longer block after a marker is article, not chrome
_PROSE_LINE = 100  # a sentence-ending line longer than this is running prose

_CHROME = re.compile(
    r"(?:popular posts?(?: from this blog)?|related(?: posts?| articles?| stories| reading)?"
    r"|you (?:may|might) also (?:like|enjoy)|more (?:posts|stories|articles)(?: like this)?"
    r"|recent posts?|share this(?: post| article| story)?|share(?: on| via)? (?:facebook|twitter|"
    r"x|pinterest|linkedin|email|whatsapp|reddit|tumblr)(?:[ ,/|]+.*)?|share|tweet|pin it"
    r"|comments?|comments? \(\d+\)|no comments(?: yet)?|subscribe(?: to .{0,60})?"
    r"|sign up (?:for|to) (?:our|my|the) newsletter.{0,60}|enter your e-?mail(?: address)?.{0,40}"
    r"|join (?:my|our|the) (?:newsletter|mailing list|community).{0,40}|posted by .{0,80}"
    r"|labels?: .*|categories|tags?(?:: .*)?|filed under.{0,80}|copyright.{0,100}|©.{0,100}"
    r"|all rights reserved.{0,40}|powered by .{0,40}|like this|like loading…?|loading…?"
    r"|(?:previous|next|older|newer) (?:post|article|entry|posts)s?.{0,100}"
    r"|report abuse|follow (?:me|us)(?: on .{0,60})?|email this|blogthis!?"
    r"|more from .{0,60}|recommended (?:from|for you).{0,40}|view all posts by .{0,60}"
    r"|posted in .{0,80}|tagged .{0,80}|blog at wordpress\.com.{0,10}|search for:?|archives?"
    r"|get link|restack|discussion about this post|like|follow(?: blog via email)?"
    r"|type your email.{0,20}|responses? \(\d+\)|theme (?:images )?by .{0,60}"
    r"|unsubscribe.{0,80}|update your preferences.{0,40}|view (?:this )?(?:email )?in .{0,30}"
    r"|(?:you might|we think you.ll) (?:also )?(?:like|enjoy).{0,40})[ \t]*[:.!]?",
    re.IGNORECASE,
)
# After these (in the second half), anything goes: it is the author's bio.
_AUTHOR = re.compile(
    r"(?:about the author|about me|written by .{0,60}|meet the author)[ \t]*[:.!]?", re.IGNORECASE
)
# After these, anything goes: it is the comment thread.
_COMMENTS = re.compile(
    r"(?:\d+ (?:comments?|responses?|replies)(?: on .{0,200})?|leave a (?:comment|reply).{0,40}"
    r"|post a comment|add a comment|join the (?:discussion|conversation)|write a comment)"
    r"[ \t]*[:.!]?",
    re.IGNORECASE,
)


def chrome_start(blocks: list[list[str]]) -> int:
    """Index of the first block of blog chrome trailing the article (``len(blocks)`` if none).

    A chrome marker counts only when every block after it is chrome-like:
    short (menus, post titles, share buttons, form labels) or another marker;
    after a comment-thread marker ("3 Comments", "Leave a Reply") anything may
    follow.  So a real section that happens to be called "Comments" but goes on
    with paragraphs is kept.
    """
    n = len(blocks)
    low = max(1, n - _CHROME_SEARCH_BLOCKS)
    cut = n
    suffix_ok = True
    for i in range(n - 1, low - 1, -1):
        block = blocks[i]
        first = lines_.strip_decoration(block[0])
        if _COMMENTS.fullmatch(first) or (i >= n // 2 and _AUTHOR.fullmatch(first)):
            cut, suffix_ok = i, True
        elif _CHROME.fullmatch(first):
            if suffix_ok and i >= n // 3:
                cut = i
        elif not _chrome_like(block):
            suffix_ok = False
    return cut


def _chrome_like(block: list[str]) -> bool:
    """Whether a block could be page chrome: short, and no line of running prose."""
    if sum(len(line) for line in block) > _CHROME_BLOCK_CHARS:
        return False
    return not any(len(line) > _PROSE_LINE and lines_.ends_sentence(line) for line in block)
