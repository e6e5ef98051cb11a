"""Stateless helpers over the dependency parse, shared by every extraction stage.

The statistical parse of news French is good at local attachments (a preposition to
its noun, a subject to its verb) and shaky at long ones, so the rules read roles
locally (the preposition that governs a mention, its dependency to the nearest event
word) and fall back on proximity inside the sentence when the tree gives no event.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..lexicon import triggers, word_set
from .dates import is_calendar

DIRECTIONS = {"est", "ouest", "nord", "sud", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "centre"}
_PROXIMITY = {"abords", "environs", "périphérie", "banlieue", "sol", "territoire", "alentours"}
# "près de", "à proximité de", "au large de", "non loin de", "à 30 km de": near a place, not in it
_OUTSIDE = {"près", "proximité", "large", "loin", "km", "kilomètres", "kilomètre"}


def future_or_conditional(verb: Token) -> bool:
    """"frappera", "frapperaient", "détruirait": by the tagger, or by the form, which the
    tagger sometimes reads as an imperfect ("frapperaient" -> Tense=Imp)."""
    if "Fut" in verb.morph.get("Tense") or "Cnd" in verb.morph.get("Mood"):
        return True
    lemma, form = verb.lemma_.lower(), verb.lower_
    if lemma.endswith(("er", "ir")):
        stem = lemma
    elif lemma.endswith("re"):
        stem = lemma[:-1]
    else:
        return False
    endings = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")
    return any(form == stem + ending for ending in endings)


def governing_preposition(token: Token) -> str | None:
    """The preposition heading ``token``'s phrase ("contre", "en", "par"...)."""
    cases = [c for c in token.children if c.dep_ in {"case", "mark"} and c.pos_ in {"ADP", "SCONJ"} and c.i < token.i]
    if cases:
        # the preposition nearest the name governs it ("des Gardiens en Syrie": "en")
        child = max(cases, key=lambda c: c.i)
        words = [child.lower_] + [c.lower_ for c in child.children if c.dep_ == "fixed"]
        before = token.doc[child.i - 1].lower_ if child.i > 0 else ""
        if words[0] in {"de", "d'", "du", "des"} and (before in _OUTSIDE or (
                before in DIRECTIONS and child.i > 1 and token.doc[child.i - 2].lower_ in {"au", "l'", "à"}
                and token.doc[child.i - 3 if child.i > 2 else 0].lower_ != "dans")):
            return "hors"  # "près d'Al-Qaïm", "au large de Hodeïda", "à 30 km de", "au nord de Bagdad": not in it
        if words[0] in {"de", "d'", "du", "des"} and before in _PROXIMITY:
            return "près"  # "aux abords de", "dans la banlieue de": at its edge, in it
        if words[0] in {"de", "d'", "du", "des"} and before in DIRECTIONS:
            return "dans"  # "dans le sud de la mer Rouge"
        return " ".join(words)
    # "dans l'est de la Syrie": the preposition governs the direction noun
    if token.head.i != token.i and token.head.lower_ in DIRECTIONS | _PROXIMITY | _OUTSIDE:
        above = governing_preposition(token.head)
        if token.head.lower_ in _OUTSIDE or (token.head.lower_ in DIRECTIONS and above in {"au", "à"}):
            return "hors"  # "au nord de Bagdad": the preposition governs the direction noun
        return above
    # the parse lost the attachment: the preposition just before, over determiners ("sur la base ...")
    j = token.i - 1
    while j >= 0 and token.doc[j].pos_ == "DET" and j > token.i - 3:
        j -= 1
    if j >= 0 and token.doc[j].pos_ == "ADP":
        return token.doc[j].lower_
    return None


def determiner(token: Token) -> str | None:
    for child in token.lefts:
        if child.dep_ == "det":
            return child.lower_
        # "la plupart des attaques", "l'une des frappes": "des" is "de les", a definite
        if child.dep_ == "case" and child.lower_ in {"des", "du"} and "Def" in child.morph.get("Definite"):
            if child.i > 0 and token.doc[child.i - 1].pos_ in {"NOUN", "PRON", "NUM"} and token.doc[child.i - 1].dep_ != "ROOT":
                return "les" if child.lower_ == "des" else "le"
    if token.i > 0 and token.doc[token.i - 1].pos_ == "DET":
        return token.doc[token.i - 1].lower_
    return None


