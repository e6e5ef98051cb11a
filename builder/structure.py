"""Article furniture: the lines of a news page that are not its news.

A saved page or an agency dispatch carries, around the story, lines that the
extraction must not read as sentences of it:

* **bylines**: "Par Jeanne Martin et Paul Durand", "Par X, avec AFP", "Par X, envoyée
  spéciale à Manille", "De notre correspondant à Beyrouth, X", a closing "X, avec AFP";
* **datelines**: "BAMAKO (AFP) - ", "Beyrouth, 3 août 2024 (Reuters) -" before the first
  sentence;
* **update and publication lines**: "Mis à jour le 19 septembre 2024 à 15h20", "Publié
  le 5 janvier 2020 à 19h12 - Mis à jour à 21h40", "Dernière mise à jour le ...", "Ce
  direct est terminé."; and update prefixes before news ("Mise à jour à 18h40 : le bilan
  est passé à 37 morts" keeps "le bilan est passé à 37 morts");
* **live-page stamps**: "12h50 - " before an entry, and day headings ("Jeudi 4 janvier");
* **chronology entries**: "3 janvier 2020 - Un drone américain tue ..." dates its line:
  the date prefix is cut (the parser reads "3 janvier 2020 - Un drone" as one noun
  phrase) and the line's first events take its day.

(Captions, credits and links, "Photo : ...", "Légende : ...", "Lire aussi : ...", carry
nothing worth keeping: ``normalize.normalize_text`` drops them before this.)
``split_furniture`` takes such lines (and prefixes) out of the body and returns what
they said: the byline's names, the dateline's place and agency, the date an update or
publication line gives (which anchors "mardi" when the input carries no date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
           "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
_MONTH = "(?:" + "|".join(_MONTHS) + ")"
_WEEKDAY = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY = r"(?:1er|[0-3]?\d)"
_DATE = rf"(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}(?:\s+\d{{4}})?"
_TIME = r"\d{1,2}\s?h\s?\d{0,2}(?:\s*\((?:heure|HEURE)[^)]*\))?"
_AGENCIES = r"(?:AFP|Reuters|AP|ANSA|DPA|EFE|Xinhua|TASS|Belga|ATS|APS|MAP|Anadolu|IRNA|SANA)"
_NAME = r"[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:de|du|des|de la|d'|van|von|el|al|ben|ould)?\s*[A-ZÀ-Ý][\w'’.-]+){0,4}"

_BYLINE = re.compile(
    rf"^(?:[Pp]ar|[Pp]ropos recueillis par)\s+{_NAME}(?:\s*(?:,|et)\s*{_NAME})*"
    rf"(?:\s*,\s*(?:avec\s+{_AGENCIES}|(?:notre\s+)?(?:envoy[ée]e?s?\s+sp[ée]ciale?s?|correspondante?)\s+(?:à|au|en|aux)\s+.+))?\.?$"
    rf"|^[Dd]e\s+(?:notre|nos)\s+(?:envoy[ée]e?s?\s+sp[ée]ciale?s?|correspondante?s?)\s+(?:à|au|en|aux)\s+[^,]+,\s*{_NAME}(?:\s+et\s+{_NAME})?\.?$"
    rf"|^{_NAME}\s*,\s*(?:avec|et)\s+{_AGENCIES}\.?$"
    rf"|^\(?avec\s+{_AGENCIES}\)?\.?$")
_UPDATE = re.compile(
    rf"(?:ce direct est terminé\.?\s*|suivez nos dernières informations\.?\s*)*"
    rf"(?:(?:dernière\s+)?mise?\s+à\s+jour|publié|actualisé)\s+(?:le\s+(?P<date>{_DATE}))?\s*(?:à\s+{_TIME})?"
    rf"(?:\s*[-–—|,]\s*(?:(?:dernière\s+)?mise?\s+à\s+jour|actualisé)\s+(?:le\s+(?P<date2>{_DATE}))?\s*(?:à\s+{_TIME})?)?",
    re.I)
_UPDATE_LINE = re.compile(rf"^(?:ce direct est terminé\.?|suivez nos dernières informations\.?|{_UPDATE.pattern})\s*\.?$", re.I)
_UPDATE_PREFIX = re.compile(rf"^(?:mise?\s+à\s+jour|actualisation|update)\s*(?:le\s+{_DATE}\s*)?(?:à\s+{_TIME})?\s*[:–—-]\s*(?=\S)", re.I)
_DATELINE = re.compile(
    rf"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{{1,40}}?|[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+){{0,2}})"
    rf"(?:\s*\([A-ZÀ-Ý][\w'’ -]{{1,30}}\))?\s*(?:,\s*(?P<date>{_DATE}))?\s*\((?P<agency>{_AGENCIES})\)\s*[-–—:]\s*(?=\S)")
_STAMP = re.compile(rf"^(?:{_TIME}|{_DAY}/\d\d(?:\s+{_TIME})?)\s*[-–—:|]\s*(?=\S)")
_DAY_HEADING = re.compile(rf"^{_DATE}\.?$", re.I)
_ENTRY = re.compile(rf"^(?P<date>{_DATE})\s*[-–—:]\s*(?=\S)", re.I)


@dataclass(frozen=True)
class Furniture:
    """A line, or the start of one, that is page furniture; ``value`` is what it gives
    (names, a place, a date as ISO text) when it gives anything."""

    kind: str  # byline | dateline | update | stamp | heading | entry
    text: str
    value: str | None = None


def parse_day(text: str | None, year_hint: int | None = None) -> dt.date | None:
    """"19 septembre 2024" -> 2024-09-19; without a year, ``year_hint``'s (or None).

    >>> parse_day("mardi 17 septembre 2024"), parse_day("20 juillet", 2024), parse_day("20 juillet")
    (datetime.date(2024, 9, 17), datetime.date(2024, 7, 20), None)
    """
    if not text:
        return None
    found = re.search(rf"({_DAY})\s+({_MONTH})(?:\s+(\d{{4}}))?", text, re.I)
    if found is None:
        return None
    day = 1 if found.group(1).lower() == "1er" else int(found.group(1))
    year = int(found.group(3)) if found.group(3) else year_hint
    if year is None:
        return None
    try:
        return dt.date(year, _MONTHS[found.group(2).lower()], day)
    except ValueError:
        return None


class Layout(NamedTuple):
    text: str  # the body without its furniture
    furniture: tuple[Furniture, ...]
    days: tuple[tuple[int, dt.date], ...]  # (offset in text, day): where a live page's day heading starts its day
    entries: tuple[tuple[int, dt.date], ...]  # (offset in text, day): a chronology entry's line and its day


def split_furniture(body: str, year_hint: int | None = None) -> Layout:
    """The body without its furniture, the furniture in the order it came, where a live
    page's day headings start their day, and where chronology entries start and their day.

    ``year_hint`` is the year of the publication date when the input gives one (an
    update line "Mis à jour le 20 juillet" names no year).

    >>> text, found, days, _ = split_furniture("Par Jeanne Martin et Paul Durand\\nBAMAKO (AFP) - Des hommes armés ont attaqué.\\n"
    ...                                     "Mis à jour le 19 septembre 2024 à 15h20")
    >>> text
    'Des hommes armés ont attaqué.'
    >>> [(f.kind, f.value) for f in found]
    [('byline', 'Jeanne Martin; Paul Durand'), ('dateline', 'BAMAKO'), ('update', '2024-09-19')]
    >>> split_furniture("Jeudi 4 janvier 2024\\n18h05 - Un attentat.\\n\\nMercredi 3 janvier 2024\\n23h50 - Une frappe.").days
    ((0, datetime.date(2024, 1, 4)), (14, datetime.date(2024, 1, 3)))
    """
    lines: list[str] = []  # kept lines, blank runs collapsed to one
    found: list[Furniture] = []
    headings: list[tuple[int, dt.date]] = []  # (index in lines of the line the day starts at, day)
    entries: list[tuple[int, dt.date]] = []  # (index in lines of a chronology entry, its day)
    first_text_line = True
    if year_hint is None:  # "Mis à jour le 4 janvier 2024" gives the year of "Jeudi 4 janvier"
        years = re.findall(rf"(?:mise?\s+à\s+jour|publié)\s+le\s+{_DATE}", body, re.I)
        full = [re.search(r"\d{4}", y) for y in years]
        year_hint = next((int(m.group(0)) for m in full if m), None)
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            if lines and lines[-1]:
                lines.append("")
            continue
        kind = _whole_line_kind(stripped)
        if kind is not None:
            value = _value(kind, stripped, year_hint)
            found.append(Furniture(kind, stripped, value))
            if kind == "heading" and value:
                headings.append((len(lines), dt.date.fromisoformat(value)))
            continue
        for pattern, kind in ((_UPDATE_PREFIX, "update"), (_STAMP, "stamp")):
            prefix = pattern.match(stripped)
            if prefix:
                found.append(Furniture(kind, prefix.group(0).strip(), _value(kind, prefix.group(0), year_hint)))
                stripped = stripped[prefix.end():]
        entry = _ENTRY.match(stripped)
        if entry and len(stripped) > entry.end() + 20:
            day = parse_day(entry.group("date"), year_hint)
            found.append(Furniture("entry", entry.group(0).strip(), day.isoformat() if day else None))
            stripped = stripped[entry.end():]
            stripped = stripped[:1].upper() + stripped[1:]
            if day is not None:
                entries.append((len(lines), day))
        if first_text_line:
            dateline = _DATELINE.match(stripped)
            if dateline and len(dateline.group("place").split()) <= 4:
                found.append(Furniture("dateline", dateline.group(0).strip(), dateline.group("place").strip()))
                stripped = stripped[dateline.end():]
        first_text_line = False
        lines.append(stripped)
    while lines and not lines[-1]:
        lines.pop()
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    days = tuple((starts[i] if i < len(starts) else offset, day) for i, day in headings)
    return Layout("\n".join(lines), tuple(found), days, tuple((starts[i], day) for i, day in entries if i < len(starts)))


def _whole_line_kind(line: str) -> str | None:
    if len(line) <= 160 and _UPDATE_LINE.match(line):
        return "update"
    if len(line) <= 120 and _BYLINE.match(line):
        return "byline"
    if _DAY_HEADING.match(line):
        return "heading"
    return None


def _value(kind: str, text: str, year_hint: int | None) -> str | None:
    if kind == "byline":
        names = re.sub(r"^(?:par|propos recueillis par)\s+", "", text, flags=re.I)
        names = re.sub(r"^de\s+(?:notre|nos)\s+[^,]+,\s*", "", names, flags=re.I)
        names = re.split(r"\s*,\s*(?:avec|et)\s+" + _AGENCIES + r"|\s*,\s*(?:notre\s+)?(?:envoy|correspond)", names, flags=re.I)[0]
        people = [n.strip(" .") for n in re.split(r"\s*,\s*|\s+et\s+", names) if n.strip(" .")]
        people = [p for p in people if not re.fullmatch(r"\(?avec\s+" + _AGENCIES + r"\)?", p, re.I)]
        return "; ".join(people) or None
    if kind in {"update", "heading"}:
        match = _UPDATE.search(text) if kind == "update" else None
        dates = [match.group("date2"), match.group("date")] if match else [text]
        for value in dates:  # the latest update the line gives
            day = parse_day(value, year_hint)
            if day is not None:
                return day.isoformat()
        return None
    return None


def dated_by(furniture: tuple[Furniture, ...]) -> dt.date | None:
    """The day the page's furniture dates it to: its last update or publication line, else
    the first day heading of a live page, else the dateline's date ("ERBIL (Irak), 16
    février 2021 (AFP) -")."""
    for kind in ("update", "heading"):
        values = [f.value for f in furniture if f.kind == kind and f.value]
        if values:
            return dt.date.fromisoformat(max(values) if kind == "update" else values[0])
    return next((day for f in furniture if f.kind == "dateline" and (day := parse_day(f.text)) is not None), None)
