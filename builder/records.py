"""Typed records passed between the stages.  No spaCy object goes past extraction.

Offsets are character offsets into ``Article.text`` (the normalised text that is
stored with the article), so every fact can be traced back to its sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .structure import Furniture, dated_by


@dataclass(frozen=True)
class Article:
    """One input document, read and normalised.

    ``text`` is the title, a blank line, then the body (or the body alone when
    there is no title); extraction reads both, since headlines carry facts too.
    ``sha256`` is the hex digest of the article *as given* (the file's bytes, or
    the UTF-8 bytes of a JSONL line's ``text`` field).
    """

    text: str
    sha256: str
    source: str
    title: str | None = None
    published: dt.date | None = None
    lang: str | None = None
    path: Path | None = None
    url: str | None = None
    # "2024-10" in the input: only the month is known; ``published`` is then None and
    # "le 3 octobre" is resolved, "mardi" is not
    published_month: str | None = None
    # the page's furniture (bylines, datelines, update lines ...), taken out of ``text``
    furniture: tuple[Furniture, ...] = ()
    # (character offset in ``text``, day): from there on, the day a live page's heading gives
    day_headings: tuple[tuple[int, dt.date], ...] = ()
    # (character offset in ``text``, day): a chronology entry ("3 janvier 2020 - ...") starts there
    entries: tuple[tuple[int, dt.date], ...] = ()

    @property
    def dated(self) -> dt.date | None:
        """The day "mardi" and "hier" are counted from: the publication date, else the last
        update or publication line of the page."""
        return self.published or dated_by(self.furniture)

    def day_at(self, offset: int) -> dt.date | None:
        """The reference day of the text at ``offset`` (a live page's day heading counts)."""
        day = self.dated
        for start, heading in self.day_headings:
            if start <= offset:
                day = heading
        return day

    def entry_at(self, offset: int) -> int | None:
        """Which chronology entry ("3 janvier 2020 - ...") the text at ``offset`` belongs to."""
        found = None
        for n, (start, _) in enumerate(self.entries):
            if start <= offset:
                found = n
        return found

    @property
    def byline(self) -> tuple[str, ...]:
        return tuple(name for f in self.furniture if f.kind == "byline" and f.value for name in f.value.split("; "))


@dataclass(frozen=True)
class SkippedInput:
    """An input that could not be read, with the reason (one line)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Mention:
    """A span of text naming an entity, a weapon or an event trigger."""

    text: str
    start: int
    end: int
    sentence: int
    kind: str  # "entity" | "weapon" | "trigger"
    key: str | None = None  # gazetteer id, weapon concept id, or trigger kind
    etype: str | None = None  # ontology class local name (ArmedGroup, State, ...)
    source: str = "gazetteer"  # "gazetteer" | "ner" | "context"


@dataclass(frozen=True)
class Entity:
    """A resolved entity; ``key`` is the slug its IRI is made from."""

    key: str
    etype: str
    label_en: str
    label_fr: str | None = None
    aliases: frozenset[str] = frozenset()
    wikidata: str | None = None
    known: bool = False  # True when it comes from the gazetteer
    presented: bool = False  # the article says what it is ("la milice X", "un groupe appelé X")


@dataclass(frozen=True)
class Sentence:
    """Where a fact was read: the sentence text and its offsets in the article."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One extracted statement: ``subject predicate object`` with its evidence.

    ``subject``/``object`` are entity keys, event keys or weapon concept keys as
    ``object_kind`` says; literals are ``int`` (casualties) or ``datetime.date``.
    ``predicate`` is the local name of a ``rip:`` property.
    """

    subject: str
    predicate: str
    object: str | int | dt.date
    evidence: Sentence
    confidence: float = 0.8
    subject_kind: str = "entity"  # "entity" | "event"
    object_kind: str = "entity"  # "entity" | "event" | "weapon" | "literal"


@dataclass
class Event:
    """An attack or strike read from an article, before it becomes triples."""

    key: str
    kind: str  # "Attack" | "Strike"
    trigger: Mention


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    unresolved_dates: list[str] = field(default_factory=list)  # "mardi", "le 3 décembre" with no year to anchor them
    # facts not written because a subject or object had the wrong type for the ontology, with why
    rejected: list[str] = field(default_factory=list)
