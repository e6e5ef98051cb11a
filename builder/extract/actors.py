"""Relations between actors: backing, affiliation and rank.

Backing: "soutenu par", "financées et armées par", "parrainée par", "pro-iranien",
"à la solde de", and the collectives ("des milices soutenues par l'Iran" is backed by
Iran).  Affiliation: "affilié à", "lié à", "proche de", "membre de", "fait partie de",
"issu de", "branche de".  Rank: "le porte-parole de X, Y", "Y, commandant de X", "X,
numéro deux du Hamas": Y is affiliated with X.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import word_set
from .collectives import described_actor, state_of_adjective
from .ranks import Ranks
from .syntax import participle_forms

ROLE_NOUNS = frozenset({"porte-parole", "porte-parol", "commandant", "chef", "dirigeant", "responsable", "cadre",
                        "numéro", "fondateur", "leader", "émir"})


_FACTION_NOUNS = frozenset({"faction", "composante", "milice", "brigade", "formation", "unité"})


class ActorRelations:
    """Reads backing, affiliation and rank sentence by sentence (one instance per article)."""

    def __init__(self, ctx, refs):
        self.ctx = ctx
        self.doc = ctx.doc
        self.refs = refs
        self._branched: set[str] = set()
        self.ranks = Ranks(ctx, refs)

    def read(self, sent: Span, skip: set[int] = frozenset()) -> None:
        """Read the sentence; ``skip`` holds words already read as claims or attributions."""
        self._backing_from_collectives(sent)
        self._branches(sent)
        self.ranks.read(sent)
        for token in sent:
            if token.i in skip:
                continue
            lemma = token.lemma_.lower()
            if self._backing_word(token) and self.refs.agent_after(token) is not None:
                self._backing(token, sent)
            elif token.lower_ == "solde" and [t.lower_ for t in self.doc[max(0, token.i - 2) : token.i]] == ["à", "la"]:
                self._in_the_pay_of(token, sent)  # "une milice à la solde de l'Iran"
            elif token.lower_.startswith("pro-") and token.head.lemma_.lower() in word_set("group_nouns"):
                self._pro_named(token, sent)  # "le groupe pro-iranien Kataëb Hezbollah"
            elif (lemma in self._affiliation_words or token.lower_.rstrip("s").rstrip("e") in self._affiliation_words
                  or (lemma == "partie" and token.head.lemma_.lower() == "faire")):
                self._affiliation(token, sent)
            elif lemma in ROLE_NOUNS:
                self._role_in(token, sent)  # "X, numéro deux du bureau politique du Hamas"
            elif lemma in _FACTION_NOUNS:
                self._faction_of(token, sent)  # "X, l'une des factions du Hachd al-Chaabi"

    def _branches(self, sent: Span) -> None:
        """"l'État islamique au Sahel" is affiliated with the Islamic State."""
        for ref in self.ctx.mentions.in_span(sent.start, sent.end):
            if ref.affiliated and ref.key not in self._branched and self.ctx.gazetteer.get(ref.affiliated) is not None:
                self._branched.add(ref.key)
                self.ctx.add_actor_fact(ref, "affiliatedWith", self.ctx.ref_for(ref.affiliated), sent, 0.8)

    def _backing_from_collectives(self, sent: Span) -> None:
        for ref in self.ctx.mentions.in_span(sent.start, sent.end):
            if ref.source == "collective" and ref.backer:
                backer = self.ctx.ref_for(ref.backer)
                self.ctx.add_actor_fact(ref, "backedBy", backer, sent, 0.9)

    def _backing_word(self, token: Token) -> bool:
        """"soutenus", "financées et armées", "Parrainée": by lemma, or by the participle's own form,
        since the tagger takes a fronted participle for a noun ("Financées" -> "financée")."""
        verbs = word_set("backing", "participles")
        return token.lemma_.lower() in verbs or token.lower_ in participle_forms(verbs)

    def _in_the_pay_of(self, token: Token, sent: Span) -> None:
        """"X, milice pakistanaise à la solde de l'Iran": X is backed by Iran."""
        found = (self.refs.named_actor(t.i) for t in self.doc[token.i + 1 : min(sent.end, token.i + 4)])
        backer = next((ref for ref in found if ref is not None), None)
        before = token.i - 3  # "X, à la solde de": the name just before the comma
        group = (self.refs.named_actor(before - 1) if before >= 1 and self.doc[before].text == "," else None) \
            or self.refs.modified_actor(token)
        if backer is None or group is None or group.key == backer.key or group.etype not in {"ArmedGroup", "Coalition", "Organization"}:
            return
        self.ctx.add_actor_fact(group, "backedBy", backer, sent, 0.85)

    def _pro_named(self, adjective: Token, sent: Span) -> None:
        """"le groupe pro-iranien X", "X, une milice pro-iranienne": X is backed by Iran."""
        group = described_actor(adjective.head, self.doc, self.ctx.mentions)
        backer = state_of_adjective(adjective, self.ctx.gazetteer)
        if group is None or backer is None or backer.id == group.key:
            return
        self.ctx.add_actor_fact(group, "backedBy", self.ctx.ref_for(backer.id), sent, 0.85)

    def _backing(self, token: Token, sent: Span) -> None:
        backer = self.refs.agent_after(token)
        if backer is None:
            return
        group = self.refs.modified_actor(token)
        if group is None or group.source == "collective" or group.etype not in {"ArmedGroup", "Coalition", "Organization"}:
            return
        self.ctx.add_actor_fact(group, "backedBy", backer, sent, 0.85)


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
            if child.dep_ == "nmod" and child.i > noun.i:
                organisation = self.refs.actor_at(child)
                if organisation is not None and organisation.etype != "Person":
                    break
                organisation = None
        if organisation is None:
            return
        person = None
        for child in noun.children:
            ref = self.ctx.mentions.by_token.get(child.i)
            # "Le porte-parole de X, Y" (Y in apposition), "Y, porte-parole de X" (Y read as a modifier before it)
            if (child.dep_ in {"appos", "flat:name"} or (child.dep_ == "nmod" and child.i < noun.i)) \
                    and ref is not None and ref.etype == "Person":
                person = ref
        if person is None and noun.dep_ == "appos":
            ref = self.ctx.mentions.by_token.get(noun.head.i)
            person = ref if ref is not None and ref.etype == "Person" else None
        if person is None and noun.i >= 2 and self.doc[noun.i - 1].text == ",":
            # "Saleh al-Arouri, numéro deux du Hamas": an apposition the parser did not label
            ref = self.ctx.mentions.by_token.get(noun.i - 2)
            person = ref if ref is not None and ref.etype == "Person" else None
        if person is not None and person.key != organisation.key:
            self.ctx.add_actor_fact(person, "affiliatedWith", organisation, sent, 0.75)


    def _faction_of(self, noun: Token, sent: Span) -> None:
        """"X, l'une des factions du Hachd al-Chaabi", "X, une milice de l'Axe de la
        résistance": the group described is part of the one the noun's complement names."""
        whole = next((ref for c in noun.children if c.dep_ == "nmod" and c.i > noun.i
                      and (ref := self.refs.named_actor(c.i)) is not None), None)
        if whole is None or whole.etype not in {"ArmedGroup", "Coalition"}:
            return
        member = described_actor(noun, self.doc, self.ctx.mentions)
        if member is None or member.key == whole.key or member.etype != "ArmedGroup":
            return
        self.ctx.add_actor_fact(member, "affiliatedWith", whole, sent, 0.75)

    def _affiliation(self, token: Token, sent: Span) -> None:
        target = None
        for t in self.doc[token.i + 1 : min(sent.end, token.i + 6)]:
            ref = self.refs.named_actor(t.i)
            if ref is not None:
                target = ref
                break
        if target is None:
            return
        member = self.refs.modified_actor(token)
        if member is None or member.key == target.key:
            return
        if member.source == "collective" and token.head.i in self.ctx.mentions.by_token:
            # "groupes armés affiliés au Hachd" inside "nébuleuse formée par ...": the named group
            pass
        # "une nébuleuse formée par des groupes affiliés à X": the nébuleuse is affiliated
        if member.source != "collective" or member.backer is None:
            self.ctx.add_actor_fact(member, "affiliatedWith", target, sent, 0.8)
