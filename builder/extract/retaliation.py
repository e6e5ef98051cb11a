"""Retaliation: which event answers which.

"en représailles à", "en réponse à", "en riposte à", "pour venger", "frappes de
représailles" link the event of the clause (the response) to the event named after the
marker (the cause); a bare "En représailles, Israël a frappé ..." answers the attack told
just before.  "après" and "à la suite de" link a strike to an attack only inside one
sentence and only weakly (0.4).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .model import EventCluster, RoleFact
from .syntax import anchor_token


def _words(text: str) -> list[str]:
    return text.lower().replace("'", "' ").split()


def _told_by(verb: Token, anchors: dict) -> EventCluster | None:
    """The event a verb of answering goes on to tell: "en frappant ...", "par des frappes"."""
    how = [c for c in verb.children if c.dep_ == "advcl" or (
        c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children))]
    return next((anchors[t.i] for c in how for t in c.subtree if t.i in anchors), None)


class Retaliation:
    """Reads retaliation links sentence by sentence (one instance per article)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.doc = ctx.doc
        self.lex = ctx.lex
        self.told: list[EventCluster] = []

    def read(self, sent: Span, anchors: dict, local: list, told: list[EventCluster]) -> None:
        """``told`` holds the article's events up to this sentence, in the order first told."""
        self.told = told
        words = [t.lower_ for t in sent]
        norm = ["à" if w in {"au", "aux"} else w for w in words]
        lemmas = [t.lemma_.lower() for t in sent]  # "répondaient à", "pour venger": a verb's forms
        markers = [(m, 0.85) for m in self.lex["retaliation"]["strong"]] + [(m, 0.4) for m in self.lex["retaliation"]["weak"]]
        self._bare_retaliation(sent, norm, local)
        self._answering_verbs(sent, anchors, local)
        taken: set[int] = set()
        for marker, confidence in markers:
            parts = _words(marker)
            parts = ["à" if p in {"au", "aux"} else p for p in parts]
            n = len(parts)
            for i in range(len(norm) - n + 1):
                if i in taken or not all(norm[i + k] == p or lemmas[i + k] == p for k, p in enumerate(parts)):
                    continue
                if norm[i + n : i + n + 1] == ["nouveau"]:
                    continue  # "répond à nouveau": again, not to something
                taken.update(range(i, i + n))
                after = sent.start + i + n
                # "en réponse à la mort d'un soldat, tué par des tirs de roquettes": a death names its event later
                window = 20 if any(w in {"mort", "décès", "assassinat", "élimination"} for w in norm[i + n : i + n + 3]) else 8
                cause = next((f for pos, f in local if pos >= after and pos - after <= window), None)
                if cause is None and not any(pos >= after for pos, _ in local):
                    cause = None
                verb = sent[i] if sent[i].pos_ == "VERB" else (sent[i + 1] if n > 1 and sent[i + 1].pos_ == "VERB" else None)
                if verb is not None:
                    # "a répondu à l'attaque en frappant ...": a verb answers with its own clause's event
                    # ("les États-Unis ont déjà répondu à des attaques" tells none)
                    response = self._own_answer(verb, anchors, cause)
                else:
                    response = self._responding(sent, sent.start + i, cause, anchors, local)
                if confidence < 0.5 and not any(f is response for _, f in local):
                    continue  # "après" links two events only inside one sentence
                if cause is None and parts[-1] == "représailles":
                    continue
                if cause is None:
                    cause = self._recent_attack(exclude=response)
                    confidence = min(confidence, 0.5)
                if cause is None or response is None or cause is response:
                    continue
                if confidence < 0.5 and (response.kind(self.ctx.state_like) != "Strike" or cause.kind(self.ctx.state_like) != "Attack"):
                    continue
                response.add(RoleFact("retaliatedFor", cause.index, "event", self.ctx.evidence(sent), confidence))
        # "frappes de représailles" with the attack named elsewhere in the sentence
        for token in sent:
            if token.lemma_.lower() in {"représaille", "représailles"} and token.dep_ == "nmod" and token.head.i in anchors:
                response = anchors[token.head.i]
                cause = next((f for pos, f in local if f is not response and f.kind(self.ctx.state_like) == "Attack"), None)
                if cause is not None and not any(f.predicate == "retaliatedFor" for f in response.facts):
                        response.add(RoleFact("retaliatedFor", cause.index, "event", self.ctx.evidence(sent), 0.7))

    @staticmethod
    def _own_answer(verb: Token, anchors: dict, cause) -> EventCluster | None:
        """The event a verb of answering tells: its own, one its clause carries ("ont frappé ...
        pour venger"), or one told "en frappant ..." / "par des frappes"."""
        if verb.i in anchors and anchors[verb.i] is not cause:
            return anchors[verb.i]
        found = _told_by(verb, anchors)
        if found is not None and found is not cause:
            return found
        head = verb.head  # "ont tiré des missiles pour venger ...": the clause the purpose hangs on
        if verb.dep_ in {"advcl", "xcomp", "acl"} and head.i in anchors and anchors[head.i] is not cause:
            return anchors[head.i]
        return None

    def _answering_verbs(self, sent: Span, anchors: dict, local: list) -> None:
        """"Washington a riposté en frappant ...", "les forces ont répliqué par des tirs": the
        event the verb goes on to tell answers the attack told before, unless it says which
        ("a riposté à l'attaque", read with the markers)."""
        verbs = set(self.lex["retaliation"]["answer_verbs"])
        for verb in sent:
            if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
                continue
            if any(c.dep_.startswith("obl") and c.i in anchors and any(g.lower_ in {"à", "au", "aux"} for g in c.children)
                   for c in verb.children):
                continue  # the cause is named: "a riposté à l'attaque"
            # the answer is the verb's own event, or one told "en frappant ..." / "par des frappes"
            response = anchors.get(verb.i) or _told_by(verb, anchors)
            if response is None:
                continue
            earlier = [f for f in self.told if f is not response and f.first_sentence < self.ctx.sentence_of(sent)]
            # what the other side did last: another kind of event, else (an unclaimed drone strike
            # on a base) an event of someone else's, told before
            attacks = [f for f in earlier if f.kind(self.ctx.state_like) != response.kind(self.ctx.state_like)] or earlier
            theirs = [f for f in earlier if not (f.perpetrators & response.perpetrators)]
            if theirs and attacks and max(f.last_sentence for f in theirs) > max(f.last_sentence for f in attacks):
                attacks = theirs
            if attacks and not any(f.predicate == "retaliatedFor" for f in response.facts):
                cause = max(attacks, key=lambda f: (f.last_sentence, f.index))
                response.add(RoleFact("retaliatedFor", cause.index, "event", self.ctx.evidence(sent), 0.6))

    def _bare_retaliation(self, sent: Span, words: list[str], local: list) -> None:
        """"En représailles, Israël a frappé ...": the answer to the attack told just before."""
        for marker in self.lex["retaliation"]["bare"]:
            parts = _words(marker)
            n = len(parts)
            if words[:n] != parts or len(words) <= n or words[n] != ",":
                continue
            response = next((f for _, f in local if f.kind(self.ctx.state_like) == "Strike"), None) or (
                local[0][1] if local else None)
            cause = self._recent_attack(exclude=response)
            if response is None or cause is None or cause is response:
                return
            if cause.last_sentence >= self.ctx.sentence_of(sent):
                return  # the attack answered must be told before
            response.add(RoleFact("retaliatedFor", cause.index, "event", self.ctx.evidence(sent), 0.6))
            return

    def _responding(self, sent: Span, marker_i: int, cause: EventCluster | None, anchors, local) -> EventCluster | None:
        marker = self.doc[marker_i]
        frame = self._anchor_frame(marker, anchors)
        if frame is not None and frame is not cause:
            return frame
        before = [f for pos, f in local if pos < marker_i and f is not cause]
        if before:
            return before[-1]
        after = [f for pos, f in local if pos > marker_i and f is not cause]
        if after:
            return after[0]
        strikes = [f for f in self.told if f is not cause and f.kind(self.ctx.state_like) == "Strike"]
        return strikes[-1] if strikes else None

    def _recent_attack(self, exclude: EventCluster | None) -> EventCluster | None:
        """The attack told most recently (not the one created last)."""
        attacks = [f for f in self.told if f is not exclude and f.kind(self.ctx.state_like) == "Attack"]
        return max(attacks, key=lambda f: (f.last_sentence, f.index)) if attacks else None

    def _anchor_frame(self, token: Token, anchors: dict) -> EventCluster | None:
        anchor = anchor_token(token, anchors)
        return anchors[anchor.i] if anchor is not None else None
