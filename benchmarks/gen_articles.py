"""Deterministic generators of realistic Markdown articles for the benchmarks.

The files look like what readers bring: essays and books in Markdown, some with
front matter, a ``##`` heading every 300–1500 words (now and then a ``###``),
paragraphs, bullet and numbered lists, block quotes, fenced code, links, curly
quotes and a few emoji.  The same name and size always give the same bytes
(seeded), so runs on different days time the same work.

Files are generated at run time into a cache folder and never committed:

    python benchmarks/gen_articles.py [DIR]     # writes the standard set, prints paths
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1
"""Bump when the output changes, so cached files are regenerated."""

KB = 1024
MB = 1024 * KB

_VOCABULARY = """
the a of and to in is that it for as with was on be by this at from or an are
not but have all which one their were when there can more we been has if will
would what so they no about out up into them some only could other then its
time than two may first over such like most also how these where after through
back much before even because same well still own while last might never under
between each those both few little long great old new good small large early
young important public bad able light heart mind walk walking away kind kindest
choice love peace silence reading slow thought thinking memory morning evening
river garden window letter page chapter story reader writer book word sentence
moment year winter summer autumn spring path road house city friend stranger
mother father child voice hand eye question answer truth doubt hope fear care
quiet patience attention habit practice breath step distance return leave stay
courage gentle honest clear careful deep open closed simple strange familiar
notice remember forget choose begin end learn teach listen speak write read
carry hold release rest wander arrive understand wonder imagine believe know
"""
_WORDS = _VOCABULARY.split()

_EMOJI = ["🌿", "📚", "✨", "🕊️", "🌸", "💡", "🌊", "🔥", "🍂", "☕"]
_LANGS = ["python", "bash", "toml", "json", ""]
_CODE = [
    ["def walk(steps):", "    for step in range(steps):", "        yield step * 2", ""],
    ['echo "reading slowly"', "ls -la ~/notes | head -n 5"],
    ["[article]", 'title = "A quiet morning"', "position = 3"],
    ['{"title": "Letters", "sections": 12, "draft": false}'],
    ["    indented inside a fence", "plain text, kept as is"],
]


@dataclass(frozen=True, slots=True)
class Spec:
    """One generated article: a name, a target size in bytes and its shape."""

    name: str
    size: int
    single_section: bool = False
    seed: int = 0

    @property
    def filename(self) -> str:
        return f"{self.name}.md"


STANDARD = [
    Spec("article-10k", 10 * KB, seed=6),
    Spec("article-100k", 100 * KB, seed=1),
    Spec("article-1m", 1 * MB, seed=2),
    Spec("article-5m", 5 * MB, seed=3),
    Spec("article-20m", 20 * MB, seed=4),
    Spec("single-section-5m", 5 * MB, single_section=True, seed=5),
]
"""The set bench_reader.py times: five sizes and one 5 MB single section.  The
10 KB article is there for scale: what reflect costs with almost no article
(its own code, styles and rendering), against which the bigger ones grow."""


class _Writer:
    """Builds Markdown from a seeded RNG until the target size is reached."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text.encode("utf-8"))

    def words(self, n: int) -> list[str]:
        return self.rng.choices(_WORDS, k=n)

    def sentence(self) -> str:
        rng = self.rng
        words = self.words(rng.randint(6, 22))
        words[0] = words[0].capitalize()
        roll = rng.random()
        if roll < 0.08:
            i = rng.randrange(len(words))
            words[i] = f"“{words[i]}”"
        elif roll < 0.12:
            i = rng.randrange(len(words))
            words[i] = f"{words[i]}’s"
        elif roll < 0.15:
            i = rng.randrange(len(words))
            words[i] = f"[{words[i]}](https://example.org/{words[i]}-{rng.randrange(999)})"
        elif roll < 0.18:
            i = rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        elif roll < 0.20:
            i = rng.randrange(len(words))
            words[i] = f"`{words[i]}`"
        elif roll < 0.21:
            words.append(rng.choice(_EMOJI))
        end = rng.choices([".", "?", "!", "…", ";"], weights=[80, 8, 4, 3, 5])[0]
        return " ".join(words) + end

    def paragraph(self) -> int:
        """A paragraph of a few sentences; returns its word count."""
        sentences = [self.sentence() for _ in range(self.rng.randint(2, 7))]
        text = " ".join(sentences)
        self.add(text + "\n\n")
        return text.count(" ") + 1

    def block(self, allow_structure: bool) -> int:
        """One block of the body: mostly paragraphs, sometimes something else."""
        rng = self.rng
        roll = rng.random() if allow_structure else 1.0
        if roll < 0.06:
            items = [" ".join(self.words(rng.randint(3, 12))) for _ in range(rng.randint(2, 6))]
            self.add("".join(f"- {item}\n" for item in items) + "\n")
            return sum(item.count(" ") + 2 for item in items)
        if roll < 0.09:
            items = [" ".join(self.words(rng.randint(3, 12))) for _ in range(rng.randint(2, 5))]
            self.add("".join(f"{i}. {item}\n" for i, item in enumerate(items, 1)) + "\n")
            return sum(item.count(" ") + 2 for item in items)
        if roll < 0.12:
            quote = self.sentence() + " " + self.sentence()
            self.add(f"> {quote}\n>\n> — {rng.choice(_WORDS).capitalize()}\n\n")
            return quote.count(" ") + 4
        if roll < 0.14:
            lines = rng.choice(_CODE)
            self.add(f"```{rng.choice(_LANGS)}\n" + "\n".join(lines) + "\n```\n\n")
            return sum(len(line.split()) for line in lines)
        return self.paragraph()

    def heading(self, level: int) -> None:
        words = self.words(self.rng.randint(2, 7))
        words[0] = words[0].capitalize()
        lead = f"{self.rng.choice(_EMOJI)} " if self.rng.random() < 0.2 else ""
        self.add(f"{'#' * level} {lead}{' '.join(words)}\n\n")


