"""Claims, denials and attributions: who says who did it.

Claims: "a revendiqué", "a été revendiquée par", "Revendiquée par X, l'attaque", "a
assumé la responsabilité", "s'est attribué", "se déclarer à l'origine de", "X s'est dit
l'auteur de".  Denials: "a démenti", "nie toute implication", "n'avait aucun lien avec",
"« Nous n'avons rien à voir avec cette attaque », a déclaré un porte-parole de X";
"n'a ni confirmé ni démenti" is none.  Attributions, each by whoever makes them:
"tient X pour responsable", "accuse X", "imputée à X", "une frappe attribuée à X", "X
est derrière l'attaque", "X, présumé auteur de l'embuscade", "les groupes responsables
de ces attaques".  Each is about the event its words name, else the event of the
sentence nearest them, else the event told last; a state owning up to attacks means
its own strikes, and no one claims the attacks on its own troops.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import word_set
from .actors import ROLE_NOUNS
from .model import EntityRef, EventCluster, RoleFact
from .reference import _PRONOUNS
from .syntax import anchor_token, governing_preposition, nearest, negated, participle_forms


def _infinitive(verb: Token) -> bool:
    """"tuer", and the past infinitive "avoir tué"."""
    return "Inf" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children)


_DEED_VERBS = {"tuer", "abattre", "détruire", "neutraliser", "éliminer", "capturer", "incendier", "endommager"}
_BOAST_VERBS = {"affirmer", "assurer", "dire", "annoncer", "prétendre", "revendiquer", "déclarer", "se targuer"}

# "Revendiquée par X, l'attaque ...", and "revendique", "revendiquent": the present the
# tagger may take for an adjective
_CLAIMED_FORMS = participle_forms(frozenset({"revendiquer"})) | {"revendique", "revendiquent"}


class Claims:
    """Reads claims, denials and attributions sentence by sentence (one instance per article)."""

    def __init__(self, ctx, refs):
        self.ctx = ctx
        self.doc = ctx.doc
        self.refs = refs
        self.lex = ctx.lex
        self.told: list[EventCluster] = []

    def read(self, sent: Span, anchors: dict, local: list, told: list[EventCluster]) -> set[int]:
        """Read the sentence; returns the words read as claims, denials or attributions.

        ``anchors`` and ``local`` map the sentence's event words to their events; ``told``
        holds the article's events up to this sentence, in the order they were first told."""
        self.told = told
        return {token.i for token in sent if self.read_token(token, sent, anchors, local)}

    def read_token(self, token: Token, sent: Span, anchors: dict, local: list) -> bool:
        """Read a claim, denial or attribution at this word; False when it is none of them."""
        lemma = token.lemma_.lower()
        if lemma in {"revendiquer", "revendication"} or token.lower_ in _CLAIMED_FORMS:
            self._claim(token, sent, anchors, local)  # "Revendiquée par X, l'attaque ...": the tagger may miss the verb
        elif lemma in word_set("claim", "verbs_needing_responsabilite") | {"endosser"} and self._has_responsibility(token):
            self._claim(token, sent, anchors, local)
        elif lemma == "attribuer" and any(c.lower_ in {"s'", "se"} for c in token.children):
            self._claim(token, sent, anchors, local)
        elif lemma in {"origine", "auteur", "responsable"} and (owner := self._owns_up(token)) is not None:
            # "X a affirmé être à l'origine du tir", "X s'est dit l'auteur de l'attaque"
            self._claim(token, sent, anchors, local, confidence=0.8, claimer=owner)
        elif lemma == "déclarer" and "origine" in sent.text[token.idx - sent.start_char :].lower()[:40]:
            self._claim(token, sent, anchors, local, confidence=0.7)
        elif lemma in word_set("deny", "verbs"):
            self._deny(token, sent, anchors, local)
        elif lemma in word_set("deny", "no_link_nouns") | {"information", "connaissance"} and any(c.lower_ in {"aucun", "aucune"} for c in token.children):
            self._deny_no_link(token, sent, anchors, local)
        elif token.lower_ == "rien" and [t.lower_ for t in self.doc[token.i + 1 : token.i + 3]] == ["à", "voir"]:
            self._deny_no_link(token, sent, anchors, local)  # "n'avoir rien à voir avec l'attaque"
        elif token.lower_ == "derrière" and token.dep_ == "case" and any(c.dep_ == "cop" for c in token.head.children):
            self._behind(token.head, sent, anchors, local)  # "X est derrière l'attaque"
        elif lemma == "tenir" and "responsable" in [t.lower_ for t in token.subtree]:
            self._hold_responsible(token, sent, anchors, local)
        elif lemma in {"accuser", "imputer", "incriminer", "soupçonner", "suspecter"} and not self._suspected(token):
            self._accuse(token, sent, anchors, local)
        elif lemma == "attribuer" and token.dep_ == "acl" and token.head.i in anchors:
            self._accuse(token, sent, anchors, local)  # "une frappe attribuée à Israël"
        elif lemma == "attribuer" and token.pos_ == "VERB":
            self._accuse(token, sent, anchors, local)  # "X a attribué à Y les attaques", "les attribuant à Y"
        elif token.lower_ in {"responsable", "responsables"} and lemma not in ROLE_NOUNS and token.head.i != token.i \
                and not self._suspected(token):
            self._responsible_group(token, sent, anchors, local)
        elif self._suspected(token):
            self._suspicion(token, sent, anchors, local)
        elif lemma in _DEED_VERBS and _infinitive(token) and self._boasts(token, sent, anchors, local):
            pass  # "Le CSP a affirmé avoir tué 47 soldats": its claim of the fighting
        else:
            return False
        return True

    def _boasts(self, deed: Token, sent: Span, anchors, local) -> bool:
        """"X affirme avoir tué 47 soldats", "X assure avoir détruit plusieurs aéronefs": X owns
        up to the event the sentence (or the two before) tells.  A state's own account is
        its deed, not a claim."""
        verb = deed.head
        if deed.dep_ not in {"xcomp", "ccomp", "obj"} or verb.lemma_.lower() not in _BOAST_VERBS or negated(verb):
            return False
        subject = self.refs.subject_of(verb)
        actor = self.refs.actor_at(subject) if subject is not None else None
        if actor is None or not actor.is_actor or actor.etype in {"Person", "Organization"}:
            return False  # a ministry or an NGO reporting a toll owns up to nothing
        event = next((anchors[t.i] for t in deed.subtree if t.i in anchors), None) or (local[0][1] if local else None)
        if event is None:
            recent = [c for c in self.told if self.ctx.sentence_of(sent) - c.last_sentence <= 2]
            event = max(recent, key=lambda c: (c.last_sentence, c.index)) if recent else None
        if event is None:
            return False
        event.add(RoleFact("perpetrator", self.ctx.use(actor), "entity", self.ctx.evidence(sent), 0.6))
        if actor.etype == "ArmedGroup":
            self.add_inverse(event, "claimed", actor, sent, 0.7)
        return True

    def _has_responsibility(self, token: Token) -> bool:
        return any(t.lemma_.lower() == "responsabilité" for t in token.subtree)

    def _owns_up(self, noun: Token) -> EntityRef | None:
        """Who says they are "à l'origine de" / "l'auteur de" an event: the subject of the
        verb saying so ("a affirmé être à l'origine", "s'est dit l'auteur", "se déclare à l'origine")."""
        words = [t.lower_ for t in self.doc[max(0, noun.i - 2) : noun.i]]
        if noun.lemma_.lower() == "origine" and words[-2:] != ["à", "l'"] and words[-1:] != ["l'"]:
            return None
        verb = noun.head
        sayers = word_set("speech_verbs") | {"dire", "déclarer", "affirmer", "être", "présenter", "revendiquer"}
        if noun.lemma_.lower() == "responsable":
            # "X s'est dit (s'est déclaré) responsable de": a claim; "X est responsable de" is someone's view
            sayers = {"dire", "déclarer", "proclamer", "reconnaître", "affirmer"}
            if not any(c.lower_ in {"s'", "se"} for c in verb.children) and verb.lemma_.lower() != "reconnaître":
                return None
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in sayers or negated(verb):
            return None
        subject = self.refs.subject_of(verb)
        ref = self.refs.actor_at(subject) if subject is not None else None
        return ref if ref is not None and ref.is_actor else None

    def _claimer(self, token: Token, anchors) -> EntityRef | None:
        """Who claims, by the claim word's grammar: "la revendication de X", "revendiquée par X", "X a revendiqué"."""
        claimer = None
        if token.pos_ == "NOUN":  # "la revendication de X", "la revendication par X de l'attaque"
            for child in sorted(token.children, key=lambda c: governing_preposition(c) != "par"):
                if child.dep_ == "nmod" and child.i not in anchors:
                    claimer = self.refs.actor_at(child)
                    if claimer is not None:
                        break
            nxt = self.doc[token.i + 1 : token.i + 4]
            if claimer is None and len(nxt) >= 2 and nxt[0].lower_ in {"par", "de", "du", "des", "d'"}:
                # the parse hangs "par X" elsewhere: it still follows "la revendication"
                for t in nxt[1:]:
                    ref = self.refs.named_actor(t.i)
                    if ref is not None:
                        claimer = ref
                        break
        elif (any(c.dep_ in {"aux:pass", "obl:agent"} for c in token.children) or "Pass" in token.morph.get("Voice")):
            claimer = self.refs.agent_after(token)  # "a été revendiquée par X", "Revendiquée par X, l'attaque"
            if claimer is not None:
                claimer = self.refs.principal(self.doc[claimer.start:claimer.end].root, claimer) or claimer
        else:
            subject = self.refs.subject_of(token)
            if subject is not None:
                claimer = self.refs.actor_at(subject)
                # "le porte-parole militaire des Houthis, Yahya Saree, a revendiqué": the Houthis' claim
                claimer = self.refs.principal(subject, claimer) or claimer
        return claimer

    def _claim(self, token: Token, sent: Span, anchors, local, confidence: float = 0.85,
               claimer: EntityRef | None = None) -> None:
        if negated(token):
            return
        if claimer is None:
            claimer = self._claimer(token, anchors)
        if claimer is None or not claimer.is_actor:
            return
        frame, frame_conf = self._claimed_event(token, anchors, local)
        if frame is None:
            return
        state_like = claimer.etype in {"State", "MilitaryOrganization", "Coalition"}
        if state_like and frame.kind(self.ctx.state_like) == "Attack":
            # a state owning up to "ces attaques" means its strikes told in the same sentence
            strikes = [f for _, f in local if f is not frame and f.kind(self.ctx.state_like) == "Strike"]
            if strikes:
                frame, frame_conf = strikes[0], 0.6
        if claimer.key in frame.hints | frame.objects("target"):
            # no one claims the attacks on its own troops: "avant que les États-Unis ne se
            # déclarent à l'origine de ces attaques" names the strike of the same sentence
            own = [f for _, f in local if f is not frame and claimer.key not in f.hints | f.objects("target")]
            if not own:
                return
            frame, frame_conf = own[0], 0.6
        self.add_inverse(frame, "claimed", claimer, sent, min(confidence, frame_conf + 0.1))
        series = self._likewise(sent, frame)
        if series is not None:
            self.add_inverse(series, "claimed", claimer, sent, 0.6)

    def _likewise(self, sent: Span, frame: EventCluster) -> EventCluster | None:
        """"L'attaque, comme les dizaines d'autres l'ayant précédée, a été revendiquée":
        the statement covers the campaign told in the article too."""
        words = [t.lower_ for t in sent]
        for i, word in enumerate(words):
            if word == "comme" and any(w in {"autres", "précédentes", "précédents"} for w in words[i + 1 : i + 6]):
                series = [f for f in self.told if f is not frame and f.plural and f.kind(self.ctx.state_like) == "Attack"]
                return max(series, key=lambda f: (f.last_sentence, f.index)) if series else None
        return None

    def _claimed_event(self, token: Token, anchors, local) -> tuple[EventCluster | None, float]:
        # passive: the subject is the event ("L'attaque ... a été revendiquée")
        for child in token.children:
            if child.dep_ == "nsubj:pass" and child.i in anchors:
                return anchors[child.i], 0.85
        # relative "dont X ont assumé la responsabilité", participle "l'attaque, revendiquée par X": the event it describes
        if token.dep_ in {"acl:relcl", "acl"} and token.head.i in anchors:
            return anchors[token.head.i], 0.8
        return self.event_in(token, anchors, local)


    def _deny(self, token: Token, sent: Span, anchors, local) -> None:
        if negated(token):
            return  # "n'a pas démenti", "n'a ni confirmé ni démenti": no denial
        subject = self.refs.subject_of(token)
        denier = (self.refs.actor_at(subject) if subject is not None else None) or self.refs.first_person(subject, sent)
        if denier is None:
            return
        frame, conf = self.event_in(token, anchors, local)
        if frame is not None:
            self.add_inverse(frame, "denied", denier, sent, min(0.85, conf + 0.1))

    def _deny_no_link(self, noun: Token, sent: Span, anchors, local) -> None:
        verb = noun.head
        subject = self.refs.subject_of(verb) if verb.i != noun.i else None
        denier = (self.refs.actor_at(subject) if subject is not None else None) or self.refs.first_person(subject, sent)
        if denier is None:
            return
        about = [c for c in noun.children if c.dep_ == "nmod" and governing_preposition(c) in {"avec", "dans", "à"}]
        if about and not any(t.i in anchors for c in about for t in c.subtree):
            return  # "n'avait « aucun lien » avec les ouvertures d'Ankara": no event denied
        frame, conf = self.event_in(noun, anchors, local)
        if frame is not None:
            weak = noun.lemma_.lower() in {"information", "connaissance"}
            self.add_inverse(frame, "denied", denier, sent, 0.5 if weak else min(0.8, conf + 0.1))

    # --- attributions -----------------------------------------------------------
    def _attribute(self, frame: EventCluster, accused: EntityRef, by: EntityRef | None, sent: Span, confidence: float) -> None:
        frame.add(RoleFact("attributedTo", self.ctx.use(accused), "entity", self.ctx.evidence(sent), confidence))
        # "Israël et les États-Unis tiennent X pour responsable": both make the attribution
        for one in ([by] + self.refs.conjoined_actors(by)) if by is not None else []:
            if one.key != accused.key:
                frame.add(RoleFact("attributedBy", self.ctx.use(one), "entity", self.ctx.evidence(sent), confidence))

    def _behind(self, noun: Token, sent: Span, anchors, local) -> None:
        """"Selon le Pentagone, X est derrière la plupart des attaques": the source's attribution.

        Said by the article itself ("X est derrière l'attaque") it is still an attribution, by no one named.
        """
        subject = next((c for c in noun.children if c.dep_ == "nsubj"), None)
        accused = self.refs.actor_at(subject) if subject is not None else None
        if accused is None or negated(noun):
            return
        frame = anchors.get(noun.i) or self._event_below(noun, anchors)
        if frame is None:
            return
        by = self.refs.speaker(sent)
        self._attribute(frame, accused, by if by is not None and by.key != accused.key else None, sent, 0.7)

    def _hold_responsible(self, token: Token, sent: Span, anchors, local) -> None:
        accused = None
        for child in token.children:
            if child.dep_ == "obj":
                accused = self.refs.actor_at(child)
        subject = self.refs.subject_of(token)
        by = self.refs.actor_at(subject) if subject is not None else None
        if by is not None and subject is not None and subject.lower_ in _PRONOUNS:
            # "Biden a dit qu'il tenait l'Iran pour responsable": il = Biden
            governor = token.head if token.dep_ == "ccomp" else None
            if governor is not None:
                outer = self.refs.subject_of(governor)
                if outer is not None and self.refs.actor_at(outer) is not None:
                    by = self.refs.actor_at(outer)
        if accused is None:
            return
        frame, conf = self.event_in(token, anchors, local)
        if frame is None:
            # the attack meant is the last one reported
            attacks = [f for f in self.told if f.kind(self.ctx.state_like) == "Attack"]
            frame, conf = (attacks[-1], 0.5) if attacks else (None, 0)
        if frame is not None:
            self._attribute(frame, accused, by, sent, min(0.8, conf + 0.1))

    def _accuse(self, token: Token, sent: Span, anchors, local) -> None:
        # "a été imputée par Washington à X", and the bare participle "une frappe attribuée à X"
        # "attribuée à", not "attribuant", nor "une attaque que Washington avait imputée à X"
        passive = any(c.dep_ == "aux:pass" for c in token.children) or (
            token.dep_ == "acl" and "Pres" not in token.morph.get("Tense")
            and not any(c.dep_ in {"nsubj", "aux:tense"} for c in token.children))
        accused = None
        for child in token.children:
            if child.dep_ in {"obj", "obl:arg", "iobj"} and (not passive or governing_preposition(child) == "à"):
                accused = self.refs.actor_at(child)
                if accused is not None:
                    break
        if passive:
            # "l'attaque a été imputée par Washington à des milices": the agent makes the attribution
            agent = next((c for c in token.children if c.dep_ == "obl:agent"), None)
            by = (self.refs.actor_at(agent) if agent is not None else None) or self.refs.agent_after(token) or self.refs.speaker(sent)
            if accused is None:
                accused = next((r for r in self.ctx.mentions.in_span(token.i + 1, sent.end)
                                if r.is_actor and r.source != "adjective" and (by is None or r.key != by.key)
                                and governing_preposition(self.doc[r.start:r.end].root) in {"à", "au", "aux"}), None)
        else:
            subject = self.refs.subject_of(token)
            by = self.refs.actor_at(subject) if subject is not None else self.refs.speaker(sent)
        accused_all = [accused] + self.refs.conjoined_actors(accused) if accused is not None else []
        # "a attribué à A et à B les attaques": every actor between the verb and the event that takes "à"
        for ref in self.ctx.mentions.in_span(token.i + 1, sent.end):
            if (ref.is_actor and ref.source != "adjective" and ref.key not in {a.key for a in accused_all}
                    and (by is None or ref.key != by.key)
                    and governing_preposition(self.doc[ref.start:ref.end].root) in {"à", "au", "aux"}
                    and all(t.i not in anchors for t in self.doc[token.i + 1 : ref.start])):
                accused_all.append(ref)
        if not accused_all:
            return
        frame, conf = self.event_in(token, anchors, local)
        if frame is not None:
            for one in accused_all:
                self._attribute(frame, one, by, sent, min(0.75, conf))


    def _suspected(self, token: Token) -> bool:
        """"présumé auteur de", "soupçonnés d'avoir orchestré", "accusé d'avoir mené"."""
        words = self.lex["suspicion_words"]
        if token.lower_ in words["nouns"]:
            return any(c.lower_ in words["hedges"] for c in token.children) or (
                token.i > 0 and self.doc[token.i - 1].lower_ in words["hedges"])
        return token.lemma_.lower() in words["participles"] and "Part" in token.morph.get("VerbForm") and \
            "Pass" not in token.morph.get("Voice") and not any(c.dep_ == "aux:pass" for c in token.children) and \
            not self.refs.subject_of(token)

    def _suspicion(self, token: Token, sent: Span, anchors, local) -> None:
        """"X, présumé auteur de l'embuscade": an attribution, by whoever the sentence reports."""
        accused = self.refs.modified_actor(token)
        if accused is None:
            return
        frame = self._event_below(token, anchors)
        if frame is None:
            return
        self._attribute(frame, accused, self.refs.speaker(sent, sources=False), sent, 0.5)

    def _responsible_group(self, token: Token, sent: Span, anchors, local) -> None:
        """"les groupes armés responsables de ces attaques": an attribution."""
        head = token.head
        group = self.refs.actor_at(head) if head.pos_ in {"NOUN", "PROPN"} else None
        if group is None or group.etype != "ArmedGroup":
            return
        frame = self._event_below(token, anchors)
        if frame is None:
            return
        self._attribute(frame, group, self.refs.speaker(sent), sent, 0.6)

    # --- backing and affiliation -------------------------------------------------

    @staticmethod
    def _event_below(token: Token, anchors: dict) -> EventCluster | None:
        """The first event named in the phrase ``token`` heads."""
        return next((anchors[c.i] for c in token.subtree if c.i in anchors and c.i != token.i), None)

    def event_in(self, token: Token, anchors: dict, local: list) -> tuple[EventCluster | None, float]:
        """The event a relation word is about: in its phrase, else near, else the last one."""
        below = self._event_below(token, anchors)
        if below is not None:
            return below, 0.85
        frame = self._anchor_frame(token, anchors)
        if frame is not None:
            return frame, 0.8
        frame = nearest(token, local)
        if frame is not None:
            return frame, 0.7
        if self.told:
            return self.told[-1], 0.5
        return None, 0.0

    def add_inverse(self, frame: EventCluster, predicate: str, actor: EntityRef, sent: Span, confidence: float) -> None:
        frame.add(RoleFact(predicate, self.ctx.use(actor), "entity", self.ctx.evidence(sent), confidence, inverse=True))

    def _anchor_frame(self, token: Token, anchors: dict) -> EventCluster | None:
        anchor = anchor_token(token, anchors)
        return anchors[anchor.i] if anchor is not None else None
