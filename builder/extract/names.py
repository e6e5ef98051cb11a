"""Names the gazetteer lacks, defined by the text itself.

* **Acronyms defined in parentheses**: "le Cadre stratégique permanent (CSP)", "le Groupe
  de soutien à l'islam et aux musulmans (GSIM, ou JNIM selon son acronyme arabe)", "les
  Volontaires pour la défense de la patrie (VDP)".  The long name is the shortest run of
  words before the parenthesis whose initials spell the acronym (the first word's initial
  first); every acronym in the parenthesis, and each later use of one ("le JNIM"), names
  the same entity.  Its type comes from the name's first noun ("Groupe", "Front",
  "Volontaires" make an armed group; "Observatoire", "Conseil" an organisation;
  "Service", "Commandement" a military body), words of armed struggle inside it
  ("jihadiste", "libération") make it an armed group, and a state's forces ("Forces
  armées", "de défense et de sécurité") a military body.  An acronym defined for a name
  the gazetteer knows is one more name of it.
* **Branches**: a known group followed by a region, not a state ("l'État islamique au
  Sahel", "Al-Qaïda au Maghreb islamique", "l'État islamique en Afrique de l'Ouest") is a
  group of its own, affiliated with the known one.  ("l'État islamique en Syrie" is the
  group in Syria.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer
from ..lexicon import triggers
from .model import DocMentions, EntityRef, slugify

_ACRONYM = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9-]{1,9}$")
_SMALL = {"de", "d'", "du", "des", "la", "le", "les", "l'", "à", "au", "aux", "et", "en", "pour", "sur", "dans"}
_STOP = {",", ";", ":", "(", ")", "«", "»", '"', ".", "!", "?", "-", "–", "—"}


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def find_defined_names(doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> None:
    """Add the names defined by an acronym, their later acronyms, and branches of known groups."""
    lex = triggers()
    defined: dict[str, EntityRef] = {}  # acronym -> the entity it names
    for token in doc:
        if token.text != "(" or token.i + 1 >= len(doc) or not _is_acronym(doc[token.i + 1].text):
            continue
        inside = _parenthesis(doc, token.i)
        acronyms = [t.text for t in inside if _is_acronym(t.text)]
        start = _long_form(doc, token.i, acronyms[0])
        if start is None:
            continue
        long_name = doc[start : token.i]
        known = [r for r in mentions.in_span(start, token.i) if r.known]
        if known and known[0].start == start and known[0].end == token.i:
            for acronym in acronyms:  # "les Forces démocratiques syriennes (FDS)": one more name of a known one
                defined.setdefault(acronym, known[0])
            continue
        name = long_name.text
        close = token.i + 1 + len(inside)
        as_written = doc[start : min(len(doc), close + 1)].text  # "Cadre stratégique permanent (CSP)"
        ref = EntityRef(slugify(name), _type_of(long_name, lex), start, token.i, name, "defined", name, name,
                        aliases=(as_written, *acronyms),
                        affiliated=next((r.key for r in known if r.etype == "ArmedGroup"), None))
        mentions.replace(ref)
        for acronym in acronyms:
            defined.setdefault(acronym, ref)
    for token in doc:
        ref = defined.get(token.text)
        if ref is not None and token.i not in mentions.by_token and not _inside_parenthesis(doc, token.i):
            mentions.add(EntityRef(ref.key, ref.etype, token.i, token.i + 1, token.text, "defined" if not ref.known
                                   else ref.source, ref.label_en, ref.label_fr, ref.known, ref.wikidata,
                                   affiliated=ref.affiliated))
    _branches(doc, gazetteer, mentions)


def _parenthesis(doc: Doc, open_i: int) -> list:
    out = []
    for t in doc[open_i + 1 : min(len(doc), open_i + 12)]:
        if t.text == ")":
            break
        out.append(t)
    return out


def _inside_parenthesis(doc: Doc, i: int) -> bool:
    for t in reversed(doc[max(0, i - 10) : i]):
        if t.text == ")":
            return False
        if t.text == "(":
            return True
    return False


def _long_form(doc: Doc, open_i: int, acronym: str) -> int | None:
    """The start of the shortest run of words before the parenthesis that the acronym
    spells with its words' initials, beginning with a capitalised word."""
    capitals = [c for c in acronym if c.isupper()]
    # "FAMa" (Forces armées maliennes): the capitals spell the name
    letters = ("".join(capitals) if len(capitals) >= 2 else acronym.replace("-", "")).lower()
    # an English acronym spells the French name backwards: "Armée de libération du
    # Baloutchistan (BLA)" is the Baloch Liberation Army
    for spelled in (letters, letters[::-1]):
        for start in range(open_i - 1, max(-1, open_i - 14), -1):
            word = doc[start]
            if word.text in _STOP:
                break
            if not word.text[:1].isupper() or _fold(word.text[0]) != spelled[0]:
                continue
            if _spells(doc[start:open_i], spelled, whole=spelled is not letters):
                return start
    return None


