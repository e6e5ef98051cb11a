"""Relations around events and between actors.

Claims ("a revendiqué", "a été revendiquée par", "a assumé la responsabilité",
"s'est attribué", "se déclarer à l'origine de"), denials ("a démenti", "nie
toute implication", "n'avait aucun lien avec"), third-party attributions
("tient X pour responsable", "accuse X", "imputée à X"), retaliation ("en
représailles à", "en réponse à", "pour venger"; "après" and "à la suite de"
only with low confidence), backing ("soutenu par", "pro-iranien", "parrainé
par", "armé et financé par") and affiliation ("affilié à", "lié à", "proche de",
"membre de").
"""

from __future__ import annotations

from functools import lru_cache

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import triggers, word_set
from .events import governing_preposition
from .frames import Frame, FrameFact
from .mentions import EntityRef, described_actor, state_of_adjective

if TYPE_CHECKING:
    from .article import ArticleReader

_PRONOUNS = {"il", "elle", "ils", "elles", "qui", "celui-ci", "celle-ci", "ceux-ci", "celles-ci"}
# "ne" alone is no negation: "avant que les États-Unis ne se déclarent à l'origine" (ne explétif)
_NEGATION = {"pas", "jamais", "aucun", "aucune", "nullement", "point", "guère"}


@lru_cache(maxsize=8)
def _participle_forms(verbs: frozenset[str]) -> frozenset[str]:
    """The past participles of the given infinitives in all four forms.

    >>> sorted(_participle_forms(frozenset({"financer", "soutenir"})))
    ['financé', 'financée', 'financées', 'financés', 'soutenu', 'soutenue', 'soutenues', 'soutenus']
    """
    forms: set[str] = set()
    for verb in verbs:
        if verb.endswith("er"):
            stem = verb[:-2] + "é"
        elif verb.endswith("enir"):
            stem = verb[:-4] + "enu"  # soutenir -> soutenu
        elif verb.endswith("ir"):
            stem = verb[:-2] + "i"
        else:
            continue
        forms.update({stem, stem + "e", stem + "s", stem + "es"})
    return frozenset(forms)


_CLAIMED_FORMS = _participle_forms(frozenset({"revendiquer"}))  # "Revendiquée par X, l'attaque ..."


def _words(text: str) -> list[str]:
    return text.lower().replace("'", "' ").split()