def mention_root(doc: Doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root


def is_sourced(sent: Span) -> bool:
    """The sentence reports a source ("selon X", "d'après X"): a little less certain."""
    text = sent.text.lower()
    return any(f"{w} " in text for w in triggers()["sourcing"])


def is_hedged(sent: Span) -> bool:
    """Conditional mood or a hedge word ("aurait été", "présumé", "soupçonné")."""
    hedges = set(triggers()["hedges"])
    for token in sent:
        if token.lower_ in hedges:
            return True
        if token.pos_ == "AUX" and "Cnd" in token.morph.get("Mood") and token.lower_ not in {"devrait", "pourrait"}:
            return True
    return False



def opening_word(sent: Span) -> Token | None:
    """The sentence's first word, past spaces and opening quotes."""
    return next((t for t in sent if not t.is_space and t.text not in {"«", '"'}), None)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ == "aux:pass" for c in verb.children) or "Pass" in verb.morph.get("Voice")


def event_head(token: Token, is_verb: bool) -> Token:
    """The verb that carries a noun trigger's clause ("ont mené des frappes")."""
    if is_verb:
        return token
    if token.dep_ == "nmod" and token.head.lemma_.lower() in word_set("quantity_nouns") and token.head.head.pos_ == "VERB":
        return token.head.head  # "ont lancé des dizaines de drones"
    head = token.head
    if token.dep_ == "nmod" and is_calendar(head) and head.head.pos_ == "VERB":
        return head.head  # "ont mené vendredi 2 février des frappes": the parse hangs them off the date
    if token.dep_ in {"obj", "nsubj:pass", "nsubj", "obl:arg", "obl:agent"} and head.pos_ == "VERB":
        return head  # "ont mené des frappes", "a été visée par une frappe"
    return token


def verb_subject(verb: Token, named: set[int] | dict) -> Token | None:
    """The subject of an event verb; ``named`` holds the tokens that name someone."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubj:pass"}:
            # the parser sometimes makes "Les" the subject of "Les Gardiens de la révolution ont tiré"
            if child.pos_ == "DET" and child.i + 1 in named:
                return child.doc[child.i + 1]
            return child
    # "Les États-Unis affirment avoir mené des frappes": the infinitive's subject is the main verb's;
    # "..., affirmant avoir visé": the participle's is its clause's
    infinitive = "Inf" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children)  # "avoir mené"
    if verb.dep_ in {"xcomp", "ccomp"} and infinitive and verb.head.i != verb.i:
        return verb_subject(verb.head, named)
    if verb.dep_ in {"advcl", "acl"} and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"):
        return verb_subject(verb.head, named)
    return None


# "ne" alone is no negation: "avant que les États-Unis ne se déclarent à l'origine" (ne explétif)
_NEGATION = {"pas", "jamais", "aucun", "aucune", "nullement", "point", "guère"}


def negated(verb: Token) -> bool:
    """"n'a pas revendiqué", "n'a ni confirmé ni démenti" (the second verb is a conjunct of the first)."""
    if any(child.lower_ in _NEGATION for child in verb.children):
        return True
    # "ne ... ni X ni Y": both verbs carry "ni", the first also "ne"
    return any(c.lower_ == "ni" for c in verb.children) and any(
        c.lower_ in {"ne", "n'"} for c in (verb.head if verb.dep_ == "conj" else verb).children)


def quoted_tokens(sent: Span) -> set[int]:
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


def anchor_token(token: Token, anchors: dict, limit: int = 8, actors=None) -> Token | None:
    """Walk up the tree from ``token`` to the first event word or its verb.

    ``actors`` (token index -> the actor it names): a relative clause on an actor's name
    is a boundary, since it tells of the actor, not of the event: in "Le PKK, qui mène une
    guérilla contre l'armée turque, a revendiqué l'attaque", the army is the guerrilla's
    target, not the attack's.  (A relative clause on a ship, a weapon or the victims,
    "un navire qui naviguait dans le golfe d'Aden", does tell the event.)"""
    current = token
    for _ in range(limit):
        if current.i in anchors:
            return current
        if current.head.i == current.i:
            return None
        if actors is not None and current.dep_ == "acl:relcl" and current.head.i in actors:
            return None
        current = current.head
    return None


def nearest(token: Token, positions: list[tuple[int, object]]):
    """The item of ``positions`` ((token index, item) pairs) nearest ``token``, earlier first on a tie."""
    if not positions:
        return None
    return min(positions, key=lambda item: (abs(item[0] - token.i), item[0] > token.i))[1]


@lru_cache(maxsize=8)
def participle_forms(verbs: frozenset[str]) -> frozenset[str]:
    """The past participles of the given infinitives in all four forms.

    >>> sorted(participle_forms(frozenset({"financer", "soutenir"})))
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


def pluperfect(verb: Token) -> bool:
    """"avait visé", "avaient été tués": an auxiliary in the imperfect before a past participle."""
    return any(c.dep_.startswith("aux") and c.lemma_.lower() in {"avoir", "être"} and "Imp" in c.morph.get("Tense")
               for c in verb.children)
