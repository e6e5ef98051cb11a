"""The records passed between the extraction stages.

``EntityRef`` and ``WeaponRef`` are spans that name an actor, a place or a weapon
(gathered in ``DocMentions``); ``EventMention`` is one event word of the text (a candidate: "l'attaque", "ont frappé")
with the facts read around it; ``EventCluster`` is one event of the article, the
mentions that tell it and every fact about it.  Both hold facts the same way
(``FactHolder``), so that a rule reading a role does not care which it is given.
They become ``records.Event`` and ``records.Fact`` in the last stage.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from ..records import Sentence

# confidence of a fact by how it was read
PARSED = 0.8
NEARBY = 0.6
HEDGED = 0.5
IMPLICIT = 0.4

STATE_LIKE_TYPES = frozenset({"State", "MilitaryOrganization", "Coalition"})
# a strike is from the air (aircraft, drone, missile): a state's shelling or rocket fire
# ("un tir d'artillerie israélien") stays an attack
GROUND_WEAPONS = frozenset({"artillery", "mortar", "rocket", "gunfire", "anti-tank-missile",
                            "improvised-explosive-device"})
# aircraft and guided munitions are armies' weapons: "les bombardiers B-1 ont frappé"
AIR_WEAPONS = frozenset({"bomber", "warplane", "ac-130", "helicopter", "precision-munition"})


# ---------------------------------------------------------------- names

def slugify(text: str) -> str:
    """``"Résistance islamique en Irak"`` -> ``"resistance-islamique-en-irak"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


@dataclass
class EntityRef:
    """An entity mention inside a ``Doc`` (token indices, end exclusive)."""

    key: str
    etype: str
    start: int
    end: int
    text: str
    source: str  # gazetteer | context | ner | collective | adjective | coref
    label_en: str
    label_fr: str | None = None
    known: bool = False
    wikidata: str | None = None
    backer: str | None = None  # for collectives: the state that backs them
    backer_token: int | None = None
    aliases: tuple[str, ...] = ()  # other names the text gives it right there ("CSP", "Cadre stratégique permanent (CSP)")
    affiliated: str | None = None  # a branch's parent ("l'État islamique au Sahel" -> islamic-state)

    @property
    def is_actor(self) -> bool:
        return self.etype not in {"Location", "MilitaryBase"}

    @property
    def is_place(self) -> bool:
        return self.etype in {"Location", "MilitaryBase", "State"}


@dataclass
class WeaponRef:
    key: str
    start: int
    end: int
    text: str


@dataclass
class DocMentions:
    entities: list[EntityRef] = field(default_factory=list)
    weapons: list[WeaponRef] = field(default_factory=list)
    by_token: dict[int, EntityRef] = field(default_factory=dict)
    weapon_by_token: dict[int, WeaponRef] = field(default_factory=dict)

    def add(self, ref: EntityRef) -> None:
        if any(i in self.by_token for i in range(ref.start, ref.end)):
            return
        self.entities.append(ref)
        for i in range(ref.start, ref.end):
            self.by_token[i] = ref

    def replace(self, ref: EntityRef) -> None:
        """Add ``ref`` in place of the mentions it covers (a longer name that holds them)."""
        covered = {id(r) for i in range(ref.start, ref.end) if (r := self.by_token.get(i)) is not None}
        self.entities = [r for r in self.entities if id(r) not in covered]
        self.by_token = {i: r for i, r in self.by_token.items() if id(r) not in covered}
        self.add(ref)

    def in_span(self, start: int, end: int) -> list[EntityRef]:
        seen: list[EntityRef] = []
        for i in range(start, end):
            ref = self.by_token.get(i)
            if ref is not None and ref not in seen:
                seen.append(ref)
        return seen

    def in_tokens(self, indices) -> list[EntityRef]:
        seen: list[EntityRef] = []
        for i in sorted(indices):
            ref = self.by_token.get(i)
            if ref is not None and ref not in seen:
                seen.append(ref)
        return seen


# ---------------------------------------------------------------- events

@dataclass
class RoleFact:
    """A fact about an event, before the event has its key."""

    predicate: str
    object: str | int | dt.date
    object_kind: str  # entity | event | weapon | literal
    evidence: Sentence
    confidence: float
    inverse: bool = False  # True for actor -> event predicates (claimed, denied)


