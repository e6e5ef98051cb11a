"""Details of each event of a sentence: the weapons used, the tolls, the dates.

A weapon, a casualty count or a date belongs to the first event word above it in the
parse, else to the nearest event word of the sentence; a count in a sentence that
names no event ("Le bilan s'élève à onze morts") goes to the event told last.  A
storage word keeps its weapon ("des dépôts de drones" is a target, not the weapon),
a weapon someone was about to launch is not the one used, a statement's day ("ont
démenti jeudi") is not the event's, and the victims' own group is a target ("tuant
trois membres des FDS").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .casualties import find_counts, victims_of
from .dates import find_dates, is_calendar
from .model import NEARBY, PARSED, EntityRef, FactHolder, RoleFact
from .syntax import determiner, governing_preposition


class Details:
    """Reads weapons, counts and dates in each sentence (one instance per article)."""

    def __init__(self, ctx, participants):
        self.ctx = ctx
        self.doc = ctx.doc
        self.mentions = ctx.mentions
        self.near = participants.frame_near

    def read(self, events) -> None:
        sent, anchors, local = events.sent, events.anchors, events.local
        self._read_weapons(sent, anchors, local)
        self._read_counts(sent, anchors, local)
        self._read_dates(sent, anchors, local)
        self._entry_day(events)

    def _entry_day(self, events) -> None:
        """The first sentence of a chronology entry ("3 janvier 2020 - Un drone tue ...") dates
        its events that name no day of their own."""
        sent = events.sent
        day = next((d for start, d in self.ctx.article.entries if sent.start_char <= start < sent.end_char
                    or start == sent.start_char), None)
        if day is None:
            return
        for mention in events.mentions:
            if not mention.dates:
                self._put(mention, "date", day, "literal", sent, NEARBY)

    def _put(self, frame: FactHolder, predicate: str, obj, kind: str, sent: Span, confidence: float) -> None:
        frame.add(RoleFact(predicate, obj, kind, self.ctx.evidence(sent), confidence))

    def _read_weapons(self, sent: Span, anchors: dict[int, FactHolder], local: list[tuple[int, FactHolder]]) -> None:
        for weapon in self.mentions.weapons:
            if not (sent.start <= weapon.start < sent.end):
                continue
            root = self.doc[weapon.start:weapon.end].root
            head = root.head
            if head.pos_ == "VERB" and "Inf" in head.morph.get("VerbForm") and head.i not in anchors:
                continue  # "des combattants qui s'apprêtaient à lancer un drone": not the weapon used
            if root.dep_ == "nmod" and head.lemma_.lower() in self.ctx.lex["storage_nouns"]:
                continue  # "des dépôts de drones": the target, not the weapon
            frame, confidence = self.near(self.doc[weapon.start], anchors, local)
            if frame is not None:
                self._put(frame, "weapon", weapon.key, "weapon", sent, confidence)

    def _read_counts(self, sent: Span, anchors: dict[int, FactHolder], local: list[tuple[int, FactHolder]]) -> None:
        for count in find_counts(sent):
            frame, confidence = self.near(count.token, anchors, local, fallback_previous=True)
            if frame is None:
                continue
            self._put(frame, count.predicate, count.value, "literal", sent, confidence)
            group = self._victims_group(count.token)
            if group is not None and group.key not in frame.perpetrators and count.value > 0:
                # "tuant trois membres des FDS": the event struck the group its victims belong to
                self._put(frame, "target", self.ctx.use(group), "entity", sent, min(confidence, PARSED))

    def _victims_group(self, token: Token) -> EntityRef | None:
        """The armed group or force the counted victims belong to, if the sentence says.

        "tuant trois membres des FDS", "deux morts parmi les combattants du Hezbollah",
        "cinq soldats de l'armée syrienne ont été tués".
        """
        victims = victims_of(token)
        # "deux morts parmi les combattants de X": a "parmi" phrase on the word or its verb
        for holder in (token, token.head):
            victims += [c for c in holder.children if governing_preposition(c) == "parmi"]
        for victim in victims:
            for child in victim.children:
                ref = self.mentions.by_token.get(child.i)
                if (ref is not None and child.dep_ == "nmod" and ref.etype in {"ArmedGroup", "MilitaryOrganization"}
                        and governing_preposition(child) in {"de", "d'", "du", "des"}):
                    return ref
        return None

    def _day_of_a_claim(self, token: Token) -> bool:
        """"X a revendiqué vendredi l'attaque": the day of the claim of an event told before.
        ("a revendiqué dimanche une attaque" tells the attack with its day.)"""
        claims, definite = {"revendiquer", "assumer", "endosser"}, {"le", "la", "l'", "les", "ce", "cet", "cette", "ces"}
        head = token.head
        if head.lemma_.lower() in claims:
            told = [c for c in head.children if c.dep_ == "obj" and c.i != token.i]
            # "ont revendiqué mardi des tirs menés lundi soir": the event has its own day
            dated = any(is_calendar(t) for c in told for t in c.subtree)
            return dated or any(determiner(c) in definite for c in told)
        # "a revendiqué l'attaque vendredi": the parse may hang the day off the event noun
        return head.dep_ == "obj" and head.head.lemma_.lower() in claims and determiner(head) in definite

    def _read_dates(self, sent: Span, anchors: dict[int, FactHolder], local: list[tuple[int, FactHolder]]) -> None:
        article = self.ctx.article
        day = article.day_at(sent.start_char)
        for mention in find_dates(sent, day, None if day else article.published_month):
            if mention.value is None:
                self.ctx.unresolved_dates.append(mention.text)
                continue
            if mention.token.head.lemma_.lower() in self.ctx.statement_verbs or self._day_of_a_claim(mention.token):
                continue  # "ont démenti jeudi": the day of the statement, not of the event
            frame, confidence = self.near(mention.token, anchors, local)
            if frame is not None:
                self._put(frame, "date", mention.value, "literal", sent, confidence)
