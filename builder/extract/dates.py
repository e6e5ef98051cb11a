"""Dates of events: "le 3 décembre", "dimanche 28 janvier 2024", "mardi", "hier".

Expressions are found on tokens; resolution is dateparser's, against the
article's publication date.  Without a publication date only what is certain
is kept: a full date with its year.  A day and month without a year, or a bare
weekday, stay unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..lexicon import word_set

WEEKDAYS = word_set("calendar", "weekdays")
MONTHS = word_set("calendar", "months")
RELATIVE = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0}
# "depuis le 17 octobre" starts a period; it is not the day the event happened
_NOT_EVENT_DAY = {"depuis", "jusqu'au", "avant", "après", "dès"}


@dataclass(frozen=True)
class DateMention:
    text: str
    token: Token  # first token, to attach the date to an event
    value: dt.date | None


@lru_cache(maxsize=4096)
def resolve(expression: str, published: dt.date | None, month: str | None = None) -> dt.date | None:
    """Resolve a French date expression.

    ``month`` ("2024-10") is a publication month, for an article whose day is not known:
    it gives the year of "le 3 octobre" (the year before for "le 3 novembre"), never the
    day of "mardi".

    >>> resolve("dimanche 28 janvier 2024", None)
    datetime.date(2024, 1, 28)
    >>> resolve("28 janvier", None) is None
    True
    >>> resolve("mardi", dt.date(2024, 2, 2))
    datetime.date(2024, 1, 30)
    >>> resolve("3 octobre", None, "2024-10"), resolve("3 novembre", None, "2024-10"), resolve("mardi", None, "2024-10")
    (datetime.date(2024, 10, 3), datetime.date(2023, 11, 3), None)
    """
    import dateparser  # slow to import; only needed when a date is found

    words = expression.lower().split()
    has_year = any(w.isdigit() and len(w) == 4 for w in words)
    if published is None and month is not None and not has_year:
        if not any(w in MONTHS for w in words):
            return None  # "mardi", "hier": the week is not known
        year, number = int(month[:4]), int(month[5:7])
        day = resolve(f"{expression} {year}", None)
        if day is not None and day.month > number:
            day = resolve(f"{expression} {year - 1}", None)
        return day
    if published is None and not has_year:
        return None
    if expression.lower() in RELATIVE:
        return published + dt.timedelta(days=RELATIVE[expression.lower()]) if published else None
    base = dt.datetime.combine(published, dt.time(12)) if published else None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    only_weekday = all(w in WEEKDAYS for w in words)
    if only_weekday and published is not None:
        # the most recent such weekday up to the publication day
        target = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"].index(words[0])
        delta = (published.weekday() - target) % 7
        return published - dt.timedelta(days=delta)
    text = " ".join(w for w in words if w not in WEEKDAYS)
    parsed = dateparser.parse(text, languages=["fr"], settings=settings)
    if parsed is None:
        return None
    value = parsed.date()
    if published is not None and not has_year and value > published:
        value = value.replace(year=value.year - 1)
    return value


_CALENDAR = WEEKDAYS | MONTHS | word_set("calendar", "day_parts")


def is_calendar(token: Token) -> bool:
    """Does the token name a day or a time of day ("jeudi", "2 février", "soir")?"""
    return any(word in _CALENDAR for word in token.lower_.split())


def find_dates(sent: Span, published: dt.date | None, month: str | None = None) -> list[DateMention]:
    """Date expressions of a sentence, resolved where that is certain (``month``: see ``resolve``)."""
    found: list[DateMention] = []
    tokens = list(sent)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        lower = token.lower_
        if " " in lower:  # a date merged into one token by the pipeline: "vendredi 2 février"
            words = lower.split()
            if any(w in MONTHS for w in words):
                before = token.doc[token.i - 2 : token.i] if token.i >= 2 else token.doc[0 : token.i]
                if not any(t.lower_ in _NOT_EVENT_DAY for t in before):
                    found.append(DateMention(lower, token, resolve(lower, published, month)))
                i += 1
                continue
        start = i
        parts: list[str] = []
        if lower in WEEKDAYS:
            parts.append(lower)
            i += 1
        if i < len(tokens) and tokens[i].like_num and i + 1 < len(tokens) and tokens[i + 1].lower_ in MONTHS:
            day = tokens[i].text
            if day.isdigit() and 1 <= int(day) <= 31:
                parts += [day, tokens[i + 1].lower_]
                i += 2
                if i < len(tokens) and tokens[i].text.isdigit() and len(tokens[i].text) == 4:
                    parts.append(tokens[i].text)
                    i += 1
        elif lower in RELATIVE and not parts:
            parts.append(lower)
            i += 1
        if not parts:
            i = start + 1
            continue
        first = tokens[start]
        before = first.doc[first.i - 2 : first.i] if first.i >= 2 else first.doc[0 : first.i]
        if any(t.lower_ in _NOT_EVENT_DAY for t in before):
            continue
        expression = " ".join(parts)
        found.append(DateMention(expression, first, resolve(expression, published, month)))
    return found + _eve_and_morrow(sent, found)


_EVE = {"veille": -1, "lendemain": 1}


def _eve_and_morrow(sent: Span, found: list[DateMention]) -> list[DateMention]:
    """"a démenti samedi ... le tir qui a visé la veille l'ambassade": the day before that
    Saturday.  Only against another day of the same sentence; "à la veille du scrutin" and
    "au lendemain des tirs" (followed by what they are relative to) are not dates."""
    extra: list[DateMention] = []
    for token in sent:
        offset = _EVE.get(token.lower_)
        if offset is None or token.i == 0 or token.doc[token.i - 1].lower_ not in {"la", "le"}:
            continue
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ in {"de", "du", "des", "d'"}:
            continue
        anchors = [m for m in found if m.value is not None]
        if not anchors:
            extra.append(DateMention(f"{token.doc[token.i - 1].lower_} {token.lower_}", token, None))
            continue
        nearest = min(anchors, key=lambda m: abs(m.token.i - token.i))
        extra.append(DateMention(f"{token.doc[token.i - 1].lower_} {token.lower_}", token,
                                 nearest.value + dt.timedelta(days=offset)))
    return extra
