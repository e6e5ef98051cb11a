"""Event frames: the attacks and strikes an article reports, as it reads them.

A frame gathers the mentions of one event inside one article ("une attaque de
drone ... L'attaque ... cette attaque") and the facts read about it.  Frames
become ``records.Event`` and ``records.Fact`` at the end of extraction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..records import Sentence


@dataclass
class FrameFact:
    predicate: str
    object: str | int | dt.date
    object_kind: str  # entity | event | weapon | literal
    evidence: Sentence
    confidence: float
    inverse: bool = False  # True for actor -> event predicates (claimed, denied)


@dataclass
class Frame:
    """One event inside one article."""

    index: int
    family: str  # Attack | Strike (from the trigger words)
    first_sentence: int
    last_sentence: int
    triggers: list[str] = field(default_factory=list)
    headline: bool = False
    plural: bool = False
    distinct: bool = False  # "une nouvelle attaque", "avait déjà eu lieu": not one told before
    facts: list[FrameFact] = field(default_factory=list)
    hints: set[str] = field(default_factory=set)  # states whose troops were targeted (not output)
    soil: set[str] = field(default_factory=set)  # states on whose soil it happened ("sur le sol israélien")

    # --- what the frame knows, for coreference ---
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

    @property
    def places(self) -> set:
        return self.objects("location") | {o for o in self.objects("target")}

    def add(self, fact: FrameFact) -> None:
        for existing in self.facts:
            if (existing.predicate, existing.object, existing.inverse) == (fact.predicate, fact.object, fact.inverse):
                if fact.confidence > existing.confidence:
                    existing.confidence = fact.confidence
                    existing.evidence = fact.evidence
                return
        self.facts.append(fact)

    def kind(self, state_like: set[str]) -> str:
        """Strike when a strike word names it (unless only non-state actors carried it
        out) or only state-like actors carried it out.

        "les attaques de l'Iran et de groupes soutenus par l'Iran" stay attacks:
        a non-state perpetrator makes it an attack whatever the state's part.
        """
        perpetrators = self.perpetrators
        if self.family == "Strike":
            # "les Houthis ont frappé un navire": a strike word, but no state's strike
            if perpetrators and not (perpetrators & state_like):
                return "Attack"
            return "Strike"
        # a strike is from the air (aircraft, drone, missile): a state's shelling or rocket
        # fire ("un tir d'artillerie israélien") stays an attack
        ground = {"artillery", "mortar", "rocket", "gunfire", "anti-tank-missile", "improvised-explosive-device"}
        if self.weapons and set(map(str, self.weapons)) <= ground:
            return "Attack"
        if perpetrators and perpetrators <= state_like:
            return "Strike"
        # aircraft and guided munitions are armies' weapons: "les bombardiers B-1 ont frappé"
        air = {"bomber", "warplane", "ac-130", "helicopter", "precision-munition"}
        if not perpetrators and self.weapons & air:
            return "Strike"
        return "Attack"

    def compatible(self, other_family: str, dates: set, weapons: set, places: set, perpetrators: set) -> bool:
        if dates and self.dates and not (dates & self.dates):
            return False
        if weapons and self.weapons and not (weapons & self.weapons):
            return False
        if perpetrators and self.perpetrators and not (perpetrators & self.perpetrators):
            return False
        if places and self.places and not (places & self.places):
            return False
        return True
