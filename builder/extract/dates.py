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
_WEEKDAY_ORDER = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
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
def resolve(expression: str, published: dt.date | None, month: str | None = None,
            year: int | None = None) -> dt.date | None:
    """Resolve a French date expression.

    ``month`` ("2024-10") is a publication month, for an article whose day is not known:
    it gives the year of "le 3 octobre" (the year before for "le 3 novembre"), never the
    day of "mardi".  ``year`` is the running year of an article with no date at all (the
    year of the dates it names with their year): it gives the year of "le 3 octobre" only.
    "X dernier" is strictly before the publication day.

    >>> resolve("dimanche 28 janvier 2024", None)
    datetime.date(2024, 1, 28)
    >>> resolve("28 janvier", None) is None
    True
    >>> resolve("mardi", dt.date(2024, 2, 2))
    datetime.date(2024, 1, 30)
    >>> resolve("3 octobre", None, "2024-10"), resolve("3 novembre", None, "2024-10"), resolve("mardi", None, "2024-10")
    (datetime.date(2024, 10, 3), datetime.date(2023, 11, 3), None)
    >>> resolve("vendredi dernier", dt.date(2024, 2, 2)), resolve("3 mars", None, year=2021)
    (datetime.date(2024, 1, 26), datetime.date(2021, 3, 3))
    """
    import dateparser  # slow to import; only needed when a date is found

    words = expression.lower().split()
    strict = "dernier" in words or "dernière" in words
    words = [w for w in words if w not in {"dernier", "dernière"}]
    expression = " ".join(words)
    has_year = any(w.isdigit() and len(w) == 4 for w in words)
    if published is None and month is None and year is not None and not has_year:
        if not any(w in MONTHS for w in words):
            return None
        return resolve(f"{expression} {year}", None)
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
    if len(words) == 2 and words[0] in WEEKDAYS and words[1].isdigit():
        return _weekday_and_day(words[0], int(words[1]), published) if published else None
    base = dt.datetime.combine(published, dt.time(12)) if published else None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    only_weekday = all(w in WEEKDAYS for w in words)
    if only_weekday and published is not None:
        # the most recent such weekday up to the publication day
        target = _WEEKDAY_ORDER.index(words[0])
        delta = (published.weekday() - target) % 7
        if strict and delta == 0:
            delta = 7  # "vendredi dernier", said on a Friday: a week ago
        return published - dt.timedelta(days=delta)
    text = " ".join(w for w in words if w not in WEEKDAYS)
    parsed = dateparser.parse(text, languages=["fr"], settings=settings)
    if parsed is None:
        return None
    value = parsed.date()
    if published is not None and not has_year and (value > published or (strict and value == published)):
        value = value.replace(year=value.year - 1)
    return value


def _weekday_and_day(weekday: str, number: int, published: dt.date) -> dt.date | None:
    """"jeudi 4": the latest day numbered 4 that is a Thursday, in the two months up to publication."""
    target = _WEEKDAY_ORDER.index(weekday)
    for back in range(0, 62):
        day = published - dt.timedelta(days=back)
        if day.day == number and day.weekday() == target:
            return day
    return None


_CALENDAR = WEEKDAYS | MONTHS | word_set("calendar", "day_parts")


def is_calendar(token: Token) -> bool:
    """Does the token name a day or a time of day ("jeudi", "2 février", "soir")?"""
    return any(word in _CALENDAR for word in token.lower_.split())


_THIS = {("ce", "matin"), ("cette", "nuit"), ("ce", "soir"), ("cet", "après-midi"), ("cette", "matinée")}


