"""Who a word stands for: names, pronouns, group nouns, speakers and agents.

"il", "qui", "le groupe", "ces factions" stand for the actor named before; "selon X",
"a déclaré X" and "« ... », a assuré X" name who is speaking; "soutenus par X" and
"revendiquée par X" name an agent; "X, milice parrainée par Téhéran" and a fronted
"Lié à l'Iran, le groupe X" describe X.  Every stage that reads who did, said or
claimed something asks here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import word_set
from .collectives import described_actor
from .model import EntityRef
from .syntax import governing_preposition

_PRONOUNS = {"il", "elle", "ils", "elles", "qui", "celui-ci", "celle-ci", "ceux-ci", "celles-ci"}


# those who speak or act for an organisation: what they announce is the organisation's
_SPOKES = {"porte-parole", "porte-parol", "chef", "commandant", "dirigeant", "leader", "émir", "représentant", "cadre"}


class References:
    """Resolution of actors in one article (``ctx`` is its ``ArticleContext``)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.doc = ctx.doc

    def named_actor(self, index: int) -> EntityRef | None:
        """The actor a token names itself, if any (a nationality adjective names no one)."""
        ref = self.ctx.mentions.by_token.get(index)
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
            described = described_actor(token, self.doc, self.ctx.mentions)
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
        if not self.ctx.coreference:
            return None
        wants_group = token.lemma_.lower() in word_set("group_nouns")
        if token.lower_ == "qui" and token.head.i != token.i:
            governor = token.head.head if token.head.dep_ in {"acl:relcl"} else None
            if governor is not None:
                ref = self.ctx.mentions.by_token.get(governor.i)
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
            before = [r for r in self.ctx.mentions.entities if r.end <= relative[-1].i and r.start >= sent.start
                      and r.is_actor and r.source != "adjective"]
            if before:
                return before[-1]
        candidates = [ref for ref in self.ctx.mentions.entities if ref.end <= token.i and ref.is_actor and ref.source != "adjective"]
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
                if child.pos_ == "DET" and child.i + 1 in self.ctx.mentions.by_token:
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


    def speaker(self, sent: Span, sources: bool = True) -> EntityRef | None:
        """Who the sentence reports: "a déclaré X", "X a indiqué que", and with ``sources`` "selon X"."""
        speech = word_set("speech_verbs")
        for token in sent:
            if sources and token.lower_ == "selon":
                ref = self.actor_at(token.head) if token.head.i != token.i else None
                if ref is None:
                    for t in sent.doc[token.i + 1 : min(sent.end, token.i + 8)]:
                        ref = self.ctx.mentions.by_token.get(t.i)
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


    def agent_after(self, token: Token) -> EntityRef | None:
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
    def first_person(self, subject: Token | None, sent: Span) -> EntityRef | None:
        """« Nous n'avons aucun lien avec cette attaque », a déclaré un porte-parole de X: "nous" is X."""
        if subject is not None and subject.lower_ in {"nous", "je", "j'"}:
            return self.speaker(sent, sources=False)
        return None


    def conjoined_actors(self, ref: EntityRef) -> list[EntityRef]:
        """The actors coordinated with ``ref``: "à Kataëb Hezbollah et à Kataëb Sayyid al-Chouhada"."""
        root = self.doc[ref.start:ref.end].root
        others = []
        for child in root.children:
            if child.dep_ == "conj":
                other = self.actor_at(child)
                if other is not None and other.key != ref.key:
                    others.append(other)
        return others


    def modified_actor(self, token: Token) -> EntityRef | None:
        """The actor a participle or adjective describes: its head, else just before it.

        A participle that opens the sentence ("Armée et financée par l'Iran, la milice
        X menace ...", "Lié à l'Iran, le groupe X") describes the subject that follows.
        """
        fronted = self.fronted_subject(token)
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
            ref = self.named_actor(head.i) or self.named_before(head)
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

    def named_before(self, noun: Token) -> EntityRef | None:
        """"X, milice parrainée par Téhéran", "« X », nébuleuse formée par ...": the named actor
        a descriptive group noun stands in apposition to, whatever the parse made of it."""
        if noun.lemma_.lower() not in word_set("group_nouns") | {"coalition", "alliance", "chaîne"}:
            return None
        if noun.i in self.ctx.mentions.by_token:
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


    def fronted_subject(self, token: Token) -> EntityRef | None:
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

    def principal(self, token: Token, ref: EntityRef | None) -> EntityRef | None:
        """The organisation a spokesman or chief speaks for: "le porte-parole militaire des
        Houthis, Yahya Saree" and "Yahya Saree, porte-parole des Houthis" -> the Houthis.
        ``ref`` is the actor ``token`` names, if any; None when no one else is meant."""
        candidates = [token]
        if ref is not None and ref.etype == "Person":
            root = self.doc[ref.start:ref.end].root
            candidates = [root.head] + [c for c in root.children if c.dep_ in {"appos", "nmod"}]
        for noun in candidates:
            if noun.lemma_.lower() in {"source", "sources", "responsable", "membre"}:
                # "une source au sein du SBU", "un responsable au sein du mouvement"
                inside = next((c for c in noun.children if c.lower_ == "sein" and c.dep_ == "nmod"), None)
                group = next((self.named_actor(c.i) for c in inside.children if c.dep_ == "nmod"), None) if inside else None
                if group is not None and group.etype != "Person":
                    return group
            if noun.lemma_.lower() not in _SPOKES:
                continue
            for child in noun.children:
                if child.dep_ != "nmod" or governing_preposition(child) not in {"de", "d'", "du", "des"}:
                    continue
                group = self.named_actor(child.i)
                if group is not None and group.etype != "Person":
                    return group
        return None

