"""Which role a name plays for an event word: perpetrator, target or place.

Read from the parse around the event word: the preposition that governs the name
("contre X", "par X", "à X", "sur X", "depuis X"), its dependency on the event's verb
(subject, object, agent of a passive), the noun that stands for it ("la milice X",
"la base de X", "des combattants de X"), and for a state's adjective the noun it
qualifies ("l'attaque américaine", "un drone israélien", "des positions houthies").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import triggers, word_set
from .dates import is_calendar
from .model import EntityRef
from .syntax import (
    anchor_token,
    event_head,
    governing_preposition,
    is_passive,
    mention_root,
    verb_subject,
)


class Roles:
    """Role reading for one article (``ctx`` is its ``ArticleContext``)."""

    def __init__(self, ctx):
        self.doc = ctx.doc
        self.mentions = ctx.mentions
        self.lex = ctx.lex
        self.event_nouns: dict[str, str] = self.lex["event_nouns"]
        self.event_verbs: dict[str, str] = self.lex["event_verbs"]

    def role_of_entity(self, ref: EntityRef, trigger: Token, is_verb: bool) -> str | None:
        """perpetrator | target | location | near | None for an entity near a trigger."""
        root = self.stand_in(mention_root(self.doc, ref.start, ref.end))
        head = event_head(trigger, is_verb)
        # "Les États-Unis et le Royaume-Uni ont bombardé": a conjunct shares its head's role
        while root.dep_ == "conj" and root.head.i in self.mentions.by_token and root.head.i != trigger.i:
            root = root.head
        if ref.source == "adjective":
            return self._role_of_adjective(root, trigger, head)
        if governing_preposition(root.head if root.dep_ == "appos" else root) in {"selon", "d'après"}:
            return None  # "faisant 22 morts selon l'OSDH": who reports it, not who was hit
        role = self._placed_role(ref, root, trigger, head, is_verb)
        if role == "location" and governing_preposition(root) == "hors":
            return "near"  # "près de Kirkouk", "au nord de Bagdad", "au large de Hodeida": not where it happened
        return role

    def _placed_role(self, ref: EntityRef, root: Token, trigger: Token, head: Token, is_verb: bool) -> str | None:
        if (ref.source == "facility" or ref.etype == "MilitaryBase") and head.pos_ == "VERB" and any(
                c.dep_ == "nsubj:pass" and c.i != root.i and root in c.subtree for c in head.children):
            return "target"  # "trois membres d'équipage du vraquier X ont été tués par un missile": the ship was hit
        role = self._direct_role(ref, root, trigger, head, is_verb)
        if role is not None:
            return role
        # inside a phrase the event aims at: "contre un véhicule appartenant à un
        # groupe", "a visé un site utilisé par ces groupes" -> that actor was targeted
        if ref.is_actor or ref.etype == "MilitaryBase":
            node = root
            for _ in range(6):
                if node.i in {trigger.i, head.i} or node.head.i == node.i:
                    break
                if node.lemma_.lower() in self._backers_words:
                    return None  # "contre des groupes soutenus par l'Iran": Iran is the backer
                prep = governing_preposition(node) if node.i != root.i else None
                if prep in {"contre", "visant", "ciblant"}:
                    return "target"
                if node.dep_ == "obj" and node.head.i == head.i and head.lemma_.lower() in self._target_verbs:
                    return "target"
                node = node.head
        elif ref.etype in {"Location", "State"}:
            # "a frappé un immeuble de la banlieue sud de Beyrouth", "une frappe sur une maison
            # de Khan Younès", "contre un pétrolier dans le golfe d'Aden": where what was hit stands
            node = root.head
            for _ in range(4):
                if node.dep_ == "obj" and node.head.i == head.i and head.lemma_.lower() in self._target_verbs:
                    return "location"
                if node.head.i == node.i or node.i in {trigger.i, head.i}:
                    break
                if governing_preposition(node) in {"contre", "sur", "visant", "ciblant", "devant", "à", "dans", "près"} \
                        and anchor_token(node, {trigger.i: None, head.i: None}, limit=5) is not None:
                    return "location"
                node = node.head
        return None

    def hit_after(self, subject: Token, anchors: dict):
        """"Le pétrolier X a brûlé après avoir été touché par un missile": the subject of the
        clause is what the passive event verb below it, which has no subject of its own, hit."""
        if subject.dep_ in {"nmod", "appos", "flat:name"} and subject.head.lemma_.lower() in word_set("ship_nouns"):
            subject = subject.head  # "le pétrolier Marlin Luanda" (not "un terminal du port de X": where it stands)
        elif not (subject.dep_ in {"nsubj", "nsubj:pass", "ROOT"} and (subject.pos_ == "PROPN" or subject.lemma_.lower() in _vessels_and_sites())):
            return None  # a town is no subject of burning; a named site is
        if subject.dep_ == "ROOT":
            # the parser made the subject head the sentence and its verb a relative below it
            clause = next((c for c in subject.children if c.dep_ in {"acl", "acl:relcl"} and c.pos_ == "VERB"
                           and c.lemma_.lower() in _DAMAGE_VERBS and not any(g.dep_.startswith("nsubj") for g in c.children)), None)
            if clause is None:
                return None
        else:
            clause = subject.head
        for verb in clause.subtree:
            if (verb.i in anchors and verb.dep_ in {"advcl", "xcomp", "acl"} and is_passive(verb)
                    and not any(c.dep_.startswith("nsubj") for c in verb.children)
                    and not any(a.pos_ == "VERB" and a.i != clause.i for a in _up_to(verb, clause))):
                return anchors[verb.i]
        # "la raffinerie X s'embrase après une attaque de drones", "le cargo a coulé après une frappe"
        if clause.lemma_.lower() in _DAMAGE_VERBS:
            for noun in clause.children:
                if noun.i in anchors and noun.pos_ == "NOUN" and governing_preposition(noun) in {"après", "lors", "sous", "dans"}:
                    return anchors[noun.i]
        return None

    def stand_in(self, root: Token) -> Token:
        """"la milice X", "la base de X": the common noun stands for the name in the parse."""
        head = root.head
        if root.dep_ == "amod" and head.lemma_.lower() in word_set("member_nouns"):
            ref = self.mentions.by_token.get(root.i)
            if ref is not None and ref.etype == "ArmedGroup" and ref.source != "adjective":
                return head  # "des combattants houthis ont tiré": the name, tagged an adjective, acts through them
        nouns = word_set("group_nouns") | word_set("base_nouns") | word_set("place_nouns")
        if root.dep_ in {"nmod", "appos", "flat:name"} and head.i < root.i and head.lemma_.lower() in nouns:
            cases = [c.lower_ for c in root.children if c.dep_ == "case"]
            if not cases:
                return head
            naming = word_set("base_nouns") | word_set("place_nouns")
            genitive = governing_preposition(root) in {"de", "d'", "du", "des"}
            if genitive and head.lemma_.lower() in naming:
                return head  # "la base de X", "la province de X"
            ref = self.mentions.by_token.get(root.i)
            if genitive and head.lemma_.lower() in word_set("member_nouns") and ref is not None and ref.is_actor:
                return head  # "des combattants de X" act for X
        return root

    def _conducts(self, verb: Token, trigger: Token) -> bool:
        """The verb of conduct is said of the event word, not of an actor it hangs under:
        "l'attaque contre Israël perpétrée par le Hamas", but not "des roquettes se sont
        abattues sur la base où sont stationnées les troupes de la coalition menée par les
        Etats-Unis" (the participle agrees with "coalition", the actor it follows)."""
        node = verb
        while node.i != node.head.i:
            node = node.head
            if node.i == trigger.i:
                return True
            ref = self.mentions.by_token.get(node.i)
            actor = (ref is not None and ref.is_actor) or node.lemma_.lower() in word_set("group_nouns") | word_set("member_nouns")
            if actor and node.pos_ in {"NOUN", "PROPN"} and _agrees(verb, node) and not (trigger.pos_ == "NOUN" and _agrees(verb, trigger)):
                return False
        return False

    @property
    def _backers_words(self) -> set[str]:
        return word_set("backing", "participles") | word_set("affiliation", "adjectives") | {
            "affilier", "lier", "rattacher"}

    @property
    def _target_verbs(self) -> set[str]:
        return word_set("target_verbs")

    def _role_of_adjective(self, root: Token, trigger: Token, head: Token) -> str | None:
        """"l'attaque américaine", "les forces américaines ont mené": the state did it."""
        if root.dep_ == "conj" and root.head.pos_ == "ADJ":
            root = root.head  # "américains et britanniques": the second shares the first's noun
        if root.i > 0 and self.doc[root.i - 1].lemma_.lower() in {"origine", "fabrication", "conception", "facture"}:
            return None  # "un drone d'origine iranienne", "de fabrication russe": where it was made, not who fired it
        noun = root.head
        weapon = self.mentions.weapon_by_token.get(noun.i)
        if weapon is not None:
            noun = self.doc[weapon.start:weapon.end].root  # "avions de combat jordaniens": the aircraft
        if noun.i == trigger.i:
            return "perpetrator"
        if noun.dep_ == "nsubj" and noun.head.i == head.i and not is_passive(head):
            return "perpetrator"
        if noun.i in self.mentions.weapon_by_token:
            # "une frappe de drone israélien", "tué par un drone américain": whose weapon it was
            if noun.head.i in {trigger.i, head.i} or governing_preposition(noun) == "par":
                return "perpetrator"
            # "lorsqu'un drone israélien a frappé": the parse lost the subject just before the verb
            if head.pos_ == "VERB" and 0 < head.i - noun.i <= 4 and verb_subject(head, self.mentions.by_token) is None:
                return "perpetrator"
        if noun.lemma_.lower() in {"sol", "territoire"} and governing_preposition(noun) in {"sur", "en", "dans"}:
            return "location"
        ref = self.mentions.by_token.get(root.i)
        if ref is not None and ref.etype == "ArmedGroup":
            # "des frappes contre des positions houthies", "ont bombardé des sites houthis": theirs was hit
            if governing_preposition(noun) in {"contre", "visant", "ciblant", "sur"} or (
                    noun.dep_ == "obj" and noun.head.i == head.i and head.lemma_.lower() in self._target_verbs):
                return "target"
        return None

    def _direct_role(self, ref: EntityRef, root: Token, trigger: Token, head: Token, is_verb: bool) -> str | None:
        prep = governing_preposition(root)
        governor = root.head
        if governor.lemma_.lower() in self._backers_words and governor.i not in {trigger.i, head.i}:
            return None  # "des sites liés à l'Iran", "soutenus par l'Iran"
        if governor.lemma_.lower() in {"soutien", "solidarité", "hommage"} and governor.i not in {trigger.i, head.i}:
            return None  # "l'opération, menée en soutien à Gaza": whom it was for, not where
        if ref.etype == "MilitaryBase" and governor.lemma_.lower() in {"approche", "approcher", "abord", "abords"}:
            return "target"  # "abattus à l'approche de la base X", "alors qu'ils s'approchaient de la base X"
        if ref.etype == "Person" and head.lemma_.lower() in _KILL_VERBS and not is_passive(head):
            # "une frappe a tué le général X", "un drone tue à Bagdad le général X": who was killed was hit
            node = root.head if root.dep_ in {"flat:name", "appos"} and root.head.pos_ == "NOUN" else root
            if node.dep_ == "obj" and node.head.i == head.i:
                return "target"
        if (prep in {None, "des", "du", "de", "d'"} and is_calendar(governor) and governor.head.i == head.i
                and root.dep_ in {"appos", "nmod", "obj"}):
            # "a visé mercredi soir la base de Balad": the parse hangs the object off the date
            if head.lemma_.lower() in self._target_verbs:
                return "location" if ref.etype == "Location" else "target"
        if prep in {"contre", "visant", "ciblant"}:
            # a town or region hit is where it happened; a state, base or actor is the target
            return "location" if ref.etype == "Location" else "target"
        if (prep is None and root.dep_ in {"amod", "nmod", "flat:name"} and ref.is_actor
                and governor.i in self.mentions.weapon_by_token
                and (governor.i == trigger.i or (governor.head.i == head.i and governor.dep_ in {"nsubj", "obl:agent"})
                     or governing_preposition(governor) == "par")):
            return "perpetrator"  # "un missile houthi a frappé": the tagger took "houthi" for a name
        if head.lemma_.lower() in {"prendre", "emparer"} and governor.i == head.i and prep in {"à", "au", "aux", "de", "du", "des", "d'"}:
            return "target"  # "s'en prendre à l'aéroport", "s'emparer du navire"
        if prep == "depuis":
            return None  # "tiré depuis le Liban": where it came from; the perpetrator did not strike it
        if prep in {"en", "à", "au", "aux", "dans", "près", "hors", "vers", "devant"}:
            # ("hors": "près de X", "au nord de X"; a place the caller then says the event was near)
            if ref.etype == "State" and prep == "à":
                return None  # countries take "en"/"au": "le soutien à Israël" is no place
            if ref.etype == "MilitaryBase" and prep in {"près", "hors", "à"}:
                return "target"  # "abattus à l'approche de la base X", "près de la base": the base was aimed at
            return "location" if ref.is_place else None
        if prep == "sur":
            return "location" if ref.etype in {"Location", "State"} else "target"
        if prep == "par":
            # only the agent of the event itself ("l'attaque perpétrée par X"), not "soutenus par", "utilisé par"
            conduct = word_set("agentive_conduct_verbs") | set(self.event_verbs) | word_set("launch_verbs")
            agentive_head = head.i == trigger.i or head.lemma_.lower() in conduct
            if ref.is_actor and ((governor.i == trigger.i) or (governor.i == head.i and agentive_head)
                                 or (governor.lemma_.lower() in conduct and self._conducts(governor, trigger))):
                return "perpetrator"
            return None  # "l'attaque a été imputée par Washington": not who carried it out
        if prep in {"de", "du", "des", "d'"} and governor.i in self.mentions.weapon_by_token and ref.is_actor \
                and ref.etype != "State" and (governor.head.i in {trigger.i, head.i} or governor.i == trigger.i):
            return "perpetrator"  # "un drone de Tsahal", "un tir de missile balistique des Houthis"
        if prep in {"de", "du", "des", "d'"} and governor.i == trigger.i:
            if ref.etype == "MilitaryBase":
                return "target"
            if ref.etype == "Location":
                return "location"
            if ref.etype == "State" and trigger.lemma_.lower() in {"frappe", "raid", "bombardement"}:
                return "location"
            return "perpetrator"
        subject = verb_subject(head, self.mentions.by_token) if head.pos_ == "VERB" else None
        if subject is not None and (ref.start <= subject.i < ref.end or subject.i == root.i):
            if is_passive(head):
                if head.lemma_.lower() in self._target_verbs or is_verb:
                    return "target"
                return None
            if ref.is_actor and head.lemma_.lower() in word_set("agentive_conduct_verbs") | set(self.event_verbs):
                return "perpetrator"
            if (ref.etype in {"State", "MilitaryOrganization", "Coalition"} and trigger.dep_ == "obj"
                    and head.lemma_.lower() in word_set("announce_verbs") and self.event_nouns.get(trigger.lemma_.lower()) == "Strike"):
                return "announced"  # "Washington a confirmé plusieurs frappes": probably its own
            return None
        if root.dep_ == "obj" and governor.i == head.i and head.lemma_.lower() in self._target_verbs:
            # "a bombardé plusieurs localités du Sud-Liban": towns and regions are where it struck
            return "location" if ref.etype == "Location" else "target"
        return None


def _agrees(participle: Token, noun: Token) -> bool:
    """Same gender and number, both stated."""
    return all(participle.morph.get(f) and participle.morph.get(f) == noun.morph.get(f) for f in ("Gender", "Number"))


def _up_to(token: Token, top: Token) -> list[Token]:
    """The tokens between ``token`` and its ancestor ``top`` (neither included)."""
    path = []
    for ancestor in token.ancestors:
        if ancestor.i == top.i:
            return path
        path.append(ancestor)
    return path


_KILL_VERBS = {"tuer", "assassiner", "éliminer", "abattre"}
_DAMAGE_VERBS = {"embraser", "brûler", "prendre", "couler", "sombrer", "exploser", "effondrer", "incendier", "flamber"}


@lru_cache(maxsize=1)
def _vessels_and_sites() -> frozenset[str]:
    """Ship nouns and facility nouns ("pétrolier", "hôtel", "raffinerie")."""
    return frozenset(word_set("ship_nouns") | {k for k in triggers()["facility_nouns"] if not k.startswith("_")})
