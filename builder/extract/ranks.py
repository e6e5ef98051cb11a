"""Rank and role in apposition: who belongs to which organisation.

French news introduces people by their rank beside their name: "son secrétaire général,
Hassan Nasrallah", "leur porte-parole militaire, Yahya Saree", "Fouad Chokr, le chef
militaire de la formation", "le général X, l'un de leurs commandants adjoints", "X, l'un
des cofondateurs du mouvement", "le porte-parole de la police, X"; and founders: "Kataëb
Hezbollah, fondée par X".  The person is affiliated with the organisation the rank is
of: the one after "de" (a name, or "la formation", "le mouvement" for the group named
before), or for "son", "leur" the organisation the sentence speaks of.  Ministers and
heads of state are not affiliated with their state (their spokesmen are).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .model import EntityRef

RANKS = frozenset({"porte-parole", "porte-parol", "chef", "commandant", "dirigeant", "leader", "émir", "responsable",
                   "cadre", "numéro", "fondateur", "cofondateur", "co-fondateur", "secrétaire", "adjoint", "membre",
                   "représentant", "directeur", "patron", "figure", "président", "vice-président", "ministre",
                   "vice-ministre", "général"})
_NOT_OF_A_STATE = {"président", "vice-président", "ministre", "vice-ministre", "chef", "dirigeant", "leader", "figure",
                   "général", "membre"}
_LEAD = {"le", "la", "l'", "les", "un", "une", "son", "sa", "ses", "leur", "leurs", "de", "des", "du", "d'", "l'un",
         "l'une", "-"}
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_FOUNDED = {"fonder", "créer", "cofonder"}
_BODIES = {"armée", "branche", "bras", "service", "agence", "police", "force", "garde", "unité", "corps", "milice"}


class Ranks:
    """Reads rank appositions sentence by sentence (one instance per article)."""

    def __init__(self, ctx, refs):
        self.ctx = ctx
        self.doc = ctx.doc
        self.refs = refs

    def read(self, sent: Span) -> None:
        for person in self.ctx.mentions.in_span(sent.start, sent.end):
            if person.etype != "Person" or person.source == "adjective":
                continue
            rank = self._rank_after(person, sent) or self._rank_before(person, sent)
            if rank is None:
                continue
            organisation = self._organisation_of(rank, person, sent)
            if organisation is None or organisation.key == person.key:
                continue
            if organisation.etype == "State" and rank.lemma_.lower() in _NOT_OF_A_STATE:
                continue  # ministers and heads of state
            self.ctx.add_actor_fact(person, "affiliatedWith", organisation, sent, 0.7)
        for token in sent:
            if token.lemma_.lower() in _FOUNDED and "Part" in token.morph.get("VerbForm"):
                self._founded(token, sent)
        for ref in self.ctx.mentions.in_span(sent.start, sent.end):
            if ref.etype in {"MilitaryOrganization", "Organization", "ArmedGroup"} and ref.source != "adjective":
                state = self._state_named_after(ref, sent)
                if state is not None and state.key != ref.key:
                    self.ctx.add_actor_fact(ref, "affiliatedWith", state, sent, 0.7)

    def _rank_after(self, person: EntityRef, sent: Span) -> Token | None:
        """"Fouad Chokr, le chef militaire de la formation": the rank noun after the comma."""
        i = person.end
        if i >= sent.end or self.doc[i].text != ",":
            return None
        return self._rank_at(i + 1, sent)

    def _rank_before(self, person: EntityRef, sent: Span) -> Token | None:
        """"son secrétaire général, Hassan Nasrallah": the rank noun before the comma."""
        i = person.start - 1
        if i <= sent.start or self.doc[i].text != ",":
            return None
        for j in range(i - 1, max(sent.start - 1, i - 8), -1):
            token = self.doc[j]
            if token.lemma_.lower() in RANKS and token.pos_ in {"NOUN", "PROPN", "ADJ"}:
                return token
            if token.text in {",", ".", ":", ";"} or token.pos_ == "VERB":
                return None
        return None

    def _rank_at(self, i: int, sent: Span) -> Token | None:
        for j in range(i, min(sent.end, i + 5)):
            token = self.doc[j]
            if token.lemma_.lower() in RANKS and token.pos_ in {"NOUN", "PROPN", "ADJ"}:
                return token
            if token.lower_ not in _LEAD and token.pos_ not in {"DET", "ADP", "PRON", "NUM"}:
                return None
        return None

    def _organisation_of(self, rank: Token, person: EntityRef, sent: Span) -> EntityRef | None:
        # "chef militaire de la formation", "l'un des cofondateurs du mouvement": the name after "de"
        for token in self.doc[rank.i + 1 : min(sent.end, rank.i + 6)]:
            if token.text in {",", ".", ";", ":", "(", ")"}:
                break
            ref = self.refs.named_actor(token.i)
            if ref is None and token.lower_ not in {"de", "d'", "du", "des", "la", "le", "l'", "les"} and token.pos_ == "NOUN":
                ref = self.refs.actor_at(token)  # "la formation", "le mouvement": the group named before
            if ref is not None and ref.key != person.key and ref.etype != "Person":
                return ref
            if token.pos_ == "VERB":
                break
        # "son secrétaire général", "leurs commandants": the organisation the sentence speaks of
        lead = self.doc[max(sent.start, rank.i - 4) : rank.i]
        if any(t.lower_ in _POSSESSIVES for t in lead):
            before = [r for r in self.ctx.mentions.in_span(sent.start, rank.i)
                      if r.is_actor and r.etype not in {"Person", "State"} and r.source != "adjective" and r.key != person.key]
            if before:
                return before[0]
        return None

    def _state_named_after(self, ref: EntityRef, sent: Span) -> EntityRef | None:
        """"les Gardiens de la révolution iraniens", "la force Qods iranienne", "X, l'armée
        idéologique de l'Iran": the state whose body the organisation is."""
        i = ref.end
        # the adjective after the name ("l'armée américaine", a name of its own, says nothing more)
        # ("l'un des groupes pro-iraniens", a group noun standing for a name, is backing, not a body)
        forms = [self.doc[i].lower_] if i < sent.end and self.doc[i].pos_ == "ADJ" and ref.source != "coref" else []
        words = ref.text.split()
        if ref.source == "gazetteer" and ref.etype == "MilitaryOrganization" and len(words) > 2 and words[-1].islower():
            forms.append(words[-1])  # "les Gardiens de la révolution iraniens", one name with its adjective
        for form in forms:
            entry = self.ctx.gazetteer.by_adjective(form)
            if entry is not None and entry.type == "State":
                return self.ctx.ref_for(entry.id)
        if i < sent.end and self.doc[i].text == ",":
            words = self.doc[i + 1 : min(sent.end, i + 7)]
            if words and words[0].lower_ in {"le", "la", "l'", "les"} and any(
                    t.lemma_.lower() in _BODIES for t in words[:3]):
                for t in words:
                    if t.text == ",":
                        break
                    found = self.refs.named_actor(t.i)
                    if found is not None:
                        return found if found.etype == "State" else None
        return None

    def _founded(self, participle: Token, sent: Span) -> None:
        """"Kataëb Hezbollah, fondée par Abou Mahdi al-Mouhandis": the founder belongs to it."""
        founder = self.refs.agent_after(participle)
        group = self.refs.named_actor(participle.head.i)
        if founder is None or group is None or founder.etype != "Person" or group.etype == "Person":
            return
        self.ctx.add_actor_fact(founder, "affiliatedWith", group, sent, 0.7)
