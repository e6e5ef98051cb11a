"""The gazetteer: known actors and places, read from ``builder/data/gazetteer.jsonl``.

The file is data, one JSON object per line::

    {"id": "islamic-state", "type": "ArmedGroup", "en": "Islamic State",
     "fr": "État islamique", "aliases": ["Daech", "EI", ...], "wikidata": "Q2429253",
     "located_in": null, "part_of": null, "adjectives": []}

``id`` is the slug the entity's IRI is made from; ``located_in`` (places) and
``part_of`` (actors) name other ids.  An optional ``note`` says why an entry is
the way it is.  Everything here is standard library only: the loader is used by
the spaCy stage, by the export stage and by tests that load no model.

>>> gaz = load_gazetteer()
>>> gaz.lookup("l'État islamique").id
'islamic-state'
>>> gaz.by_adjective("pro-iraniens").id
'iran'
>>> gaz.ancestors("al-qaim")
['anbar-governorate', 'iraq']
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .resources import data_file

#: The ontology classes (local names) an entry may have.
ENTITY_TYPES = frozenset(
    {"State", "ArmedGroup", "MilitaryOrganization", "Organization", "Coalition", "Person", "Location", "MilitaryBase"}
)
#: Types that are places: the only valid targets of ``located_in``.
PLACE_TYPES = frozenset({"State", "Location", "MilitaryBase"})
#: Types that are actors: the only valid targets of ``part_of``.
ACTOR_TYPES = frozenset({"State", "ArmedGroup", "MilitaryOrganization", "Organization", "Coalition", "Person"})

_FIELDS = ("id", "type", "en", "fr", "aliases", "wikidata", "located_in", "part_of", "adjectives", "note")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity, as the gazetteer file states it."""

    id: str
    type: str
    en: str
    fr: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    located_in: str | None = None
    part_of: str | None = None
    adjectives: tuple[str, ...] = ()
    note: str | None = None

    def labels(self) -> tuple[str, ...]:
        """Both labels and every alias, original spelling, without repeats."""
        forms = [self.en, *([self.fr] if self.fr else []), *self.aliases]
        return tuple(dict.fromkeys(forms))


# --------------------------------------------------------------------------- keys

# Apostrophe-like marks (typographic, modifier letters, primes, the ʿayn/hamza of
# transliterations) all count as ASCII '.
_APOSTROPHES = str.maketrans({ch: "'" for ch in "\u2019\u2018\u02bc\u02bb\u02bf\u02be\u2032\u00b4`"})
# Every dash and the hyphen itself count as a space: news writes "al-Qaïm",
# "al Qaïm" and "Al-Qaïm" for one town, "Tel-Aviv" and "Tel Aviv" for one city.
_DASHES = str.maketrans({ch: " " for ch in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})
# Letters that NFD does not split into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ß": "ss"})
_QUOTES = " \t\n\"«»“”„‟‹›"
# Leading French determiners and elisions, longest first: "de l'" before "de la" before "d'".
_DETERMINER = re.compile(r"^(?:de l'|de la |l'|le |la |les |du |des |d'|au |aux )")


