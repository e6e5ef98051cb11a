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

import datetime as dt

from spacy.tokens import Span, Token

from .casualties import find_counts, victims_of
from .dates import MONTHS, find_dates, is_calendar, relative_days, since
from .model import NEARBY, PARSED, EntityRef, FactHolder, RoleFact, slugify
from .syntax import determiner, governing_preposition


class Details:
    """Reads weapons, counts and dates in each sentence (one instance per article)."""

    def __init__(self, ctx, participants):
        self.ctx = ctx
        self.doc = ctx.doc
        self.mentions = ctx.mentions
        self.near = participants.frame_near
        self.participants = participants
        self.running_year: int | None = None  # the year of the last date the text gave with its year
        self._heading: tuple[int, list, list] | None = None  # (sentence, days, places) of a heading line

    def read(self, events) -> None:
        sent, anchors, local = events.sent, events.anchors, events.local
        entry = self._entry_of(sent)
        if entry is not None:
            self.running_year = entry.year  # "28 janvier 2024 - ... le 2 février, ...": of 2024
        self._read_weapons(sent, anchors, local)
        self._read_counts(sent, anchors, local)
        days = self._read_dates(sent, anchors, local)
        self._relative_days(events)
        self._series_start(events)
        if entry is not None:
            self._entry_day(events, entry)
        self._headings(events, days)

    def _headings(self, events, days: list) -> None:
        """"Kstovo, 12 mars. La raffinerie NORSI s'embrase après une attaque de drones.": a
        short line with no verb and no event dates and places the first event of the next."""
        sent = events.sent
        pending, self._heading = self._heading, None
        if pending is not None and pending[0] == events.index - 1 and events.mentions:
            first = events.mentions[0]
            previous = self.ctx.sentences[pending[0]]
            if not first.dates:
                for day in pending[1]:
                    self._put(first, "date", day, "literal", previous, NEARBY)
            # the heading's place is where it happened, beside a region the sentence names
            # ("Kstovo, 12 mars. La raffinerie NORSI, dans la région de Nijni Novgorod, ...")
            for ref in pending[2]:
                self._put(first, "location", self.ctx.use(ref), "entity", previous, NEARBY)
        words = [t for t in sent if not t.is_space and not t.is_punct]
        # (a heading whose day cannot be resolved, "Oust-Louga, 21 janvier." in an undated page, still places)
        dated = days or any(set(t.lower_.split()) & MONTHS for t in words)
        if not events.local and dated and len(words) <= 10 and not any(t.pos_ in {"VERB", "AUX"} for t in words):
            places = [r for r in self.mentions.in_span(sent.start, sent.end) if r.is_place and r.source != "adjective"]
            self._heading = (events.index, days, places or self._heading_places(sent))
            self.ctx.heading_sentences.append(events.index)

    def _heading_places(self, sent: Span) -> list[EntityRef]:
        """"Riazan et Kirichi, 13 mars.": the names before the comma of a heading line are places."""
        from .. import places

        comma = next((t for t in sent if t.text == ","), None)
        if comma is None:
            return []
        found, start = [], sent.start
        for i in range(sent.start, comma.i + 1):
            token = self.doc[i]
            if token.lower_ in {"et", ","}:
                name = self.doc[start:i]
                if name and all(t.text[:1].isupper() or t.text == "-" for t in name) and start not in self.mentions.by_token:
                    place = places.lookup(name.text)
                    key, label = (place.key, place.name_en) if place else (slugify(name.text), name.text)
                    ref = EntityRef(key, "Location", name.start, name.end, name.text, "context", label, name.text)
                    self.mentions.add(ref)
                    found.append(ref)
                start = i + 1
        return found

    def _relative_days(self, events) -> None:
        """"Dès le lendemain, des roquettes ont visé ...", "trois jours plus tard": counted from
        the day of the event told last (or another day of the sentence, read with the dates)."""
        told = [c for c in self.participants.recent if c.dates]
        if not told:
            return
        anchor = max((d for d in told[0].dates if isinstance(d, dt.date)), default=None)
        dated = {f.evidence.start for m in events.mentions for f in m.facts if f.predicate == "date"}
        if anchor is None or self.ctx.evidence(events.sent).start in dated:
            return  # the sentence names a day of its own
        for token, offset in relative_days(events.sent):
            frame, confidence = self.near(token, events.anchors, events.local)
            if frame is not None and not frame.dates:
                self._put(frame, "date", anchor + dt.timedelta(days=offset), "literal", events.sent,
                          min(confidence, NEARBY))

    def _series_start(self, events) -> None:
        """"Depuis le 8 octobre, le mouvement et l'armée échangent des tirs": a series dates from its start."""
        article = self.ctx.article
        day = article.day_at(events.sent.start_char)
        for mention in since(events.sent, day, None if day else article.published_month, self._year(day)):
            if mention.value is None:
                continue
            frame, confidence = self.near(mention.token, events.anchors, events.local)
            if frame is not None and getattr(frame, "plural", False) and not frame.dates:
                self._put(frame, "date", mention.value, "literal", events.sent, min(confidence, NEARBY))

    def _year(self, day) -> int | None:
        return None if day is not None or self.ctx.article.published_month else self.running_year

    def _entry_of(self, sent: Span):
        """The day of the chronology entry this sentence opens, if it opens one."""
        return next((d for start, d in self.ctx.article.entries if sent.start_char <= start < sent.end_char
                     or start == sent.start_char), None)

    def _entry_day(self, events, day: dt.date) -> None:
        """The first sentence of a chronology entry ("3 janvier 2020 - Un drone tue ...") dates
        its events that name no day of their own."""
        for mention in events.mentions:
            if not mention.dates:
                self._put(mention, "date", day, "literal", events.sent, NEARBY)

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

    def _read_dates(self, sent: Span, anchors: dict[int, FactHolder], local: list[tuple[int, FactHolder]]) -> list:
        """Read the sentence's days onto its events; returns the days it names."""
        article = self.ctx.article
        day = article.day_at(sent.start_char)
        days = []
        for token in sent:  # "En janvier 2021, ...": the year the text is in ("en 2014" may be history)
            # ("depuis octobre 2023" says when a campaign began, not the year the text is in)
            if token.text.isdigit() and len(token.text) == 4 and 1900 < int(token.text) < 2100 and token.i > 0 \
                    and token.doc[token.i - 1].lower_ in MONTHS and token.doc[max(0, token.i - 2)].lower_ != "depuis":
                self.running_year = int(token.text)
        for mention in find_dates(sent, day, None if day else article.published_month, self._year(day)):
            if mention.value is None:
                if mention.text not in {"la veille", "le lendemain"}:  # counted from the event told last
                    self.ctx.unresolved_dates.append(mention.text)
                continue
            if any(w.isdigit() and len(w) == 4 for w in mention.text.split()) and not mention.text.startswith("depuis"):
                self.running_year = mention.value.year  # "le 3 mars" after "en 2021 ..." is of 2021
            days.append(mention.value)
            if mention.token.head.lemma_.lower() in self.ctx.statement_verbs or self._day_of_a_claim(mention.token):
                continue  # "ont démenti jeudi": the day of the statement, not of the event
            frame, confidence = self.near(mention.token, anchors, local)
            if frame is not None:
                self._put(frame, "date", mention.value, "literal", sent, confidence)
        return days
