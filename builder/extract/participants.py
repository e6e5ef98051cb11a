"""Participants: who carried out each event of a sentence, what it aimed at, where.

For every name of the sentence, the first event word above it in the parse (or the
verb that carries that word) is its event, and ``roles.Roles`` says which role it
plays there.  On top of the role, the sentence decides whose statement it is: "X
affirme avoir mené" is X's own claim, a perpetrator inside someone's quoted words or
"que" clause is that speaker's attribution, "selon des sources" with no one named
makes the main clause's perpetrator an attribution, a hedge ("aurait été menée par")
lowers it to an attribution with low confidence, and "X a démenti avoir visé" is no
deed (the claims stage reads the denial).  "à Erbil, dans le nord de l'Irak" states
where Erbil lies.  Quotations in the first person ("« Nos combattants ont visé ... »,
a indiqué X") are the speaker's deed.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import word_set
from .candidates import SentenceEvents
from .containment import Containment
from .dates import is_calendar
from .model import (
    HEDGED,
    IMPLICIT,
    NEARBY,
    PARSED,
    EntityRef,
    FactHolder,
    RoleFact,
)
from .syntax import (
    anchor_token,
    event_head,
    governing_preposition,
    is_hedged,
    is_sourced,
    mention_root,
    nearest,
    negated,
    opening_word,
    quoted_tokens,
)


class Participants:
    """Reads the roles of names in each sentence (one instance per article)."""

    def __init__(self, ctx, refs, roles):
        self.ctx = ctx
        self.doc = ctx.doc
        self.mentions = ctx.mentions
        self.refs = refs
        self.roles = roles
        self.containment = Containment(ctx)
        self.events: SentenceEvents | None = None
        self._actor_tokens = {i for i, ref in ctx.mentions.by_token.items() if ref.is_actor and ref.source != "adjective"}
        self.recent: list[FactHolder] = []

    def read(self, events: SentenceEvents, recent: list[FactHolder]) -> None:
        """Read the sentence's roles onto its events; ``recent`` holds the events told
        before this sentence, most recent first."""
        self.events, self.recent = events, recent
        for mention in events.mentions:
            mention.hints |= self.troop_hints(self.doc[mention.token], mention.is_verb, events.sent)
        self._read_roles(events.sent, events.anchors, events.local)
        self._first_person_deeds(events.sent, events.anchors)
        self._fronted_target(events)

    def _fronted_target(self, events: SentenceEvents) -> None:
        """"Touché le 18 février par des missiles houthis, le vraquier Rubymar a sombré": what
        follows the comma after a fronted participle of hitting is what it hit."""
        sent = events.sent
        first = opening_word(sent)
        if first is None or first.i not in events.anchors or first.i not in events.triggers:
            return
        comma = next((t for t in sent if t.text == "," and t.i > first.i), None)
        if comma is None:
            return
        for ref in self.mentions.in_span(comma.i + 1, min(sent.end, comma.i + 5)):
            if ref.source != "adjective":
                role = "location" if ref.etype == "Location" and ref.source != "facility" else "target"
                self._put(events.anchors[first.i], role, self.ctx.use(ref), "entity", sent, PARSED)
                return

    def _put(self, frame: FactHolder, predicate: str, obj, kind: str, sent: Span, confidence: float) -> None:
        frame.add(RoleFact(predicate, obj, kind, self.ctx.evidence(sent), confidence))

    def _anchor_frame(self, token: Token, anchors: dict) -> FactHolder | None:
        anchor = anchor_token(token, anchors, actors=self._actor_tokens)
        return anchors[anchor.i] if anchor is not None else None

    def _read_roles(self, sent: Span, anchors: dict[int, FactHolder], local: list[tuple[int, FactHolder]]) -> None:
        if not local:
            return
        containers = self.containment.read(sent)
        hedged = is_hedged(sent)
        sourced = is_sourced(sent)
        base = NEARBY + 0.1 if sourced else PARSED
        # who the sentence reports, "selon X" included (looked up once, only when it matters)
        source = self.refs.speaker(sent) if sourced or hedged else None
        # "selon X" sources the sentence (lower confidence); "X a déclaré que" reports X's view
        speaker = self.refs.speaker(sent, sources=False)
        for ref in self.mentions.in_span(sent.start, sent.end):
            root = mention_root(self.doc, ref.start, ref.end)
            anchor = self._anchor_token(self.roles.stand_in(root), anchors)
            if anchor is None and ref.source == "adjective" and root.head.i in self.mentions.weapon_by_token:
                # "lorsqu'un drone israélien a frappé": the weapon's verb follows it closely
                anchor = next((t for t in self.doc[root.i + 1 : min(sent.end, root.i + 5)] if t.i in anchors), None)
            confidence = base
            if anchor is None and ref.etype in {"Location", "State"}:
                frame = self._event_of_clause(root, anchors)
                if frame is not None:
                    # "ont été tués dans une frappe de drone près de Kirkouk": the place hangs off
                    # the clause's verb, and the clause tells one event
                    near = governing_preposition(root) == "hors"
                    self._put(frame, "near" if near else "location", self.ctx.use(ref), "entity", sent, min(base, NEARBY + 0.1))
                    continue
            if anchor is None and ref.is_place and ref.etype != "State":
                hit = self.roles.hit_after(root, anchors)
                if hit is not None:
                    self._put(hit, "target", self.ctx.use(ref), "entity", sent, confidence)
                    continue
            relative = self._relative_deed(self.roles.stand_in(root), anchors) if ref.is_actor else None
            if anchor is None and relative is None:
                self._object_by_position(ref, sent, anchors)
                continue
            if relative is not None:
                # "ce sont les Houthis qui ont tiré le missile", "X, qui a lancé les drones": X did it
                anchor = relative
                if sourced and source is None:
                    # "Selon un responsable, ce sont des combattants de X qui ...": no one named says so
                    self._put(anchors[anchor.i], "attributedTo", self.ctx.use(ref), "entity", sent, HEDGED)
                    continue
            frame = anchors[anchor.i]
            # roles are read against the first event word up the tree: in "l'attaque qui a
            # visé la base X", X is the object of "visé", not a complement of "attaque"
            trigger = self.events.role_word.get(anchor.i, anchor)
            role = "perpetrator" if relative is not None else self.roles.role_of_entity(ref, trigger, trigger.pos_ == "VERB")
            if role is None and ref.is_place and ref.etype != "State" and self.roles.hit_after(root, anchors) is frame:
                role = "target"  # "le pétrolier X a pris feu après avoir été touché"
            if role is None:
                self._object_by_position(ref, sent, anchors)
                continue
            if role == "announced":
                role, confidence = "perpetrator", NEARBY
            if role == "perpetrator":
                if not ref.is_actor:
                    continue
                if self._denied_by(trigger, ref):
                    continue  # "Les Houthis ont démenti avoir visé": a denial, not a deed (read as such below)
                if self._own_word(trigger, ref, speaker):
                    # "X affirme avoir mené une attaque", "a affirmé leur porte-parole": X's own claim
                    self._put(frame, "perpetrator", self.ctx.use(ref), "entity", sent, confidence)
                    if ref.etype not in {"State", "MilitaryOrganization", "Coalition"}:
                        frame.add(RoleFact("claimed", self.ctx.use(ref), "entity", self.ctx.evidence(sent), 0.7, inverse=True))
                    continue
                # a perpetrator reported by someone else is their attribution, unless the
                # event's own name carries it ("les attaques américaines"); "selon X" makes
                # the main clause's perpetrator X's attribution
                reported = (speaker is not None and speaker.key != ref.key and frame.family == "Attack"
                            and self._in_reported_words(self.doc[ref.start], sent))
                # "selon des sources sécuritaires" (no one named) makes the main clause's perpetrator an
                # attribution; "selon l'OSDH" (a named source) only lowers the confidence
                sourced_main = sourced and self._in_main_clause(trigger) and frame.family == "Attack"
                if sourced_main and not hedged and not reported and source is None:
                    self._put(frame, "attributedTo", self.ctx.use(ref), "entity", sent, HEDGED)
                    continue
                if hedged or (reported and ref.source != "adjective"):
                    self._put(frame, "attributedTo", self.ctx.use(ref), "entity", sent, HEDGED if hedged else base)
                    # "Selon l'OSDH, l'attaque aurait été menée par X": the named source attributes it
                    by = speaker if speaker is not None else (source if hedged else None)
                    if by is not None and by.key != ref.key:
                        self._put(frame, "attributedBy", self.ctx.use(by), "entity", sent, HEDGED if hedged else base)
                    continue
            if role == "target" and ref.source == "adjective" and ref.etype != "ArmedGroup":
                continue  # "contre les forces américaines": a hint (see _troops_of); "positions houthies" are the Houthis'
            if role == "target" and self._troops_of(ref):
                frame.hints.add(ref.key)  # "contre les forces de la coalition": as "les soldats américains"
                continue
            self._put(frame, role, self.ctx.use(ref), "entity", sent, confidence)
            if role == "location" and ref.etype == "State" and root.head.lemma_.lower() in {"sol", "territoire"}:
                frame.soil.add(ref.key)
            if role == "perpetrator":
                state = self.ctx.state_of(ref)
                if state is not None:
                    # "l'armée américaine a bombardé": the United States carried it out
                    self._put(frame, role, self.ctx.use(state), "entity", sent, confidence - 0.1)
            if role == "location" and ref.known:
                # "dans l'est de la Syrie": the region's country is named too
                entry = self.ctx.gazetteer.get(ref.key)
                if entry is not None and entry.type == "Location" and entry.located_in:
                    parent = self.ctx.gazetteer.get(entry.located_in)
                    if (parent is not None and parent.type == "State" and parent.fr and parent.fr.lower() in ref.text.lower()
                            and parent.id not in containers):
                        self._put(frame, "location", self.ctx.use(self.ctx.ref_for(parent.id)), "entity", sent, confidence)


    def _anchor_token(self, token: Token, anchors: dict[int, FactHolder]) -> Token | None:
        """The first event word (or its verb) above ``token``; for the subject of a verb whose
        complement tells the event ("X affirme avoir mené une attaque"), that complement."""
        anchor = anchor_token(token, anchors, actors=self._actor_tokens)
        if anchor is not None:
            return anchor
        if token.dep_ in {"nsubj", "nsubj:pass"}:
            for child in token.head.children:
                if child.dep_ in {"xcomp", "ccomp", "advcl"} and child.i in anchors:
                    return child
        return None

    def frame_near(self, token: Token, anchors: dict[int, FactHolder], local: list[tuple[int, FactHolder]],
                   fallback_previous: bool = False) -> tuple[FactHolder | None, float]:
        frame = self._anchor_frame(token, anchors)
        if frame is not None:
            return frame, PARSED
        frame = nearest(token, local)
        if frame is not None:
            return frame, NEARBY
        if fallback_previous and self.recent:
            return self.recent[0], IMPLICIT  # the event the previous sentences last spoke of
        return None, 0.0


    def _relative_deed(self, root: Token, anchors: dict[int, FactHolder]) -> Token | None:
        """The event verb of a relative clause whose "qui" stands for this name (its subject)."""
        for child in root.children:
            if (child.dep_ == "acl:relcl" and child.i in anchors  # "qui ont tiré", "qui ont lancé les drones"
                    and any(g.dep_ == "nsubj" and g.lower_ == "qui" for g in child.children)):
                return child
        return None


    def _target_by_copula(self, ref: EntityRef, sent: Span, anchors: dict[int, FactHolder]) -> bool:
        """"X a été la cible d'un raid", "X est visé par": X is what the event aimed at."""
        root = self.doc[ref.start:ref.end].root
        if root.dep_ not in {"nsubj", "nsubj:pass", "vocative"}:
            return False
        noun = root.head
        if noun.lemma_.lower() not in {"cible", "objet", "victime"}:
            return False
        for child in noun.children:
            if child.i in anchors and child.dep_ in {"nmod", "obl:arg"}:
                role = "location" if ref.etype == "Location" else "target"
                self._put(anchors[child.i], role, self.ctx.use(ref), "entity", sent, PARSED)
                return True
        return False

    def _troops_of(self, ref: EntityRef) -> bool:
        """Is this name only whose troops they were? "les forces de la coalition", "les soldats de Tsahal".

        Attacks on troops are read as on "les soldats américains": the troops' side is a
        hint for telling attacks apart, not a target (a convoy or a base of theirs is one).
        """
        if not ref.is_actor:
            return False
        root = mention_root(self.doc, ref.start, ref.end)
        noun = root.head
        return (root.dep_ == "nmod" and noun.lemma_.lower() in self.ctx.troop_people
                and governing_preposition(root) in {"de", "d'", "du", "des"})

    def _event_of_clause(self, place: Token, anchors: dict[int, FactHolder]) -> FactHolder | None:
        """The one event told in the clause a place phrase modifies, if there is one.

        "ont été tués dans une frappe ... près de Kirkouk", "ont assumé la responsabilité
        d'une attaque ... dans le golfe d'Aden": the parse hangs the place off the verb of
        the clause, not off the event word.  Only "à", "dans", "en", "près de" phrases, and
        only when the clause (not counting clauses below it) names exactly one event.
        """
        if not place.dep_.startswith("obl") or governing_preposition(place) not in {"à", "au", "aux", "dans", "en", "hors"}:
            return None
        verb = place.head
        if verb.i in anchors or verb.pos_ not in {"VERB", "AUX"}:
            return None
        frames: dict[int, FactHolder] = {}
        todo = [(child, 0) for child in verb.children if child.i != place.i]
        while todo:
            token, depth = todo.pop()
            if token.i in anchors:
                frames[anchors[token.i].index] = anchors[token.i]
            if depth >= 3 or token.dep_ in {"ccomp", "xcomp", "advcl", "acl:relcl", "parataxis", "conj"}:
                continue  # another clause tells its own events
            todo.extend((child, depth + 1) for child in token.children)
        return next(iter(frames.values())) if len(frames) == 1 else None

    def _object_by_position(self, ref: EntityRef, sent: Span, anchors: dict[int, FactHolder]) -> None:
        """The parse lost a name: right after "a visé (jeudi) (le)", it is what was hit."""
        if self._target_by_copula(ref, sent, anchors):
            return
        i = ref.start - 1
        while i >= sent.start and i > ref.start - 5:
            token = self.doc[i]
            if token.i in anchors and token.lemma_.lower() in word_set("target_verbs"):
                role = "location" if ref.etype == "Location" else "target"
                self._put(anchors[token.i], role, self.ctx.use(ref), "entity", sent, NEARBY)
                return
            if not (token.pos_ in {"DET", "ADV"} or is_calendar(token)):
                return
            i -= 1


    def _attached(self, token: Token, own: set[int], limit: int = 8) -> bool:
        """Is ``token`` in the phrase of this event word, before any other event word?"""
        current = token
        for _ in range(limit):
            if current.i in own:
                return True
            if current.i in self.events.triggers and current.i != token.i:
                return False  # "... dans son agression contre Gaza": Gaza belongs to "agression"
            if current.head.i == current.i:
                return False
            current = current.head
        return False

    def _verbs_above(self, token: Token, limit: int = 5):
        current = event_head(token, token.pos_ == "VERB")
        for _ in range(limit):
            if current.head.i == current.i:
                return
            current = current.head
            if current.pos_ in {"VERB", "AUX"}:
                yield current

    def _denied_by(self, trigger: Token, ref: EntityRef) -> bool:
        """Is the event governed by a denial of this actor ("X a démenti avoir visé")?"""
        deny = word_set("deny", "verbs")
        for verb in self._verbs_above(trigger):
            if verb.lemma_.lower() in deny:
                subject = self.refs.subject_of(verb)
                return subject is not None and self.refs.actor_at(subject) is not None and \
                    self.refs.actor_at(subject).key == ref.key
        return False

    def _own_word(self, trigger: Token, ref: EntityRef, speaker: EntityRef | None) -> bool:
        """Does the actor say it did it: "X affirme avoir mené", "affirmant avoir visé",
        or its own spokesman says so ("a affirmé leur porte-parole")?"""
        # "a affirmé leur porte-parole", "selon son porte-parole": the group's own spokesman
        own_spokesman = any(t.lemma_.lower() in {"porte-parole", "porte-parol", "chef", "commandant", "dirigeant"}
                            and any("Yes" in c.morph.get("Poss") for c in t.children) for t in trigger.sent)
        if speaker is not None and speaker.key != ref.key:
            entry = self.ctx.gazetteer.get(speaker.key)
            if entry is not None and entry.part_of == ref.key:
                return True
            return own_spokesman
        if own_spokesman and ref.etype not in {"State", "MilitaryOrganization", "Coalition"}:
            return True
        claims = {"affirmer", "assurer", "annoncer", "dire", "déclarer", "revendiquer", "prétendre"}
        for verb in self._verbs_above(trigger):
            if verb.lemma_.lower() in claims:
                subject = self.refs.subject_of(verb)
                found = self.refs.actor_at(subject) if subject is not None else None
                return found is not None and found.key == ref.key
        return False

    def _in_reported_words(self, token: Token, sent: Span) -> bool:
        """Inside a quotation, or a "que" clause of a speech verb: the speaker's own words."""
        opened = 0
        for t in sent:
            if t.i >= token.i:
                break
            if t.text in {"«", "“"}:
                opened += 1
            elif t.text in {"»", "”"}:
                opened -= 1
        if opened > 0 or sum(1 for t in sent if t.text == '"' and t.i < token.i) % 2 == 1:
            return True
        speech = word_set("speech_verbs")
        for ancestor in token.ancestors:
            if any(c.dep_ == "mark" and c.lower_ in {"que", "qu'"} for c in ancestor.children):
                return ancestor.head.lemma_.lower() in speech
        return False

    def _in_main_clause(self, trigger: Token) -> bool:
        head = event_head(trigger, trigger.pos_ == "VERB")
        return head.dep_ == "ROOT" or (head.head.dep_ == "ROOT" and head.dep_ in {"nsubj", "nsubj:pass", "obj"})


    def troop_hints(self, token: Token, is_verb: bool, sent: Span) -> set[str]:
        """The states whose troops an event word names as aimed at ("contre les forces
        américaines", "contre les soldats de la coalition"): hints for telling attacks apart."""
        hints = set()
        own = {token.i, event_head(token, is_verb).i}
        for ref in self.mentions.in_span(sent.start, sent.end):
            if not self._attached(self.doc[ref.start:ref.end].root, own):
                continue  # a name elsewhere in the sentence says nothing of this event
            if ref.source == "adjective":
                noun = self.doc[ref.start].head
                if governing_preposition(noun) in {"contre", "visant", "ciblant"} and noun.head.i == token.i:
                    hints.add(ref.key)
            if self._troops_of(ref) and self.roles.role_of_entity(ref, token, is_verb) == "target":
                hints.add(ref.key)
        return hints


    def _first_person_deeds(self, sent: Span, anchors: dict[int, FactHolder]) -> None:
        """"« Nos moudjahidine ont ciblé la base d'al-Tanf », a indiqué X": X says it did it.

        An event verb inside quotation marks whose subject is "nous", "nos combattants"
        or "notre groupe" is the deed of the quote's speaker: its perpetrator, and its
        claim unless the speaker is a state (a state's own account is not a claim).
        """
        quoted = quoted_tokens(sent)
        if not quoted:
            return
        speaker = None
        for token in sent:
            if (token.i not in quoted or token.i not in anchors or token.pos_ != "VERB"
                    or token.i not in self.events.triggers or negated(token)):
                continue  # an event verb itself ("ont ciblé"), not the verb an event noun hangs on
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or not (subject.lower_ in {"nous", "je", "j'"} or any(
                    c.lower_ in {"nos", "notre", "mes", "mon"} for c in subject.children if c.dep_ == "det")):
                continue
            speaker = speaker or self.refs.speaker(sent, sources=False)
            if speaker is None or not speaker.is_actor:
                return
            frame = anchors[token.i]
            frame.add(RoleFact("perpetrator", self.ctx.use(speaker), "entity", self.ctx.evidence(sent), 0.8))
            state = self.ctx.state_of(speaker)  # "« Nous avons frappé ... », a déclaré le Pentagone"
            if state is not None:
                frame.add(RoleFact("perpetrator", self.ctx.use(state), "entity", self.ctx.evidence(sent), 0.7))
            if speaker.etype not in {"State", "MilitaryOrganization", "Coalition"}:
                frame.add(RoleFact("claimed", self.ctx.use(speaker), "entity", self.ctx.evidence(sent), 0.8, inverse=True))