def alias_key(text: str) -> str:
    """Return the matching key of a surface form: the same key means the same name.

    NFKC; case-folded; accents stripped (œ → oe); apostrophes unified to ``'``;
    hyphens and dashes read as spaces; whitespace collapsed; surrounding quotes,
    a trailing period and leading French determiners or elisions (l', le, la,
    les, du, des, de la, de l', d', au, aux) removed.

    >>> alias_key("l’État  islamique")
    'etat islamique'
    >>> alias_key("base aérienne d’Aïn Al-Assad")
    "base aerienne d'ain al assad"
    >>> alias_key("de l'Iran.")
    'iran'
    >>> alias_key("« Kataëb Hezbollah »")
    'kataeb hezbollah'
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LIGATURES)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = text.translate(_APOSTROPHES).translate(_DASHES)
    text = " ".join(text.split()).strip(_QUOTES)
    if text.endswith("."):
        text = text[:-1].rstrip()
    stripped = _DETERMINER.sub("", text, count=1)
    return (stripped or text).strip()


# --------------------------------------------------------------------------- the gazetteer


class Gazetteer:
    """Known entities by id, by surface form and by adjective (read-only once built).

    Build it with :func:`load_gazetteer`, which checks the file; built directly
    from entries, a form claimed twice goes to the first entry that has it.
    """

    def __init__(self, entries: Iterable[GazetteerEntry], source: str = "<memory>") -> None:
        table = {entry.id: entry for entry in entries}
        self.entries: Mapping[str, GazetteerEntry] = MappingProxyType(table)
        self.source = source
        self._by_key: dict[str, GazetteerEntry] = {}
        self._by_adjective: dict[str, GazetteerEntry] = {}
        self._by_types: dict[frozenset[str], frozenset[str]] = {}
        for entry in table.values():
            for form in entry.labels():
                self._by_key.setdefault(alias_key(form), entry)
            for adjective in entry.adjectives:
                self._by_adjective.setdefault(alias_key(adjective), entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries.values())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def ids_of_types(self, types: Iterable[str]) -> frozenset[str]:
        """The ids of every entry of the given types (cached per set of types)."""
        key = frozenset(types)
        if key not in self._by_types:
            self._by_types[key] = frozenset(e.id for e in self.entries.values() if e.type in key)
        return self._by_types[key]

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id, or ``None``."""
        return self.entries.get(entry_id)

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry one of whose labels or aliases has the same :func:`alias_key`.

        >>> load_gazetteer().lookup("base aérienne d’Aïn al-Assad").id
        'ain-al-asad-air-base'
        """
        key = alias_key(surface)
        return self._by_key.get(key) if key else None

    def by_adjective(self, word: str) -> GazetteerEntry | None:
        """The entry an adjective (or a "pro-" form) points to.

        "iraniennes" → Iran, "pro-iraniens" and "proiraniens" → Iran; the name
        itself is accepted too ("pro-Iran", "Iran") when it names a state or an
        entry that has adjectives.

        >>> [load_gazetteer().by_adjective(w).id for w in ("américaines", "pro-Iran", "proirakiens")]
        ['united-states', 'iran', 'iraq']
        """
        key = alias_key(word)
        candidates = [key]
        if key.startswith("pro "):
            candidates.append(key[4:])
        elif key.startswith("pro") and len(key) > 3:
            candidates.append(key[3:])  # "proiranien", the spelling some papers use
        for candidate in candidates:
            entry = self._by_adjective.get(candidate)
            if entry is not None:
                return entry
        for candidate in candidates:
            entry = self._by_key.get(candidate)
            if entry is not None and (entry.type == "State" or entry.adjectives):
                return entry
        return None

    def ancestors(self, entry_id: str) -> list[str]:
        """The ``located_in`` chain above ``entry_id``, nearest first (``KeyError`` if unknown).

        >>> load_gazetteer().ancestors("abu-kamal")
        ['deir-ez-zor-governorate', 'syria']
        """
        chain: list[str] = []
        current = self.entries[entry_id].located_in
        while current is not None and current not in chain:
            chain.append(current)
            current = self.entries[current].located_in
        return chain

    def containers(self, key: str) -> list[str]:
        """Like ``ancestors``; a place the gazetteer does not know is looked up among the
        world's places (``builder.places``: a city's region and country), else it is in
        nothing we know.

        >>> load_gazetteer().containers("somewhere-unknown"), load_gazetteer().containers("mogadishu")
        ([], ['somalia'])
        """
        if key in self.entries:
            return self.ancestors(key)
        from . import places  # loads its index on first use

        try:
            chain = places.containers(key)
        except KeyError:
            return []
        for i, container in enumerate(chain):  # a region or country the gazetteer has goes on up its chain
            if container in self.entries:
                return chain[: i + 1] + [c for c in self.ancestors(container) if c not in chain[: i + 1]]
        return chain

    def knows_place(self, key: str) -> bool:
        """Is ``key`` a place of the gazetteer or of the world's places?"""
        entry = self.entries.get(key)
        if entry is not None:
            return entry.type in {"Location", "State", "MilitaryBase"}
        from . import places

        return places.get(key) is not None

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """Every label and alias with its entry id, as written (for an entity ruler)."""
        for entry in self.entries.values():
            for form in entry.labels():
                yield form, entry.id


