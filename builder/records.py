"""Typed records passed between the stages.  No spaCy object goes past extraction.

Offsets are character offsets into ``Article.text`` (the normalised text that is
stored with the article), so every fact can be traced back to its sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


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