class FactHolder:
    """Facts about one event, each (predicate, object) once at its best confidence."""

    facts: list[RoleFact]
    family: str
    hints: set[str]

    def add(self, fact: RoleFact) -> None:
        for existing in self.facts:
            if (existing.predicate, existing.object, existing.inverse) == (fact.predicate, fact.object, fact.inverse):
                if fact.confidence > existing.confidence:
                    existing.confidence = fact.confidence
                    existing.evidence = fact.evidence
                return
        self.facts.append(fact)

    def objects(self, predicate: str) -> set:
        return {f.object for f in self.facts if f.predicate == predicate and not f.inverse}

    @property
    def perpetrators(self) -> set:
        return self.objects("perpetrator")

    @property
    def dates(self) -> set:
        return self.objects("date")

    @property
    def weapons(self) -> set:
        return self.objects("weapon")

    def kind(self, state_like: set[str]) -> str:
        """Strike when a strike word names it (unless only non-state actors carried it
        out) or only state-like actors carried it out; else Attack.

        "les attaques de l'Iran et de groupes soutenus par l'Iran" stay attacks: a
        non-state perpetrator makes it an attack whatever the state's part.
        """
        # with no one said to have carried it out, whoever claims it ("un drone a frappé la base,
        # une attaque revendiquée par X")
        perpetrators = self.perpetrators or {f.object for f in self.facts if f.predicate == "claimed" and f.inverse}
        weapons = set(map(str, self.weapons))
        if self.family == "Strike":
            # "les Houthis ont frappé un navire": a strike word, but no state's strike; "plus de
            # trente roquettes frappent la base K1", no one named: rockets are an armed group's
            if perpetrators and not (perpetrators & state_like):
                return "Attack"
            if not perpetrators and weapons and weapons <= {"rocket", "improvised-explosive-device"}:
                return "Attack"
            return "Strike"
        if weapons and weapons <= GROUND_WEAPONS:
            return "Attack"
        if perpetrators and perpetrators <= state_like:
            return "Strike"
        if not perpetrators and weapons & AIR_WEAPONS:
            return "Strike"
        return "Attack"


@dataclass(eq=False)
class EventMention(FactHolder):
    """One event word and what its own sentence says around it."""

    index: int
    token: int  # the event word's token index
    sentence: int  # index among the article's sentences
    family: str  # Attack | Strike, from the trigger lexicon
    is_verb: bool
    text: str
    determiner: str | None = None
    plural: bool = False
    headline: bool = False
    distinct: bool = False  # "une nouvelle attaque", "avait déjà eu lieu": not one told before
    background: bool = False  # told in the pluperfect ("avait visé"): an earlier event
    anaphoric: bool = False  # "l'opération", "l'incident": only a name for an event already told
    judged: bool = False  # "Bagdad a dénoncé une « agression »": a judgement on the event just told
    answered: bool = False  # named after "pour venger", "en réponse à": not the event that answers it
    facts: list[RoleFact] = field(default_factory=list)
    hints: set[str] = field(default_factory=set)  # states whose troops were targeted (not output)
    soil: set[str] = field(default_factory=set)  # states on whose soil it happened ("sur le sol israélien")
    cluster: EventCluster | None = None  # the event it tells, once the events stage has placed it

    @property
    def demonstrative(self) -> bool:
        return self.determiner in {"ce", "cet", "cette", "ces"}

    @property
    def definite(self) -> bool:
        return self.determiner in {"le", "la", "les", "l'"}


@dataclass(eq=False)
class EventCluster(FactHolder):
    """One event of the article: its mentions, in text order, and all its facts."""

    index: int
    family: str
    mentions: list[EventMention] = field(default_factory=list)
    facts: list[RoleFact] = field(default_factory=list)
    hints: set[str] = field(default_factory=set)
    soil: set[str] = field(default_factory=set)
    headline: bool = False
    plural: bool = False
    distinct: bool = False

    @property
    def first_sentence(self) -> int:
        return self.mentions[0].sentence if self.mentions else 0

    @property
    def last_sentence(self) -> int:
        return max((m.sentence for m in self.mentions), default=0)

    @property
    def triggers(self) -> list[str]:
        return [m.text for m in self.mentions]

    def absorb(self, mention: EventMention) -> None:
        """Take a mention in: its facts, hints and soil become the event's."""
        self.mentions.append(mention)
        for fact in mention.facts:
            self.add(fact)
        self.hints |= mention.hints
        self.soil |= mention.soil

    def merge(self, other: EventCluster) -> None:
        """Take another event of the article in (it told the same event)."""
        self.mentions = sorted(self.mentions + other.mentions, key=lambda m: m.index)
        for fact in other.facts:
            self.add(fact)
        self.hints |= other.hints
        self.soil |= other.soil