# --------------------------------------------------------------------------- loading


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and check a gazetteer file (``builder/data/gazetteer.jsonl`` by default).

    Read once per path and process.  A malformed file raises ``ValueError`` naming
    the file, the line and the problem: bad JSON, a missing or unknown field, an
    id that is not a slug or is repeated, an unknown type, a Wikidata id that is
    not ``Q…``, a ``located_in``/``part_of`` that names no entry (or a non-place /
    non-actor), a containment cycle, or an alias or adjective claimed by two ids.
    """
    resolved = Path(path) if path is not None else data_file("gazetteer.jsonl")
    return _load_cached(str(resolved.resolve()))


@lru_cache(maxsize=None)
def _load_cached(path: str) -> Gazetteer:
    return Gazetteer(_read_entries(Path(path)), source=path)


load_gazetteer.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]


def _read_entries(path: Path) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    line_of: dict[str, int] = {}

    def fail(line: int, problem: str) -> ValueError:
        return ValueError(f"{path}, line {line}: {problem}")

    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                raise fail(number, f"invalid JSON ({error.msg} at column {error.colno})") from None
            entry = _entry_from_record(record, lambda problem, n=number: fail(n, problem))
            if entry.id in line_of:
                raise fail(number, f"duplicate id {entry.id!r} (first on line {line_of[entry.id]})")
            line_of[entry.id] = number
            entries.append(entry)

    by_id = {entry.id: entry for entry in entries}
    keys: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for entry in entries:
        number = line_of[entry.id]
        for field, allowed in (("located_in", PLACE_TYPES), ("part_of", ACTOR_TYPES)):
            target = getattr(entry, field)
            if target is None:
                continue
            if target not in by_id:
                raise fail(number, f"{field} {target!r} of {entry.id!r} is not an id in the gazetteer")
            if by_id[target].type not in allowed:
                raise fail(number, f"{field} {target!r} of {entry.id!r} is a {by_id[target].type}")
        for form in entry.labels():
            key = alias_key(form)
            if not key:
                raise fail(number, f"alias {form!r} of {entry.id!r} is empty once normalised")
            owner = keys.setdefault(key, entry.id)
            if owner != entry.id:
                raise fail(
                    number,
                    f"alias {form!r} of {entry.id!r} is also claimed by {owner!r} "
                    f"(line {line_of[owner]}; both read {key!r})",
                )
        for adjective in entry.adjectives:
            owner = adjectives.setdefault(alias_key(adjective), entry.id)
            if owner != entry.id:
                raise fail(number, f"adjective {adjective!r} of {entry.id!r} is also claimed by {owner!r} (line {line_of[owner]})")
    for field in ("located_in", "part_of"):
        for entry in entries:
            seen = [entry.id]
            current = getattr(entry, field)
            while current is not None:
                if current in seen:
                    raise fail(line_of[entry.id], f"{field} cycle: {' -> '.join([*seen, current])}")
                seen.append(current)
                current = getattr(by_id[current], field)
    return entries


def _entry_from_record(record: object, fail: Callable[[str], ValueError]) -> GazetteerEntry:
    """Check one parsed line's fields; ``fail(problem)`` builds the error that names the line."""
    if not isinstance(record, dict):
        raise fail("a line must be one JSON object")
    unknown = sorted(set(record) - set(_FIELDS))
    if unknown:
        raise fail(f"unknown field(s) {', '.join(unknown)}")
    for name in ("id", "type", "en"):
        if not isinstance(record.get(name), str) or not record[name].strip():
            raise fail(f"field {name!r} must be a non-empty string")
    entry_id, entry_type = record["id"], record["type"]
    if not _SLUG.match(entry_id):
        raise fail(f"id {entry_id!r} is not a slug (lower-case ASCII words joined by hyphens)")
    if entry_type not in ENTITY_TYPES:
        raise fail(f"unknown type {entry_type!r} for {entry_id!r} (expected one of {', '.join(sorted(ENTITY_TYPES))})")
    for name in ("fr", "wikidata", "located_in", "part_of", "note"):
        value = record.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise fail(f"field {name!r} of {entry_id!r} must be a non-empty string or null")
    wikidata = record.get("wikidata")
    if wikidata is not None and not _QID.match(wikidata):
        raise fail(f"wikidata {wikidata!r} of {entry_id!r} is not a Wikidata item id (Q…)")
    lists = {}
    for name in ("aliases", "adjectives"):
        value = record.get(name, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"field {name!r} of {entry_id!r} must be a list of non-empty strings")
        lists[name] = tuple(value)
    return GazetteerEntry(
        id=entry_id,
        type=entry_type,
        en=record["en"],
        fr=record.get("fr"),
        aliases=lists["aliases"],
        wikidata=wikidata,
        located_in=record.get("located_in"),
        part_of=record.get("part_of"),
        adjectives=lists["adjectives"],
        note=record.get("note"),
    )
