"""Unnamed collectives of armed groups, and the named group a group noun describes.

"des groupes armés soutenus par l'Iran", "une milice pro-iranienne", "les milices
irakiennes" become one collective entity per backer or nationality, as analysts name
them (*Iran-backed militias*, *Iraqi militias*); "X, une milice afghane" and "le
groupe pro-iranien X" describe the named X instead.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer, GazetteerEntry
from ..lexicon import triggers
from .model import DocMentions, EntityRef


def state_of_adjective(token: Token, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The state an adjective names: "iranienne" -> Iran, "pro-iraniens" -> Iran."""
    word = token.text.lower()
    if word.startswith("pro-"):
        word = word[4:]
    entry = gazetteer.by_adjective(word)
    if entry is None and token.text.lower().startswith("pro-"):
        entry = gazetteer.lookup(token.text[4:])
    return entry


def _backing_of(noun: Token, doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> tuple[GazetteerEntry, int] | None:
    """Who backs the collective ``noun`` names: pro-X, soutenu par X, X-backed."""
    lex = triggers()
    right = doc[noun.i + 1 : min(len(doc), noun.i + 8)]
    for token in right:
        if token.is_punct and token.text not in {"-", "'"}:
            break
        if token.text.lower().startswith("pro-"):
            entry = state_of_adjective(token, gazetteer)
            if entry is not None:
                return entry, token.i
        if token.lemma_.lower() in lex["backing"]["participles"] or token.text.lower().rstrip("s").rstrip("e") in {
            "soutenu", "parrainé", "armé", "financé", "appuyé", "équipé", "entraîné", "dirigé", "contrôlé"
        }:
            # the backer is the agent of the participle: "soutenus par l'Iran"
            after = doc[token.i + 1 : min(len(doc), token.i + 8)]
            saw_par = False
            for t in after:
                if t.lower_ == "par":
                    saw_par = True
                    continue
                if saw_par and t.i in mentions.by_token:
                    ref = mentions.by_token[t.i]
                    entry = gazetteer.get(ref.key) if ref.known else None
                    if entry is not None and ref.is_actor:
                        return entry, t.i
                    break
                if t.is_punct or (t.pos_ == "VERB" and not saw_par):
                    break
                if saw_par and t.pos_ in {"NOUN", "PROPN"}:
                    break  # the agent is the first noun phrase after "par", and it names no one we know
    # "pro-iranien" may be split by the tokenizer: "pro", "-", "iranien"
    for token in right[:3]:
        if token.lower_ == "pro" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
            entry = state_of_adjective(doc[token.i + 2], gazetteer)
            if entry is not None:
                return entry, token.i + 2
    return None


def _nationality_of(noun: Token, doc: Doc, gazetteer: Gazetteer) -> tuple[GazetteerEntry, int] | None:
    for token in doc[noun.i + 1 : min(len(doc), noun.i + 4)]:
        if token.pos_ == "ADJ" and not token.text.lower().startswith("pro-"):
            entry = gazetteer.by_adjective(token.text.lower())
            if entry is not None and entry.type == "State":
                return entry, token.i
        if token.pos_ not in {"ADJ", "ADV"}:
            break
    return None


def collective(backer: GazetteerEntry | None, nationality: GazetteerEntry | None) -> tuple[str, str, str]:
    """Key and labels of an unnamed collective of armed groups."""
    if backer is not None:
        adjective = _feminine_plural(backer)
        return (
            f"{backer.id}-backed-militias",
            f"{backer.en}-backed militias",
            f"milices pro-{adjective}" if adjective else f"milices soutenues par {backer.fr or backer.en}",
        )
    assert nationality is not None
    return (
        f"{nationality.id}-militias",
        f"{nationality.en} militias",
        f"milices {_feminine_plural(nationality) or '(' + (nationality.fr or nationality.en) + ')'}",
    )


def _feminine_plural(entry: GazetteerEntry) -> str | None:
    """"iraniennes", "américaines": the adjective form that agrees with "milices"."""
    forms = [a for a in entry.adjectives if a.endswith("es")]
    return max(forms, key=len) if forms else None


def _describes_named(noun: Token, doc: Doc, mentions: DocMentions) -> bool:
    return described_actor(noun, doc, mentions) is not None


def described_actor(noun: Token, doc: Doc, mentions: DocMentions) -> EntityRef | None:
    """The named actor a group noun describes: "X, une milice afghane ...", "le groupe pro-iranien X"."""
    head = noun.head
    if noun.dep_ == "appos" and head.i in mentions.by_token and mentions.by_token[head.i].is_actor:
        return mentions.by_token[head.i]
    # "X, l'une des plus puissantes factions pro-iraniennes": the pronoun stands in apposition to X
    if noun.dep_ == "nmod" and head.pos_ == "PRON" and head.lower_ in {"un", "une"}:
        if head.dep_ == "appos" and head.head.i in mentions.by_token and mentions.by_token[head.head.i].is_actor:
            return mentions.by_token[head.head.i]
        if head.i >= 3 and doc[head.i - 1].lower_ == "l'" and doc[head.i - 2].text == ",":
            ref = mentions.by_token.get(head.i - 3)
            if ref is not None and ref.is_actor and ref.source != "adjective":
                return ref
    # "le groupe pro-iranien Kataëb Hezbollah", "la milice chiite Harakat al-Nujaba": the name follows
    # (looked at first: in "Lié à l'Iran, le groupe X", the name before the comma is not the group)
    j = noun.i + 1
    while j < len(doc) and (doc[j].pos_ == "ADJ" or doc[j].text in {"-", "«", '"'} or doc[j].lower_ == "pro"):
        j += 1
    ref = mentions.by_token.get(j) if j < len(doc) and j - noun.i <= 5 else None
    if ref is not None and ref.is_actor and ref.source in {"gazetteer", "ner", "context"} and ref.etype == "ArmedGroup":
        return ref
    # "par un groupe jusque-là inconnu, Saraya Awliya al-Dam": the name after the noun's phrase
    # (which the parser may not hang under the noun)
    j = noun.i + 1
    while j < len(doc) and j - noun.i <= 6 and not doc[j].is_punct and doc[j].pos_ in {"ADV", "ADJ", "VERB"}:
        j += 1
    if j + 1 < len(doc) and doc[j].text == ",":
        ref = mentions.by_token.get(j + 1)
        if ref is not None and ref.is_actor and ref.source in {"gazetteer", "ner", "context"} and ref.etype == "ArmedGroup":
            return ref
    # "X, une milice afghane ...": the name before the comma
    i = noun.i - 1
    while i >= 0 and doc[i].pos_ in {"DET", "ADJ"}:
        i -= 1
    if i >= 1 and doc[i].text == ",":
        ref = mentions.by_token.get(i - 1)
        if ref is not None and ref.is_actor and ref.source != "adjective":
            return ref
    return None


def _np_start(noun: Token) -> int:
    start = noun.i
    for child in noun.lefts:
        if child.dep_ in {"det", "amod", "nummod"}:
            start = min(start, child.i)
    return start


def find_collectives(doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> None:
    """Add to ``mentions`` the unnamed collectives of ``doc`` ("milices pro-iraniennes")."""
    group_nouns = set(triggers()["group_nouns"])
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in group_nouns or token.i in mentions.by_token:
            continue
        if _describes_named(token, doc, mentions):
            continue  # "Kataëb Sayyid al-Chouhada, milice parrainée par Téhéran": a description of X
        backing = _backing_of(token, doc, gazetteer, mentions)
        if backing is not None:
            entry, backer_token = backing
            key, en, fr = collective(entry, None)
            # the mention ends at the noun (the backer stays a mention of its own, "l'Iran"),
            # or at "pro-iranienne"; its surface form runs to the backer
            end = backer_token + 1 if backer_token not in mentions.by_token and backer_token - token.i <= 3 else token.i + 1
            start = _np_start(token)
            surface = doc[start : max(end, backer_token + 1)].text if backer_token - token.i <= 7 else doc[start:end].text
            mentions.add(
                EntityRef(key, "ArmedGroup", start, end, surface, "collective", en, fr,
                          backer=entry.id, backer_token=backer_token)
            )
            continue
        nationality = _nationality_of(token, doc, gazetteer)
        if nationality is not None and token.lemma_.lower() in {"milice", "faction", "groupe", "milicien", "combattant"}:
            entry, adj_i = nationality
            key, en, fr = collective(None, entry)
            start = _np_start(token)
            mentions.add(EntityRef(key, "ArmedGroup", start, adj_i + 1, doc[start : adj_i + 1].text, "collective", en, fr))
