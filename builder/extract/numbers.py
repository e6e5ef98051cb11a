"""Read counts as French news writes them: "34", "2 500", "trois", "dix-huit"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..lexicon import triggers


def number_value(token: Token) -> int | None:
    """The integer a token spells, or ``None``.

    Digits may carry a thin or plain space as thousands separator in the token
    text ("2 500" is sometimes one token); words come from the lexicon.
    """
    text = token.text.lower().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,7}", text):
        return int(text)
    words = triggers()["number_words"]
    if text in words:
        return int(words[text])
    return None


def is_vague(token: Token) -> bool:
    return token.lower_ in set(triggers()["vague_counts"])