def generate(spec: Spec) -> str:
    """The Markdown text of ``spec``: deterministic for its name, size and seed."""
    rng = random.Random(f"{spec.name}:{spec.size}:{spec.seed}:{GENERATOR_VERSION}")
    out = _Writer(rng)
    if spec.seed % 2 == 1:  # front matter on some files, as in real libraries
        out.add(f'---\ntitle: "Generated {spec.name}"\nauthor: bench\n---\n\n')
    if spec.single_section:  # one heading, then nothing but paragraphs
        out.add("# One long section\n\n")
        while out.size < spec.size:
            out.paragraph()
        return "".join(out.parts)
    out.add(f"# {spec.name.replace('-', ' ').title()}\n\n")
    for _ in range(rng.randint(1, 3)):
        out.paragraph()
    while out.size < spec.size:
        out.heading(2)
        budget = rng.randint(300, 1500)
        written = 0
        while written < budget and out.size < spec.size:
            if written > 200 and rng.random() < 0.05:
                out.heading(3)
            written += out.block(allow_structure=written > 0)
    return "".join(out.parts)


def cache_dir() -> Path:
    """Where generated files live between runs (never in the repository)."""
    base = os.environ.get("REFLECT_BENCH_CACHE")
    if base:
        return Path(base)
    return Path(tempfile.gettempdir()) / f"reflect-bench-{os.getuid()}"


def ensure(spec: Spec, folder: Path | None = None) -> Path:
    """The path of ``spec``'s file, generating it if it is missing or stale."""
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(f"{spec}:{GENERATOR_VERSION}".encode()).hexdigest()[:10]
    path = folder / f"{spec.name}-{key}.md"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_text(generate(spec), encoding="utf-8")
        tmp.replace(path)
    return path


def ensure_all(folder: Path | None = None) -> dict[str, Path]:
    """The standard set, by name."""
    return {spec.name: ensure(spec, folder) for spec in STANDARD}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for name, path in ensure_all(target).items():
        print(f"{name}\t{path.stat().st_size}\t{path}")