def _fold(ch: str) -> str:
    return {"é": "e", "è": "e", "ê": "e", "à": "a", "â": "a", "î": "i", "ô": "o", "û": "u", "ç": "c"}.get(
        ch.lower(), ch.lower())


def _spells(words: Span, letters: str, whole: bool = False) -> bool:
    """Do the letters appear in order as initials of the words (small words may be skipped,
    and a word may give more than its initial: "Iswap" from "Etat islamique ... West Africa")?
    ``whole``: the content words' initials are exactly the letters."""
    initials = [_fold(w.text[0]) for w in words if w.text not in _STOP]
    content = [_fold(w.text[0]) for w in words if w.text not in _STOP and w.lower_ not in _SMALL]
    if whole:
        return "".join(content) == letters
    for pool in (content, initials):
        i = 0
        for initial in pool:
            if i < len(letters) and initial == letters[i]:
                i += 1
        if i == len(letters) and pool and pool[0] == letters[0]:
            return True
    return False


@lru_cache(maxsize=1)
def organisation_heads() -> dict[str, str]:
    """The type a name's first noun gives it ("Front" an armed group, "Service" a military body)."""
    return {k: v for k, v in triggers()["organisation_heads"].items() if not k.startswith("_")}


def _type_of(name: Span, lex: dict) -> str:
    text = name.text.lower()
    if any(w in text for w in lex["armed_name_words"]):
        return "ArmedGroup"
    first = next((w.lower_ for w in name if w.lower_ not in _SMALL), "")
    kind = organisation_heads().get(first, "Organization")
    if kind == "ArmedGroup" and first in {"forces", "force", "armée"} and any(w in text for w in lex["state_force_words"]):
        return "MilitaryOrganization"  # "Forces armées maliennes (FAMa)", "Forces de défense et de sécurité"
    return kind


def _branches(doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> None:
    """"l'État islamique au Sahel": a known group and a region that is not a state."""
    for ref in list(mentions.entities):
        if not ref.known or ref.etype != "ArmedGroup" or ref.end + 1 >= len(doc):
            continue
        link = doc[ref.end]
        j = ref.end + 1
        if link.lower_ == "dans" and doc[j].lower_ in {"la", "le", "l'"}:
            j += 1
        elif link.lower_ not in {"au", "en"}:
            continue
        end = j
        while end < len(doc) and doc[end].text not in _STOP and (
                doc[end].text[:1].isupper() or doc[end].lower_ in {"de", "d'", "du", "l'"}
                or (end > j and doc[end].pos_ == "ADJ" and doc[end - 1].text[:1].isupper())):
            end += 1  # "au Sahel", "en Afrique de l'Ouest", "au Maghreb islamique"
        while end > j and doc[end - 1].lower_ in {"de", "d'", "du", "l'"}:
            end -= 1
        if end == j:
            continue
        region = doc[j:end].text
        entry = gazetteer.lookup(region)
        inner = mentions.in_span(j, end)
        if (entry is not None and entry.type == "State") or any(r.etype == "State" for r in inner):
            continue  # "l'État islamique en Syrie": the group, in Syria
        # the known group's own name, not the alias that brought a noun along ("groupe jihadiste État islamique")
        known = gazetteer.get(ref.key)
        group = known.fr if known is not None and known.fr and known.fr.lower() in ref.text.lower() else ref.text
        name = f"{group} {doc[ref.end:end].text}"
        mentions.replace(EntityRef(slugify(name), "ArmedGroup", ref.start, end, name, "defined", name, name,
                                   affiliated=ref.key))