def find_dates(sent: Span, published: dt.date | None, month: str | None = None,
               year: int | None = None) -> list[DateMention]:
    """Date expressions of a sentence, resolved where that is certain (``month``, ``year``:
    see ``resolve``).

    "dans la nuit de samedi à dimanche" (and "du 3 au 4 février") is the second day: a
    night attack is dated by the morning after, and the first day is no date of its own.
    """
    found: list[DateMention] = []
    tokens = list(sent)
    skip = _first_nights(tokens)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        lower = token.lower_
        if " " in lower:  # a date merged into one token by the pipeline: "vendredi 2 février"
            words = lower.split()
            if any(w in MONTHS for w in words):
                before = token.doc[token.i - 2 : token.i] if token.i >= 2 else token.doc[0 : token.i]
                if not any(t.lower_ in _NOT_EVENT_DAY for t in before) and token.i not in skip:
                    found.append(DateMention(lower, token, resolve(lower, published, month, year)))
                i += 1
                continue
        if i + 1 < len(tokens) and (lower, tokens[i + 1].lower_) in _THIS:
            found.append(DateMention(f"{lower} {tokens[i + 1].lower_}", token, published))  # "ce matin"
            i += 2
            continue
        start = i
        parts: list[str] = []
        if lower in WEEKDAYS:
            parts.append(lower)
            i += 1
            if i < len(tokens) and tokens[i].lower_ in {"dernier", "dernière"}:
                parts.append("dernier")  # "dimanche dernier"
                i += 1
            elif (i < len(tokens) and tokens[i].text.isdigit() and 1 <= int(tokens[i].text) <= 31
                  and not (i + 1 < len(tokens) and tokens[i + 1].lower_ in MONTHS)):
                parts.append(tokens[i].text)  # "jeudi 4"
                i += 1
        if i < len(tokens) and tokens[i].like_num and i + 1 < len(tokens) and tokens[i + 1].lower_ in MONTHS:
            day = tokens[i].text
            if day.isdigit() and 1 <= int(day) <= 31:
                parts += [day, tokens[i + 1].lower_]
                i += 2
                if i < len(tokens) and tokens[i].text.isdigit() and len(tokens[i].text) == 4:
                    parts.append(tokens[i].text)
                    i += 1
                if i < len(tokens) and tokens[i].lower_ in {"dernier", "dernière"}:
                    parts.append("dernier")  # "le 7 octobre dernier"
                    i += 1
        elif lower in RELATIVE and not parts:
            parts.append(lower)
            i += 1
        if not parts:
            i = start + 1
            continue
        first = tokens[start]
        before = first.doc[first.i - 2 : first.i] if first.i >= 2 else first.doc[0 : first.i]
        if any(t.lower_ in _NOT_EVENT_DAY for t in before) or first.i in skip:
            continue
        expression = " ".join(parts)
        found.append(DateMention(expression, first, resolve(expression, published, month, year)))
    return found + _eve_and_morrow(sent, found)


def _first_nights(tokens: list[Token]) -> set[int]:
    """The first day of "la nuit de samedi à dimanche", "la nuit du 3 au 4 février"."""
    first: set[int] = set()
    for k, token in enumerate(tokens[:-3]):
        if token.lower_ != "nuit" or tokens[k + 1].lower_ not in {"de", "du", "d'"}:
            continue
        j = k + 2
        if tokens[j].lower_ in WEEKDAYS or tokens[j].like_num or " " in tokens[j].text:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and nxt.lower_ in {"à", "au"}:
                first.add(tokens[j].i)
    return first


# "le lendemain", "deux jours plus tard": counted from a day told before
_LATER = {"tard": 1, "après": 1, "tôt": -1, "auparavant": -1, "avant": -1}
_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
            "neuf": 9, "dix": 10, "quinze": 15}


def relative_days(sent: Span) -> list[tuple[Token, int]]:
    """Days counted from another one ("le lendemain", "la veille", "ce jour-là", "le même
    jour", "deux jours plus tard", "trois jours plus tôt", "une semaine après"): (token, offset).
    Those that name what they count from ("au lendemain des tirs") are left out."""
    found: list[tuple[Token, int]] = []
    tokens = list(sent)
    for k, token in enumerate(tokens):
        lower = token.lower_
        nxt = tokens[k + 1].lower_ if k + 1 < len(tokens) else ""
        prev = tokens[k - 1].lower_ if k > 0 else ""
        if lower in _EVE and prev in {"la", "le"} and nxt not in {"de", "du", "des", "d'"}:
            found.append((token, _EVE[lower]))
        elif (lower in {"jour-là", "jour-la"} or (lower == "jour" and nxt in {"-là", "-la"})) and prev == "ce":
            found.append((token, 0))  # "ce jour-là"
        elif lower == "jour" and prev == "même" and nxt not in {"de", "du", "où"}:
            found.append((token, 0))
        elif lower in {"jours", "semaine", "semaines"} and (prev in _NUMBERS or (prev.isdigit() and int(prev) < 32)):
            count = _NUMBERS.get(prev) or int(prev)
            count *= 7 if lower.startswith("semaine") else 1
            rest = [t.lower_ for t in tokens[k + 1 : k + 3]]
            direction = next((_LATER[w] for w in rest if w in _LATER), None)
            if direction is not None and not (rest and rest[-1] in {"le", "la", "les"}):
                found.append((token, direction * count))
    return found


def since(sent: Span, published: dt.date | None, month: str | None = None,
          year: int | None = None) -> list[DateMention]:
    """"depuis le 8 octobre", "depuis octobre 2023": when a series of events started."""
    out: list[DateMention] = []
    for token in sent:
        if " " in token.text and any(w in MONTHS for w in token.lower_.split()):
            before = [t.lower_ for t in token.doc[max(0, token.i - 2) : token.i]]
            if "depuis" in before or "dès" in before:
                out.append(DateMention(token.lower_, token, resolve(token.lower_, published, month, year)))
    return out


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