class RelationReader:
    def __init__(self, reader: "ArticleReader"):
        self.r = reader
        self.doc = reader.doc
        self.lex = triggers()
        self.referenced: set[int] = set()
        self._last_group: EntityRef | None = None
        self._last_group_sentence = -10

    # ------------------------------------------------------------------ helpers
    def mentions_frame(self, frame: Frame) -> bool:
        return frame.index in self.referenced

    def named_actor(self, index: int) -> EntityRef | None:
        """The actor a token names itself, if any (a nationality adjective names no one)."""
        ref = self.r.mentions.by_token.get(index)
        return ref if ref is not None and ref.is_actor and ref.source != "adjective" else None

    def actor_at(self, token: Token) -> EntityRef | None:
        """The actor a token names, directly, through its phrase, or by coreference."""
        ref = self.named_actor(token.i)
        if ref is not None:
            return ref
        for child in token.children:
            # "Le groupe qui a revendiqué l'opération, Harakat al-Nujaba, ...": the name in apposition
            ref = self.named_actor(child.i)
            if child.dep_ in {"appos", "flat:name"} and ref is not None:
                return ref
        if token.lemma_.lower() in word_set("group_nouns"):
            described = described_actor(token, self.doc, self.r.mentions)
            if described is not None:
                return described  # "la milice pro-iranienne X a revendiqué": the noun stands for X
        if token.lemma_.lower() in word_set("group_nouns") and token.head.i != token.i:
            # ... or the parse made the apposition a second subject of the same verb
            for sibling in token.head.children:
                ref = self.named_actor(sibling.i)
                if sibling.i > token.i and sibling.dep_ == token.dep_ and ref is not None and self.doc[ref.start - 1].text == ",":
                    return ref
        for child in token.subtree:
            if child.i - token.i > 6:
                break
            ref = self.named_actor(child.i)
            if ref is not None:
                return ref
        if token.lower_ in _PRONOUNS or token.lemma_.lower() in word_set("group_nouns"):
            return self.antecedent(token)
        return None

    def antecedent(self, token: Token) -> EntityRef | None:
        """Nearest earlier actor: "il", "le groupe", "ces factions" -> who they name."""
        if not self.r.coreference:
            return None
        wants_group = token.lemma_.lower() in word_set("group_nouns")
        if token.lower_ == "qui" and token.head.i != token.i:
            governor = token.head.head if token.head.dep_ in {"acl:relcl"} else None
            if governor is not None:
                ref = self.r.mentions.by_token.get(governor.i)
                if ref is not None and ref.is_actor:
                    return ref
                if governor.lower_ != "qui":
                    named = self.actor_at(governor)  # "le groupe qui ..., X": the group named X
                    if named is not None:
                        return named
        # "X, dont Washington dit qu'il est lié à l'Iran": the pronoun is X, not the speaker
        sent = token.sent
        relative = [t for t in sent if t.lower_ == "dont" and t.i < token.i]
        if relative and token.lower_ in {"il", "elle", "ils", "elles"}:
            before = [r for r in self.r.mentions.entities if r.end <= relative[-1].i and r.start >= sent.start
                      and r.is_actor and r.source != "adjective"]
            if before:
                return before[-1]
        candidates = [ref for ref in self.r.mentions.entities if ref.end <= token.i and ref.is_actor and ref.source != "adjective"]
        for ref in reversed(candidates):
            if token.i - ref.end > 80:
                break
            if wants_group and ref.etype != "ArmedGroup":
                continue
            return ref
        return None

    def subject_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubj:pass", "expl:subj"}:
                if child.pos_ == "DET" and child.i + 1 in self.r.mentions.by_token:
                    return child.doc[child.i + 1]  # "Les" made the subject of "Les Houthis ont ..."
                return child
        # coordinated verbs share their subject: "effectuent ... et en assument"
        if verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
            return self.subject_of(verb.head)
        # a present participle's subject is its clause's: "X a rejeté ..., les attribuant aux Houthis"
        if verb.dep_ in {"advcl", "acl"} and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") \
                and verb.head.i != verb.i:
            clause = next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
            if clause is not None:
                return self.subject_of(clause)
        if verb.dep_ == "acl:relcl":
            return verb.head
        # the parse lost the subject: the nearest actor named before the verb in its clause
        for token in reversed(list(verb.doc[verb.sent.start : verb.i])):
            if token.is_punct and token.text not in {"«", "»", '"'}:
                break
            if token.pos_ == "VERB":
                break
            ref = self.named_actor(token.i)
            if ref is not None:
                return token
        return None

    def negated(self, verb: Token) -> bool:
        """"n'a pas revendiqué", "n'a ni confirmé ni démenti" (the second verb is a conjunct of the first)."""
        if any(child.lower_ in _NEGATION for child in verb.children):
            return True
        # "ne ... ni X ni Y": both verbs carry "ni", the first also "ne"
        return any(c.lower_ == "ni" for c in verb.children) and any(
            c.lower_ in {"ne", "n'"} for c in (verb.head if verb.dep_ == "conj" else verb).children)

    def speaker(self, sent: Span, sources: bool = True) -> EntityRef | None:
        """Who the sentence reports: "a déclaré X", "X a indiqué que", and with ``sources`` "selon X"."""
        speech = word_set("speech_verbs")
        for token in sent:
            if sources and token.lower_ == "selon":
                ref = self.actor_at(token.head) if token.head.i != token.i else None
                if ref is None:
                    for t in sent.doc[token.i + 1 : min(sent.end, token.i + 8)]:
                        ref = self.r.mentions.by_token.get(t.i)
                        if ref is not None and ref.is_actor:
                            break
                if ref is not None and ref.is_actor:
                    return ref
        for token in sent:
            if token.pos_ == "VERB" and token.lemma_.lower() in speech:
                has_clause = any(c.dep_ in {"ccomp", "parataxis"} for c in token.children) or token.dep_ == "parataxis"
                before = [t.text for t in sent.doc[max(sent.start, token.i - 3) : token.i]]
                # an incise: "« ... », a assuré X", "..., a estimé vendredi le Pentagone"
                incise = any(q in before for q in ("»", '"', "”")) or before[-1:] == [","] or (
                    len(before) >= 2 and before[-2] == "," and sent.doc[token.i - 1].pos_ == "AUX")
                if incise and not any(c.dep_ == "nsubj" and c.i < token.i for c in token.children):
                    # "« ... », a assuré à l'AFP un responsable de X": the speaker follows the verb,
                    # past the one it was said to
                    for t in sent.doc[token.i + 1 : min(sent.end, token.i + 10)]:
                        found = self.named_actor(t.i)
                        if found is not None and found.is_actor and governing_preposition(
                                sent.doc[found.start:found.end].root) not in {"à", "au", "aux"}:
                            return found
                inverted = next((c for c in token.children if c.dep_ == "nsubj" and c.i > token.i), None)
                if inverted is None and token.dep_ == "parataxis":
                    # "« ... », a déclaré un porte-parole de X": the parser may read the speaker as an object
                    inverted = next((c for c in token.children if c.dep_ == "obj" and c.i > token.i), None)
                if inverted is not None:
                    # "« ... », a déclaré le commandement militaire américain Centcom": the speaker follows
                    ref = self.actor_at(inverted)
                    if ref is None:
                        for t in sent.doc[token.i + 1 : min(sent.end, token.i + 8)]:
                            if t.is_punct:
                                break
                            found = self.named_actor(t.i)
                            if found is not None:
                                ref = found
                                break
                    if ref is not None:
                        return ref
                subject = self.subject_of(token)
                if subject is None:
                    # inverted: "« ... », a déclaré le commandement militaire"
                    subject = next((c for c in token.children if c.dep_ in {"nsubj", "obl:agent"}), None)
                if subject is not None and has_clause:
                    ref = self.actor_at(subject)
                    if ref is not None:
                        return ref
        return None

    @staticmethod
    def _event_below(token: Token, anchors: dict[int, Frame]) -> Frame | None:
        """The first event named in the phrase ``token`` heads."""
        return next((anchors[c.i] for c in token.subtree if c.i in anchors and c.i != token.i), None)

    def event_in(self, token: Token, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> tuple[Frame | None, float]:
        """The event a relation word is about: in its phrase, else near, else the last one."""
        below = self._event_below(token, anchors)
        if below is not None:
            return below, 0.85
        frame = self.r.finder.anchor_frame(token, anchors)
        if frame is not None:
            return frame, 0.8
        frame = self.r.finder.nearest_frame(token, local)
        if frame is not None:
            return frame, 0.7
        if self.r.frames:
            return self.r.frames[-1], 0.5
        return None, 0.0

    def add_inverse(self, frame: Frame, predicate: str, actor: EntityRef, sent: Span, confidence: float) -> None:
        self.referenced.add(frame.index)
        frame.add(FrameFact(predicate, self.r.use(actor), "entity", self.r.evidence(sent), confidence, inverse=True))

    # ------------------------------------------------------------------ reading
    def read(self, sent: Span, s_index: int, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        self._backing_from_collectives(sent)
        for token in sent:
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
            elif self._backing_word(token) and self._agent_after(token) is not None:
                self._backing(token, sent)
            elif token.lower_ == "solde" and [t.lower_ for t in self.doc[max(0, token.i - 2) : token.i]] == ["à", "la"]:
                self._in_the_pay_of(token, sent)  # "une milice à la solde de l'Iran"
            elif token.lower_.startswith("pro-") and token.head.lemma_.lower() in word_set("group_nouns"):
                self._pro_named(token, sent)  # "le groupe pro-iranien Kataëb Hezbollah"
            elif (lemma in self._affiliation_words or token.lower_.rstrip("s").rstrip("e") in self._affiliation_words
                  or (lemma == "partie" and token.head.lemma_.lower() == "faire")):
                self._affiliation(token, sent)
            elif lemma in {"porte-parole", "porte-parol", "commandant", "chef", "dirigeant", "responsable", "cadre",
                           "numéro", "fondateur", "leader", "émir"}:
                self._role_in(token, sent)  # "X, numéro deux du bureau politique du Hamas"
            elif token.lower_ in {"responsable", "responsables"} and token.head.i != token.i and not self._suspected(token):
                self._responsible_group(token, sent, anchors, local)
            elif self._suspected(token):
                self._suspicion(token, sent, anchors, local)
        self._first_person_deeds(sent, anchors)
        self._retaliation(sent, anchors, local)

    def _first_person_deeds(self, sent: Span, anchors: dict[int, Frame]) -> None:
        """"« Nos moudjahidine ont ciblé la base d'al-Tanf », a indiqué X": X says it did it.

        An event verb inside quotation marks whose subject is "nous", "nos combattants"
        or "notre groupe" is the deed of the quote's speaker: its perpetrator, and its
        claim unless the speaker is a state (a state's own account is not a claim).
        """
        quoted = self._quoted_tokens(sent)
        if not quoted:
            return
        speaker = None
        for token in sent:
            if (token.i not in quoted or token.i not in anchors or token.pos_ != "VERB"
                    or token.i not in self.r._sentence_triggers or self.negated(token)):
                continue  # an event verb itself ("ont ciblé"), not the verb an event noun hangs on
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or not (subject.lower_ in {"nous", "je", "j'"} or any(
                    c.lower_ in {"nos", "notre", "mes", "mon"} for c in subject.children if c.dep_ == "det")):
                continue
            speaker = speaker or self.speaker(sent, sources=False)
            if speaker is None or not speaker.is_actor:
                return
            frame = anchors[token.i]
            frame.add(FrameFact("perpetrator", self.r.use(speaker), "entity", self.r.evidence(sent), 0.8))
            state = self.r._state_of(speaker)  # "« Nous avons frappé ... », a déclaré le Pentagone"
            if state is not None:
                frame.add(FrameFact("perpetrator", self.r.use(state), "entity", self.r.evidence(sent), 0.7))
            if speaker.etype not in {"State", "MilitaryOrganization", "Coalition"}:
                self.add_inverse(frame, "claimed", speaker, sent, 0.8)

    @staticmethod
    def _quoted_tokens(sent: Span) -> set[int]:
        """Indices of the tokens between « and » (or straight double quotes) in the sentence."""
        inside, tokens, straight = False, set(), False
        for token in sent:
            if token.text == "«" or (token.text == '"' and not straight):
                inside, straight = True, token.text == '"'
                continue
            if token.text == "»" or (token.text == '"' and straight):
                inside, straight = False, False
                continue
            if inside:
                tokens.add(token.i)
        return tokens

    # --- claims ---------------------------------------------------------------
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
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in sayers or self.negated(verb):
            return None
        subject = self.subject_of(verb)
        ref = self.actor_at(subject) if subject is not None else None
        return ref if ref is not None and ref.is_actor else None

    def _claimer(self, token: Token, anchors) -> EntityRef | None:
        """Who claims, by the claim word's grammar: "la revendication de X", "revendiquée par X", "X a revendiqué"."""
        claimer = None
        if token.pos_ == "NOUN":  # "la revendication de X", "la revendication par X de l'attaque"
            for child in sorted(token.children, key=lambda c: governing_preposition(c) != "par"):
                if child.dep_ == "nmod" and child.i not in anchors:
                    claimer = self.actor_at(child)
                    if claimer is not None:
                        break
            nxt = self.doc[token.i + 1 : token.i + 4]
            if claimer is None and len(nxt) >= 2 and nxt[0].lower_ in {"par", "de", "du", "des", "d'"}:
                # the parse hangs "par X" elsewhere: it still follows "la revendication"
                for t in nxt[1:]:
                    ref = self.named_actor(t.i)
                    if ref is not None:
                        claimer = ref
                        break
        elif (any(c.dep_ in {"aux:pass", "obl:agent"} for c in token.children) or "Pass" in token.morph.get("Voice")):
            claimer = self._agent_after(token)  # "a été revendiquée par X", "Revendiquée par X, l'attaque"
        else:
            subject = self.subject_of(token)
            if subject is not None:
                claimer = self.actor_at(subject)
        return claimer

    def _claim(self, token: Token, sent: Span, anchors, local, confidence: float = 0.85,
               claimer: EntityRef | None = None) -> None:
        if self.negated(token):
            return
        if claimer is None:
            claimer = self._claimer(token, anchors)
        if claimer is None or not claimer.is_actor:
            return
        frame, frame_conf = self._claimed_event(token, anchors, local)
        if frame is None:
            return
        state_like = claimer.etype in {"State", "MilitaryOrganization", "Coalition"}
        if state_like and frame.kind(self.r.state_like) == "Attack":
            # a state owning up to "ces attaques" means its strikes told in the same sentence
            strikes = [f for _, f in local if f is not frame and f.kind(self.r.state_like) == "Strike"]
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

    def _likewise(self, sent: Span, frame: Frame) -> Frame | None:
        """"L'attaque, comme les dizaines d'autres l'ayant précédée, a été revendiquée":
        the statement covers the campaign told in the article too."""
        words = [t.lower_ for t in sent]
        for i, word in enumerate(words):
            if word == "comme" and any(w in {"autres", "précédentes", "précédents"} for w in words[i + 1 : i + 6]):
                series = [f for f in self.r.frames if f is not frame and f.plural and f.kind(self.r.state_like) == "Attack"]
                return max(series, key=lambda f: (f.last_sentence, f.index)) if series else None
        return None

    def _claimed_event(self, token: Token, anchors, local) -> tuple[Frame | None, float]:
        # passive: the subject is the event ("L'attaque ... a été revendiquée")
        for child in token.children:
            if child.dep_ == "nsubj:pass" and child.i in anchors:
                return anchors[child.i], 0.85
        # relative "dont X ont assumé la responsabilité", participle "l'attaque, revendiquée par X": the event it describes
        if token.dep_ in {"acl:relcl", "acl"} and token.head.i in anchors:
            return anchors[token.head.i], 0.8
        return self.event_in(token, anchors, local)

    def _agent_after(self, token: Token) -> EntityRef | None:
        """The actor after "par" that follows a participle ("revendiquée ... par X")."""
        for child in token.children:
            if child.dep_ == "obl:agent":
                ref = self.actor_at(child)
                if ref is not None:
                    return ref
        doc = self.doc
        saw_par = False
        for t in doc[token.i + 1 : min(len(doc), token.i + 12)]:
            if t.lower_ == "par":
                saw_par = True
                continue
            if t.is_punct and t.text not in {"«", "»", '"', "'"}:
                if saw_par:
                    break
                continue
            if saw_par:
                ref = self.named_actor(t.i)
                if ref is not None:
                    return ref
        return None

    # --- denials --------------------------------------------------------------
    def _first_person(self, subject: Token | None, sent: Span) -> EntityRef | None:
        """« Nous n'avons aucun lien avec cette attaque », a déclaré un porte-parole de X: "nous" is X."""
        if subject is not None and subject.lower_ in {"nous", "je", "j'"}:
            return self.speaker(sent, sources=False)
        return None

    def _deny(self, token: Token, sent: Span, anchors, local) -> None:
        if self.negated(token):
            return  # "n'a pas démenti", "n'a ni confirmé ni démenti": no denial
        subject = self.subject_of(token)
        denier = (self.actor_at(subject) if subject is not None else None) or self._first_person(subject, sent)
        if denier is None:
            return
        frame, conf = self.event_in(token, anchors, local)
        if frame is not None:
            self.add_inverse(frame, "denied", denier, sent, min(0.85, conf + 0.1))

    def _deny_no_link(self, noun: Token, sent: Span, anchors, local) -> None:
        verb = noun.head
        subject = self.subject_of(verb) if verb.i != noun.i else None
        denier = (self.actor_at(subject) if subject is not None else None) or self._first_person(subject, sent)
        if denier is None:
            return
        frame, conf = self.event_in(noun, anchors, local)
        if frame is not None:
            weak = noun.lemma_.lower() in {"information", "connaissance"}
            self.add_inverse(frame, "denied", denier, sent, 0.5 if weak else min(0.8, conf + 0.1))

    # --- attributions -----------------------------------------------------------
    def _attribute(self, frame: Frame, accused: EntityRef, by: EntityRef | None, sent: Span, confidence: float) -> None:
        self.referenced.add(frame.index)
        frame.add(FrameFact("attributedTo", self.r.use(accused), "entity", self.r.evidence(sent), confidence))
        if by is not None and by.key != accused.key:
            frame.add(FrameFact("attributedBy", self.r.use(by), "entity", self.r.evidence(sent), confidence))

    def _behind(self, noun: Token, sent: Span, anchors, local) -> None:
        """"Selon le Pentagone, X est derrière la plupart des attaques": the source's attribution.

        Said by the article itself ("X est derrière l'attaque") it is still an attribution, by no one named.
        """
        subject = next((c for c in noun.children if c.dep_ == "nsubj"), None)
        accused = self.actor_at(subject) if subject is not None else None
        if accused is None or self.negated(noun):
            return
        frame = anchors.get(noun.i) or self._event_below(noun, anchors)
        if frame is None:
            return
        by = self.speaker(sent)
        self._attribute(frame, accused, by if by is not None and by.key != accused.key else None, sent, 0.7)

    def _hold_responsible(self, token: Token, sent: Span, anchors, local) -> None:
        accused = None
        for child in token.children:
            if child.dep_ == "obj":
                accused = self.actor_at(child)
        subject = self.subject_of(token)
        by = self.actor_at(subject) if subject is not None else None
        if by is not None and subject is not None and subject.lower_ in _PRONOUNS:
            # "Biden a dit qu'il tenait l'Iran pour responsable": il = Biden
            governor = token.head if token.dep_ == "ccomp" else None
            if governor is not None:
                outer = self.subject_of(governor)
                if outer is not None and self.actor_at(outer) is not None:
                    by = self.actor_at(outer)
        if accused is None:
            return
        frame, conf = self.event_in(token, anchors, local)
        if frame is None:
            # the attack meant is the last one reported
            attacks = [f for f in self.r.frames if f.kind(self.r.state_like) == "Attack"]
            frame, conf = (attacks[-1], 0.5) if attacks else (None, 0)
        if frame is not None:
            self._attribute(frame, accused, by, sent, min(0.8, conf + 0.1))

    def _accuse(self, token: Token, sent: Span, anchors, local) -> None:
        # "a été imputée par Washington à X", and the bare participle "une frappe attribuée à X"
        passive = any(c.dep_ == "aux:pass" for c in token.children) or (
            token.dep_ == "acl" and "Pres" not in token.morph.get("Tense"))  # "attribuée à", not "attribuant"
        accused = None
        for child in token.children:
            if child.dep_ in {"obj", "obl:arg", "iobj"} and (not passive or governing_preposition(child) == "à"):
                accused = self.actor_at(child)
                if accused is not None:
                    break
        if passive:
            # "l'attaque a été imputée par Washington à des milices": the agent makes the attribution
            agent = next((c for c in token.children if c.dep_ == "obl:agent"), None)
            by = (self.actor_at(agent) if agent is not None else None) or self._agent_after(token) or self.speaker(sent)
            if accused is None:
                accused = next((r for r in self.r.mentions.in_span(token.i + 1, sent.end)
                                if r.is_actor and r.source != "adjective" and (by is None or r.key != by.key)
                                and governing_preposition(self.doc[r.start:r.end].root) in {"à", "au", "aux"}), None)
        else:
            subject = self.subject_of(token)
            by = self.actor_at(subject) if subject is not None else self.speaker(sent)
        accused_all = [accused] + self._conjoined_actors(accused) if accused is not None else []
        # "a attribué à A et à B les attaques": every actor between the verb and the event that takes "à"
        for ref in self.r.mentions.in_span(token.i + 1, sent.end):
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

    def _conjoined_actors(self, ref: EntityRef) -> list[EntityRef]:
        """The actors coordinated with ``ref``: "à Kataëb Hezbollah et à Kataëb Sayyid al-Chouhada"."""
        root = self.doc[ref.start:ref.end].root
        others = []
        for child in root.children:
            if child.dep_ == "conj":
                other = self.actor_at(child)
                if other is not None and other.key != ref.key:
                    others.append(other)
        return others

    def _suspected(self, token: Token) -> bool:
        """"présumé auteur de", "soupçonnés d'avoir orchestré", "accusé d'avoir mené"."""
        words = self.lex["suspicion_words"]
        if token.lower_ in words["nouns"]:
            return any(c.lower_ in words["hedges"] for c in token.children) or (
                token.i > 0 and self.doc[token.i - 1].lower_ in words["hedges"])
        return token.lemma_.lower() in words["participles"] and "Part" in token.morph.get("VerbForm") and \
            "Pass" not in token.morph.get("Voice") and not any(c.dep_ == "aux:pass" for c in token.children) and \
            not self.subject_of(token)

    def _suspicion(self, token: Token, sent: Span, anchors, local) -> None:
        """"X, présumé auteur de l'embuscade": an attribution, by whoever the sentence reports."""
        accused = self._modified_actor(token)
        if accused is None:
            return
        frame = self._event_below(token, anchors)
        if frame is None:
            return
        self._attribute(frame, accused, self.speaker(sent, sources=False), sent, 0.5)

    def _responsible_group(self, token: Token, sent: Span, anchors, local) -> None:
        """"les groupes armés responsables de ces attaques": an attribution."""
        head = token.head
        group = self.actor_at(head) if head.pos_ in {"NOUN", "PROPN"} else None
        if group is None or group.etype != "ArmedGroup":
            return
        frame = self._event_below(token, anchors)
        if frame is None:
            return
        self._attribute(frame, group, self.speaker(sent), sent, 0.6)

    # --- backing and affiliation -------------------------------------------------
    def _backing_from_collectives(self, sent: Span) -> None:
        for ref in self.r.mentions.in_span(sent.start, sent.end):
            if ref.source == "collective":
                self._last_group = ref
            if ref.source == "collective" and ref.backer:
                backer = self.r._ref_for(ref.backer)
                self.r.add_actor_fact(ref, "backedBy", backer, sent, 0.9)

    def _backing_word(self, token: Token) -> bool:
        """"soutenus", "financées et armées", "Parrainée": by lemma, or by the participle's own form,
        since the tagger takes a fronted participle for a noun ("Financées" -> "financée")."""
        verbs = word_set("backing", "participles")
        return token.lemma_.lower() in verbs or token.lower_ in _participle_forms(verbs)

    def _in_the_pay_of(self, token: Token, sent: Span) -> None:
        """"X, milice pakistanaise à la solde de l'Iran": X is backed by Iran."""
        found = (self.named_actor(t.i) for t in self.doc[token.i + 1 : min(sent.end, token.i + 4)])
        backer = next((ref for ref in found if ref is not None), None)
        before = token.i - 3  # "X, à la solde de": the name just before the comma
        group = (self.named_actor(before - 1) if before >= 1 and self.doc[before].text == "," else None) \
            or self._modified_actor(token)
        if backer is None or group is None or group.key == backer.key or group.etype not in {"ArmedGroup", "Coalition", "Organization"}:
            return
        self.r.add_actor_fact(group, "backedBy", backer, sent, 0.85)

    def _pro_named(self, adjective: Token, sent: Span) -> None:
        """"le groupe pro-iranien X", "X, une milice pro-iranienne": X is backed by Iran."""
        group = described_actor(adjective.head, self.doc, self.r.mentions)
        backer = state_of_adjective(adjective, self.r.gazetteer)
        if group is None or backer is None or backer.id == group.key:
            return
        self.r.add_actor_fact(group, "backedBy", self.r._ref_for(backer.id), sent, 0.85)

    def _backing(self, token: Token, sent: Span) -> None:
        backer = self._agent_after(token)
        if backer is None:
            return
        group = self._modified_actor(token)
        if group is None or group.source == "collective" or group.etype not in {"ArmedGroup", "Coalition", "Organization"}:
            return
        self.r.add_actor_fact(group, "backedBy", backer, sent, 0.85)

    def _modified_actor(self, token: Token) -> EntityRef | None:
        """The actor a participle or adjective describes: its head, else just before it.

        A participle that opens the sentence ("Armée et financée par l'Iran, la milice
        X menace ...", "Lié à l'Iran, le groupe X") describes the subject that follows.
        """
        fronted = self._fronted_subject(token)
        if fronted is not None:
            return fronted
        for child in token.children:
            # "X, membre du Hachd": the parser may hang the name under the noun describing it
            if child.i < token.i and child.dep_ in {"nmod", "appos", "nsubj"}:
                ref = self.named_actor(child.i)
                if ref is not None:
                    return ref
        if token.lemma_.lower() == "partie" and token.head.lemma_.lower() == "faire":
            subject = self.subject_of(token.head)  # "X fait partie de Y"
            return self.actor_at(subject) if subject is not None else None
        head = token.head
        hops = 0
        while head.i != token.i and hops < 5:
            ref = self.named_actor(head.i) or self._named_before(head)
            if ref is not None:
                return ref
            for child in head.children:
                if child.dep_ in {"appos", "flat:name", "nmod"} and child.i < token.i:
                    ref = self.named_actor(child.i)
                    if ref is not None:
                        return ref
            if head.pos_ == "NOUN" and head.lemma_.lower() not in word_set("group_nouns") | {"nébuleuse", "coalition", "chaîne", "alliance"}:
                return None
            head = head.head
            hops += 1
        # subject of a copula or passive: "il est lié à l'Iran"
        subject = self.subject_of(token)
        if subject is not None:
            return self.actor_at(subject)
        return None

    def _named_before(self, noun: Token) -> EntityRef | None:
        """"X, milice parrainée par Téhéran", "« X », nébuleuse formée par ...": the named actor
        a descriptive group noun stands in apposition to, whatever the parse made of it."""
        if noun.lemma_.lower() not in word_set("group_nouns") | {"coalition", "alliance", "chaîne"}:
            return None
        if noun.i in self.r.mentions.by_token:
            return None
        i = noun.i - 1
        while i > noun.sent.start and self.doc[i].pos_ in {"DET", "ADJ"}:
            i -= 1
        if self.doc[i].text != ",":
            return None
        i -= 1
        while i > noun.sent.start and self.doc[i].text in {'"', "»", "”", "'"}:
            i -= 1
        return self.named_actor(i)

    @property
    def _affiliation_words(self) -> set[str]:
        # "X, membre du Hachd", "composante de", "branche armée de"; a "nébuleuse" is a kind of group, not a tie
        words = (word_set("affiliation", "adjectives") | (word_set("affiliation", "nouns") - {"nébuleuse"})
                 | {"affilier", "lier", "rattacher", "inféoder", "intégrer"})
        return words

    def _role_in(self, noun: Token, sent: Span) -> None:
        """"Le porte-parole de X, Y", "Y, commandant de X": Y is affiliated with X."""
        organisation = None
        for child in noun.children:
            if child.dep_ == "nmod":
                organisation = self.actor_at(child)
                if organisation is not None:
                    break
        if organisation is None:
            return
        person = None
        for child in noun.children:
            ref = self.r.mentions.by_token.get(child.i)
            if child.dep_ in {"appos", "flat:name"} and ref is not None and ref.etype == "Person":
                person = ref
        if person is None and noun.dep_ == "appos":
            ref = self.r.mentions.by_token.get(noun.head.i)
            person = ref if ref is not None and ref.etype == "Person" else None
        if person is None and noun.i >= 2 and self.doc[noun.i - 1].text == ",":
            # "Saleh al-Arouri, numéro deux du Hamas": an apposition the parser did not label
            ref = self.r.mentions.by_token.get(noun.i - 2)
            person = ref if ref is not None and ref.etype == "Person" else None
        if person is not None and person.key != organisation.key:
            self.r.add_actor_fact(person, "affiliatedWith", organisation, sent, 0.75)

    def _fronted_subject(self, token: Token) -> EntityRef | None:
        """The subject a sentence-opening participle describes: "Issu du Front al-Nosra, ex-branche
        d'Al-Qaïda, le groupe HTS contrôle ...": the main verb's subject, else the first actor after
        the participle's phrase."""
        sent = token.sent
        words = [t for t in sent if not t.is_space]
        if not words or token.i - words[0].i > 2:
            return None
        main = sent.root
        if main.pos_ in {"VERB", "AUX"} and main.i > token.i:
            subject = self.subject_of(main)
            ref = self.actor_at(subject) if subject is not None and subject.i > token.i else None
            if ref is not None:
                return ref
        for comma in (t for t in words if t.text == "," and t.i > token.i):
            after = [t for t in self.doc[comma.i + 1 : min(sent.end, comma.i + 6)]]
            if after and after[0].pos_ in {"NOUN", "ADJ"}:
                continue  # ", ex-branche syrienne d'Al-Qaïda,": an apposition inside the fronted phrase
            for t in after:
                ref = self.named_actor(t.i)
                if ref is not None:
                    return ref
            return None
        return None

    def _affiliation(self, token: Token, sent: Span) -> None:
        target = None
        for t in self.doc[token.i + 1 : min(sent.end, token.i + 6)]:
            ref = self.named_actor(t.i)
            if ref is not None:
                target = ref
                break
        if target is None:
            return
        member = self._modified_actor(token)
        if member is None or member.key == target.key:
            return
        if member.source == "collective" and token.head.i in self.r.mentions.by_token:
            # "groupes armés affiliés au Hachd" inside "nébuleuse formée par ...": the named group
            pass
        # "une nébuleuse formée par des groupes affiliés à X": the nébuleuse is affiliated
        if member.source != "collective" or member.backer is None:
            self.r.add_actor_fact(member, "affiliatedWith", target, sent, 0.8)

    # --- retaliation ---------------------------------------------------------------
    def _retaliation(self, sent: Span, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        words = [t.lower_ for t in sent]
        norm = ["à" if w in {"au", "aux"} else w for w in words]
        markers = [(m, 0.85) for m in self.lex["retaliation"]["strong"]] + [(m, 0.4) for m in self.lex["retaliation"]["weak"]]
        self._bare_retaliation(sent, norm, local)
        taken: set[int] = set()
        for marker, confidence in markers:
            parts = _words(marker)
            parts = ["à" if p in {"au", "aux"} else p for p in parts]
            n = len(parts)
            for i in range(len(norm) - n + 1):
                if norm[i : i + n] != parts or i in taken:
                    continue
                taken.update(range(i, i + n))
                after = sent.start + i + n
                cause = next((f for pos, f in local if pos >= after and pos - after <= 8), None)
                if cause is None and not any(pos >= after for pos, _ in local):
                    cause = None
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
                if confidence < 0.5 and (response.kind(self.r.state_like) != "Strike" or cause.kind(self.r.state_like) != "Attack"):
                    continue
                self.referenced.update({cause.index, response.index})
                response.add(FrameFact("retaliatedFor", cause.index, "event", self.r.evidence(sent), confidence))
        # "frappes de représailles" with the attack named elsewhere in the sentence
        for token in sent:
            if token.lemma_.lower() in {"représaille", "représailles"} and token.dep_ == "nmod" and token.head.i in anchors:
                response = anchors[token.head.i]
                cause = next((f for pos, f in local if f is not response and f.kind(self.r.state_like) == "Attack"), None)
                if cause is not None and not any(f.predicate == "retaliatedFor" for f in response.facts):
                    self.referenced.update({cause.index, response.index})
                    response.add(FrameFact("retaliatedFor", cause.index, "event", self.r.evidence(sent), 0.7))

    def _bare_retaliation(self, sent: Span, words: list[str], local: list[tuple[int, Frame]]) -> None:
        """"En représailles, Israël a frappé ...": the answer to the attack told just before."""
        for marker in self.lex["retaliation"]["bare"]:
            parts = _words(marker)
            n = len(parts)
            if words[:n] != parts or len(words) <= n or words[n] != ",":
                continue
            response = next((f for _, f in local if f.kind(self.r.state_like) == "Strike"), None) or (
                local[0][1] if local else None)
            cause = self._recent_attack(exclude=response)
            if response is None or cause is None or cause is response:
                return
            if cause.last_sentence >= self.r.sentence_of(sent):
                return  # the attack answered must be told before
            self.referenced.update({cause.index, response.index})
            response.add(FrameFact("retaliatedFor", cause.index, "event", self.r.evidence(sent), 0.6))
            return

    def _responding(self, sent: Span, marker_i: int, cause: Frame | None, anchors, local) -> Frame | None:
        marker = self.doc[marker_i]
        frame = self.r.finder.anchor_frame(marker, anchors)
        if frame is not None and frame is not cause:
            return frame
        before = [f for pos, f in local if pos < marker_i and f is not cause]
        if before:
            return before[-1]
        after = [f for pos, f in local if pos > marker_i and f is not cause]
        if after:
            return after[0]
        strikes = [f for f in self.r.frames if f is not cause and f.kind(self.r.state_like) == "Strike"]
        return strikes[-1] if strikes else None

    def _recent_attack(self, exclude: Frame | None) -> Frame | None:
        """The attack told most recently (not the one created last)."""
        attacks = [f for f in self.r.frames if f is not exclude and f.kind(self.r.state_like) == "Attack"]
        return max(attacks, key=lambda f: (f.last_sentence, f.index)) if attacks else None
