"""Named facilities and ships: what attacks hit, named after their noun.

French news names a target by a common noun and a name: "l'hôtel Hayat", "l'aéroport
Modibo-Keïta", "la raffinerie NORSI", "la base K1", "le vraquier Rubymar", or the noun
and a place: "la raffinerie de Riazan", "le camp militaire de Kati", "l'école de
gendarmerie de Faladié", "le mausolée de Shah Cheragh", "le ministère de l'Intérieur".
Each is one entity named by the whole phrase (a hotel, a refinery, a camp is what was
hit); the place after "de" stays a mention of its own, where the facility is.  The
nouns and their types are data (``facility_nouns`` and ``ship_nouns`` in
``triggers.json``): bases and camps are military bases, ministries organisations, the
rest places, as ships are (the ontology has no class of ships).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer
from ..lexicon import triggers
from .dates import MONTHS, WEEKDAYS
from .model import DocMentions, EntityRef, slugify

_LINKS = {"de", "d'", "du", "des"}
_DETERMINERS = {"le", "la", "les", "l'"}
_QUOTES = {"«", "»", '"', "“", "”"}


def find_facilities(doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> None:
    """Add to ``mentions`` the named facilities and ships of ``doc``."""
    lex = triggers()
    facilities = {k: v for k, v in lex["facility_nouns"].items() if not k.startswith("_")}
    ships = set(lex["ship_nouns"])
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or token.i in mentions.by_token or (lemma not in facilities and lemma not in ships):
            continue
        etype = facilities.get(lemma, "Location")
        end = _modifiers_end(doc, token.i + 1)
        named = _name_end(doc, end, mentions)
        if named is not None:  # "l'hôtel Hayat", "le vraquier Rubymar", "la raffinerie NORSI de Lukoil"
            _add(doc, mentions, gazetteer, token.i, named, named, etype, ship=lemma in ships)
            continue
        if lemma in ships:
            continue  # a ship is named right after its noun
        place = _place_after(doc, end, mentions)
        if place is not None:  # "la raffinerie de Riazan", "le camp militaire de Kati"
            _add(doc, mentions, gazetteer, token.i, end, place[1], etype)


def _modifiers_end(doc: Doc, i: int) -> int:
    """Past the adjectives and "de + common noun" that qualify the facility noun
    ("militaire", "de gendarmerie", "pétrolier", "de stockage")."""
    while i < len(doc):
        word = doc[i]
        if word.pos_ == "ADJ" and word.is_lower:
            i += 1
        elif word.lower_ in {"de", "d'"} and i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN" and doc[i + 1].is_lower \
                and not _is_calendar(doc[i + 1]):
            i += 2
        else:
            return i
    return i


def _is_calendar(token: Token) -> bool:
    return any(w in WEEKDAYS | MONTHS for w in token.lower_.split())


def _name_end(doc: Doc, i: int, mentions: DocMentions) -> int | None:
    """The end of a name that follows the noun directly ("Hayat", "« Galaxy Leader »")."""
    if i < len(doc) and doc[i].text in _QUOTES:
        i += 1
    j = i
    while j < len(doc) and (_name_word(doc[j]) or (doc[j].text == "-" and j > i and j + 1 < len(doc)
                                                   and _name_word(doc[j + 1]))) and j not in mentions.weapon_by_token:
        ref = mentions.by_token.get(j)
        if ref is not None and ref.source == "gazetteer" and ref.etype != "Location":
            return None  # "la base américaine de ...", "le navire de la marine X": a known actor, not a name
        j += 1
    if j == i:
        return None
    if j < len(doc) and doc[j].text in _QUOTES:
        j += 1
    return j


def _name_word(token: Token) -> bool:
    text = token.text
    if not text[:1].isupper() and not (text[:1].isdigit() and any(c.isupper() for c in text)):
        return False
    return not _is_calendar(token) and token.pos_ in {"PROPN", "NOUN", "X", "ADJ", "NUM"}


def _place_after(doc: Doc, i: int, mentions: DocMentions) -> tuple[int, int] | None:
    """(start, end) of X in "de X", "du X", "de l'X" after the facility noun, X a name."""
    if i >= len(doc) or doc[i].lower_ not in _LINKS:
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ in _DETERMINERS:
        j += 1
    ref = mentions.by_token.get(j)
    if ref is not None:
        if not ref.is_place and ref.etype not in {"Organization"}:
            return None  # "la base de la coalition", "le siège du Hezbollah": whose it is
        if ref.etype == "MilitaryBase":
            return None  # "la base de Tower 22", "les bases d'Aïn al-Asad": the base is named by its name
        return j, ref.end
    end = _name_end(doc, j, mentions)
    return (j, end) if end is not None else None


def _add(doc: Doc, mentions: DocMentions, gazetteer: Gazetteer, noun: int, own_end: int, label_end: int,
         etype: str, ship: bool = False) -> None:
    """The facility's mention spans its noun and modifiers (and a name right after them);
    its label runs on to the place after "de", which keeps a mention of its own.  A ship
    is called by its name alone ("le vraquier Rubymar" is the Rubymar)."""
    first = _modifiers_end(doc, noun + 1) if ship else noun
    label = doc[first:label_end].text.strip(" «»\"“”")
    if any(i in mentions.by_token for i in range(noun, own_end)) or gazetteer.lookup(label) is not None:
        return
    mentions.add(EntityRef(slugify(label), etype, noun, own_end, label, "facility", label, label))
