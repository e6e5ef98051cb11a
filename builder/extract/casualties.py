"""Casualty counts: "tuant trois soldats", "au moins 34 blessés", "aucune victime"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..lexicon import triggers
from .dates import MONTHS
from .syntax import governing_preposition
from .numbers import is_vague, number_value



@dataclass(frozen=True)
class Count:
    predicate: str  # killed | wounded
    value: int
    token: Token  # the casualty word, to find the event it belongs to


def _kind(token: Token) -> str | None:
    lex = triggers()
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower.endswith("ant") and lemma == lower:
        lemma = lower[:-3] + "er"  # the lemmatiser sometimes leaves "blessant" as it is
    if lemma in lex["killed"]["verbs"] or lower in lex["killed"]["nouns"] or lower in lex["killed"]["adjectives"]:
        if lower.startswith("victime"):
            return None  # "victimes" may count the wounded too: only "aucune victime" is read
        return "killed"
    if lemma in lex["wounded"]["verbs"] or lower in lex["wounded"]["nouns"] or lemma in lex["wounded"]["nouns"]:
        return "wounded"
    return None


def _value_near(token: Token) -> int | None:
    """The count tied to the noun phrase ``token`` heads, through the parse."""
    if token.lemma_.lower() in {"numéro", "n°"}:
        return None  # "X, numéro deux du Hamas": a rank, not a count
    if token.pos_ == "NUM" and not _is_date_number(token):
        return number_value(token)  # "quarante-cinq ont été blessées": the number is the subject
    for child in token.children:
        if child.dep_ == "nummod" and not _is_date_number(child):
            return number_value(child)
        # the tagger reads "neuf autres personnes" as an adjective: a number before the noun counts
        if child.dep_ == "amod" and child.i < token.i and number_value(child) is not None:
            return number_value(child)
    for child in token.children:
        # the tagger may take a number word for something else ("Neuf soldats" read as a preposition)
        if child.i == token.i - 1 and child.dep_ not in {"nummod", "amod", "det"} and number_value(child) is not None \
                and not _is_date_number(child):
            return number_value(child)
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in {"un", "une"}:
            return 1
    if token.pos_ in {"NUM", "PRON"} and any(c.dep_ == "case" for c in token.children):
        return number_value(token)  # "la mort de deux de ses combattants": the number stands alone
    return None


def _is_date_number(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in MONTHS


def victims_of(token: Token) -> list[Token]:
    """The nouns naming whom a casualty word counts.

    A participle describes its noun ("trois soldats tués"); an active verb counts its
    object ("tuant trois soldats"); a passive or intransitive one its subject ("trois
    personnes ont été tuées", "23 personnes ont péri"), since an active subject is the
    attack itself.
    """
    describes = token.pos_ == "ADJ" or "Past" in token.morph.get("Tense")  # "tués", not "tuant"
    if token.dep_ in {"amod", "acl"} and describes and not any(c.dep_.startswith("aux") for c in token.children):
        return [token.head]
    if token.pos_ in {"VERB", "AUX"}:
        passive = any(c.dep_ == "aux:pass" for c in token.children)
        intransitive = token.lemma_.lower() in triggers()["intransitive_death_verbs"]
        wanted = {"nsubj:pass", "nsubj"} if passive or intransitive else {"obj"}
        return [c for c in token.children if c.dep_ in wanted]
    return []


def _count_for(token: Token, sent: Span) -> int | None:
    """Find the number a casualty word refers to, or None when vague/absent."""
    candidates: list[Token] = [token]
    if token.lemma_.lower() == "coûter":
        # "coûtant la vie à quatre soldats": the count is whom it cost
        candidates += [c for c in token.children if c.dep_ in {"obl:arg", "iobj", "obl:mod", "obl"}
                       and any(g.lower_ in {"à", "aux"} for g in c.children)]
    if token.lower_ in {"mort", "décès"}:
        # "la mort de deux de ses combattants", "le décès de trois soldats": whose death
        candidates += [c for c in token.children if c.dep_ == "nmod" and governing_preposition(c) in {"de", "d'", "du", "des"}]
        after = [t for t in sent.doc[token.i + 1 : min(sent.end, token.i + 4)]]
        if len(after) >= 2 and after[0].lower_ in {"de", "d'"} and after[1].pos_ in {"NUM", "PRON"}:
            value = number_value(after[1])
            if value is not None and not _is_date_number(after[1]):
                return value
    if token.lower_.endswith("ant") and token.dep_ == "advmod" and token.head.pos_ == "NOUN" and token.head.i > token.i:
        candidates.append(token.head)  # "blessant légèrement deux civils" parsed as a modifier of "civils"
    candidates += victims_of(token)
    for cand in candidates:
        if is_vague(cand) or any(is_vague(c) for c in cand.children if c.dep_ in {"det", "nummod", "amod"}):
            return None  # "des dizaines de soldats", "plusieurs personnes"
        value = _value_near(cand)
        if value is not None:
            if any(is_vague(c) for c in cand.children):
                return None
            return value
    # fallback: a number just before the word ("34 autres blessés", "10 morts")
    # or just after an active verb ("en a blessé six autres")
    window = list(sent.doc[max(sent.start, token.i - 4) : token.i])[::-1]
    passive = any(c.dep_ == "aux:pass" for c in token.children)
    participle = token.pos_ == "AUX" and token.lower_.endswith("ant")  # "blessant" mis-tagged as an auxiliary
    if (token.pos_ == "VERB" or participle) and not passive:
        window = list(sent.doc[token.i + 1 : min(sent.end, token.i + 5)]) + window
    for other in window:
        if other.is_punct or other.pos_ == "CCONJ" or (other.pos_ == "VERB" and other.i < token.i) or other.lower_ == "numéro":
            break  # "a tué le numéro deux du Hamas": a rank
        if is_vague(other):
            return None
        value = number_value(other)
        if value is not None and other.pos_ in {"NUM", "DET", "PRON"} and not _is_date_number(other):
            if other.lower_ in {"un", "une"} and other.pos_ == "DET" and other.i > token.i:
                return 1
            if other.pos_ == "NUM":
                return value
    return None


def find_counts(sent: Span) -> list[Count]:
    """Every casualty count stated in the sentence."""
    counts: list[Count] = []
    lowered = sent.text.lower()
    lex = triggers()
    if any(phrase in lowered for phrase in lex["no_victims"] if phrase not in lex["no_wounded"] + lex["no_killed"]):
        counts += [Count("killed", 0, sent.root), Count("wounded", 0, sent.root)]
    else:
        if any(phrase in lowered for phrase in lex["no_wounded"]):
            counts.append(Count("wounded", 0, sent.root))
        if any(phrase in lowered for phrase in lex["no_killed"]):
            counts.append(Count("killed", 0, sent.root))
    for token in sent:
        kind = _kind(token)
        if kind is None:
            continue
        if any(c.lower_ in {"aucun", "aucune"} for c in token.children):
            continue
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subject is not None and any(c.lower_ in {"aucun", "aucune", "nul", "nulle"} for c in subject.children):
            counts.append(Count(kind, 0, token))  # "Aucun militaire n'a été blessé"
            continue
        value = _count_for(token, sent)
        if value is not None:
            counts.append(Count(kind, value, token))
    return counts
