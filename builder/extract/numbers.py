"""Read counts as French news writes them: "34", "2 500", "trois", "dix-huit"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..lexicon import triggers


def number_value(token: Token) -> int | None:
    """The integer a token spells, or ``None``.

    Digits may carry a thin or plain space as thousands separator in the token
    text ("2 500" is sometimes one token).  Words are composed the French way
    ("vingt-trois", "quatre-vingt-dix", "deux cents", "vingt et un"), whether
    the tokenizer kept them in one token or split them at the hyphens.
    """
    text = token.text.lower().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,7}", text):
        return int(text)
    return words_value(_hyphen_chain(token))


def _hyphen_chain(token: Token) -> str:
    """"quarante - cinq" split by the tokenizer, read back as "quarante-cinq" from any of its parts."""
    doc, start, end = token.doc, token.i, token.i
    while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _units():
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and doc[end + 2].lower_ in _units():
        end += 2
    return "".join(t.text for t in doc[start : end + 1]).lower()


def _units() -> dict[str, int]:
    """The number words compounds are made of (lexicon "number_words")."""
    return triggers()["number_words"]


def words_value(text: str) -> int | None:
    """The integer French number words spell, or ``None``.

    >>> [words_value(w) for w in ("vingt-trois", "quatre-vingt-dix", "deux cents", "vingt et un", "mille deux cents", "dix-huit")]
    [23, 90, 200, 21, 1200, 18]
    >>> words_value("quarantaine") is None
    True
    """
    units = _units()
    parts = [p for p in re.split(r"[-\s]+", text.strip().lower()) if p and p != "et"]
    if not parts or any(p not in units for p in parts):
        return None
    total, current = 0, 0
    for part in parts:
        value = units[part]
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif value == 20 and current in {4}:
            current *= 20  # "quatre-vingt"
        else:
            current += value
    return total + current


def is_vague(token: Token) -> bool:
    return token.lower_ in set(triggers()["vague_counts"])
