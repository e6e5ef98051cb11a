"""The gazetteer file (builder/data/gazetteer.jsonl) and its loader (builder/gazetteer.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.gazetteer import ENTITY_TYPES, GazetteerEntry, alias_key, load_gazetteer
from builder.resources import data_file, resource_dir

GAZETTEER_FILE = data_file("gazetteer.jsonl")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def records() -> list[dict]:
    lines = GAZETTEER_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --------------------------------------------------------------------------- the data file


def test_file_loads_with_the_whole_region(gaz, records):
    assert len(gaz) == len(records) >= 250
    assert load_gazetteer() is gaz  # read once per process
    assert load_gazetteer(GAZETTEER_FILE) is gaz


def test_ids_are_unique_slugs(records):
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids))
    for entry_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry_id), entry_id


def test_types_are_ontology_classes(records):
    import rdflib

    graph = rdflib.Graph().parse(resource_dir("ontology") / "riposte.ttl")
    rip = rdflib.Namespace("https://w3id.org/riposte/ontology#")
    for name in ENTITY_TYPES:
        assert (rip[name], rdflib.RDF.type, rdflib.OWL.Class) in graph, name
    assert {record["type"] for record in records} <= ENTITY_TYPES


def test_references_exist_and_have_the_right_kind(gaz):
    places = {"State", "Location", "MilitaryBase"}
    for entry in gaz:
        if entry.located_in:
            assert gaz.get(entry.located_in).type in places, entry.id
        if entry.part_of:
            assert gaz.get(entry.part_of).type not in {"Location", "MilitaryBase"}, entry.id


@pytest.mark.parametrize("field", ["located_in", "part_of"])
def test_no_cycles(gaz, field):
    for entry in gaz:
        seen = {entry.id}
        current = getattr(entry, field)
        while current is not None:
            assert current not in seen, f"{field} cycle through {entry.id}"
            seen.add(current)
            current = getattr(gaz.get(current), field)


def test_wikidata_ids_are_items_and_not_shared(records):
    qids = [record["wikidata"] for record in records if record["wikidata"] is not None]
    assert all(re.fullmatch(r"Q[1-9]\d*", qid) for qid in qids)
    assert len(qids) == len(set(qids))


def test_no_alias_is_claimed_by_two_entries(records):
    owner: dict[str, str] = {}
    for record in records:
        for form in [record["en"], record["fr"], *record["aliases"]]:
            if form is None:
                continue
            key = alias_key(form)
            assert key, (record["id"], form)
            assert owner.setdefault(key, record["id"]) == record["id"], (form, owner[key], record["id"])


def test_every_state_has_adjectives_and_a_wikidata_id(gaz):
    for entry in gaz:
        if entry.type == "State":
            assert entry.adjectives and entry.wikidata, entry.id


def test_every_base_is_located(gaz):
    assert all(entry.located_in for entry in gaz if entry.type == "MilitaryBase")


@pytest.mark.parametrize(
    "entry_id",
    [
        "united-states", "iran", "iraq", "syria", "jordan", "israel", "islamic-resistance-in-iraq",
        "islamic-state", "hamas", "popular-mobilization-forces", "us-central-command",
        "us-department-of-defense", "us-led-coalition", "iraqi-armed-forces", "ain-al-asad-air-base",
        "tower-22", "baghdad", "eastern-syria", "anbar-governorate", "kirkuk-governorate",
    ],
)
def test_ids_the_builder_relies_on(gaz, entry_id):
    assert gaz.get(entry_id) is not None


@pytest.mark.parametrize(
    ("entry_id", "owner"),
    [
        ("us-central-command", "united-states"),
        ("us-department-of-defense", "united-states"),
        ("us-air-force", "united-states"),
        ("united-states-armed-forces", "united-states"),
        ("iraqi-armed-forces", "iraq"),
        ("israel-defense-forces", "israel"),
        ("islamic-revolutionary-guard-corps", "iran"),
        ("quds-force", "islamic-revolutionary-guard-corps"),
        ("iraqi-ministry-of-foreign-affairs", "iraq"),
        ("iranian-mission-to-the-united-nations", "iran"),
    ],
)
def test_part_of(gaz, entry_id, owner):
    assert gaz.get(entry_id).part_of == owner


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("surface", "entry_id"),
    [
        ("Daech", "islamic-state"),
        ("l'État islamique", "islamic-state"),
        ("EI", "islamic-state"),
        ("Hachd al-Chaabi", "popular-mobilization-forces"),
        ("Unités de mobilisation populaire", "popular-mobilization-forces"),
        ("Centcom", "us-central-command"),
        ("Commandement central américain", "us-central-command"),
        ("Aïn al-Assad", "ain-al-asad-air-base"),
        ("Ain al-Asad", "ain-al-asad-air-base"),
        ("base aérienne d’Aïn al-Assad", "ain-al-asad-air-base"),
        ("Pentagone", "us-department-of-defense"),
        ("Bagdad", "baghdad"),
        ("Boukamal", "abu-kamal"),
        ("Kataëb Hezbollah", "kataib-hezbollah"),
        ("Houthis", "houthis"),
        ("Téhéran", "iran"),
        ("Washington", "united-states"),
    ],
)
def test_lookup_required_forms(gaz, surface, entry_id):
    assert gaz.lookup(surface).id == entry_id


@pytest.mark.parametrize(
    ("surface", "entry_id"),
    [
        # as the sample articles write them
        ("le commandement central des États-Unis", "us-central-command"),
        ("Commandement militaire américain au Moyen-Orient", "us-central-command"),
        ("Commandement central américain (CENTCOM)", "us-central-command"),
        ("ministère américain de la Défense", "us-department-of-defense"),
        ("l’US Air Force", "us-air-force"),
        ("la Résistance islamique en Irak", "islamic-resistance-in-iraq"),
        ("Résistance irakienne", "islamic-resistance-in-iraq"),
        ("Unités de mobilisation populaire irakiennes", "popular-mobilization-forces"),
        ("des daechistes", "islamic-state"),
        ("coalition internationale contre l'État islamique", "us-led-coalition"),
        ("la coalition internationale antijihadiste", "us-led-coalition"),
        ("coalition antijihadiste", "us-led-coalition"),
        ("axe de résistance", "axis-of-resistance"),
        ("Hamas palestinien", "hamas"),
        ("Aïn Al-Assad", "ain-al-asad-air-base"),
        ("province de Kirkouk", "kirkuk-governorate"),
        ("Kirkouk", "kirkuk"),
        ("d'al-Qaïm", "al-qaim"),
        ("Akashat", "akashat"),
        ("al-Sakkar", "al-sakar"),
        ("d'al-Anbar", "anbar-governorate"),
        ("al-Mayadin", "mayadin"),
        ("Al-Mayadeen", "al-mayadeen"),
        ("l'est de la Syrie", "eastern-syria"),
        ("l'ouest de l'Irak", "western-iraq"),
        ("nord de l’Irak", "northern-iraq"),
        ("frontière irako-syrienne", "iraq-syria-border"),
        ("Erbil", "erbil"),
        ("Tour 22", "tower-22"),
        ("Jordanie", "jordan"),
        ("Etats-Unis", "united-states"),
        ("armée américaine", "united-states-armed-forces"),
        ("forces armées irakiennes", "iraqi-armed-forces"),
        ("le gouvernement irakien", "iraq"),  # a government is its state as an actor, as for Iran and Israel
        ("Le ministère irakien des Affaires étrangères", "iraqi-ministry-of-foreign-affairs"),
        ("la mission iranienne auprès des Nations Unies", "iranian-mission-to-the-united-nations"),
        ("chaîne satellite irakienne al-Nujaba", "al-nujaba-tv"),
        ("al-Nujaba", "harakat-al-nujaba"),
        ("Reuters", "reuters"),
        ("l'AFP", "agence-france-presse"),
        ("Mohamed Chia al-Soudani", "mohammed-shia-al-sudani"),
        ("M. Soudani", "mohammed-shia-al-sudani"),
        ("Mustafa al-Kadhimi", "mustafa-al-kadhimi"),
        ("Hassan Rouhani", "hassan-rouhani"),
        ("Antony Blinken", "antony-blinken"),
        ("Yahya Rasool Abdullah", "yahya-rasool"),
        ("Tsahal", "israel-defense-forces"),
        ("Gardiens de la révolution", "islamic-revolutionary-guard-corps"),
        ("Force Al-Qods", "quds-force"),
        ("bande de Gaza", "gaza-strip"),
        ("Gaza", "gaza-strip"),
        ("mer Rouge", "red-sea"),
        ("Hezbollah", "hezbollah"),
        ("Jihad islamique", "palestinian-islamic-jihad"),
        ("Ansar Allah", "houthis"),
    ],
)
def test_lookup_news_forms(gaz, surface, entry_id):
    assert gaz.lookup(surface).id == entry_id


@pytest.mark.parametrize("surface", ["armée", "coalition", "forces américaines", "", "l'", "milices"])
def test_lookup_misses(gaz, surface):
    assert gaz.lookup(surface) is None


@pytest.mark.parametrize(
    ("word", "entry_id"),
    [
        ("iraniennes", "iran"),
        ("pro-iranien", "iran"),
        ("pro-iraniens", "iran"),
        ("proiraniennes", "iran"),
        ("pro-Iran", "iran"),
        ("Iran", "iran"),
        ("américaine", "united-states"),
        ("irakiens", "iraq"),
        ("syriennes", "syria"),
        ("israélienne", "israel"),
        ("libanaises", "lebanon"),
        ("yéménites", "yemen"),
        ("turque", "turkey"),
        ("émiratis", "united-arab-emirates"),
        ("palestinien", "state-of-palestine"),
    ],
)
def test_by_adjective(gaz, word, entry_id):
    assert gaz.by_adjective(word).id == entry_id


@pytest.mark.parametrize("word", ["kurde", "armée", "pro-Bagdad", "islamique"])
def test_by_adjective_misses(gaz, word):
    assert gaz.by_adjective(word) is None


@pytest.mark.parametrize(
    ("entry_id", "chain"),
    [
        ("al-qaim", ["anbar-governorate", "iraq"]),
        ("ain-al-asad-air-base", ["anbar-governorate", "iraq"]),
        ("kirkuk", ["kirkuk-governorate", "iraq"]),
        ("erbil", ["erbil-governorate", "iraq"]),
        ("abu-kamal", ["deir-ez-zor-governorate", "syria"]),
        ("mayadin", ["deir-ez-zor-governorate", "syria"]),
        ("eastern-syria", ["syria"]),
        ("tower-22", ["jordan"]),
        ("iraq", []),
    ],
)
def test_ancestors(gaz, entry_id, chain):
    assert gaz.ancestors(entry_id) == chain


def test_ancestors_of_an_unknown_id(gaz):
    with pytest.raises(KeyError):
        gaz.ancestors("atlantis")


def test_surface_forms_are_the_original_spellings(gaz):
    forms = set(gaz.surface_forms())
    assert ("Aïn al-Assad", "ain-al-asad-air-base") in forms
    assert ("base aérienne d'Aïn al-Assad", "ain-al-asad-air-base") in forms
    assert ("États-Unis", "united-states") in forms and ("United States", "united-states") in forms
    assert all(form.strip() for form, _ in forms)
    assert {entry_id for _, entry_id in forms} == set(gaz.entries)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("l’État  islamique", "etat islamique"),
        ("L'Etat islamique.", "etat islamique"),
        ("de l'Iran", "iran"),
        ("de la Syrie", "syrie"),
        ("du Hamas", "hamas"),
        ("des Houthis", "houthis"),
        ("d’Aïn Al‑Assad", "ain al assad"),
        ("Tel-Aviv", "tel aviv"),
        ("Kataëb–Hezbollah", "kataeb hezbollah"),
        ("« Hachd al-Chaabi »", "hachd al chaabi"),
        ("Kataʼib", "kata'ib"),
        ("Œuvre", "oeuvre"),
        ("U.S.", "u.s"),
    ],
)
def test_alias_key(text, key):
    assert alias_key(text) == key


def test_entry_is_a_frozen_record(gaz):
    entry = gaz.get("islamic-state")
    assert isinstance(entry, GazetteerEntry)
    assert entry.wikidata == "Q2429253" and entry.fr == "État islamique"
    assert isinstance(entry.aliases, tuple) and "Daech" in entry.aliases
    with pytest.raises(AttributeError):
        entry.id = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- malformed files

GOOD = {"id": "iraq", "type": "State", "en": "Iraq", "fr": "Irak", "aliases": ["Iraq"], "wikidata": "Q796",
        "located_in": None, "part_of": None, "adjectives": ["irakien"]}


def _line(**changes) -> str:
    return json.dumps({**GOOD, **changes}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("lines", "bad_line", "problem"),
    [
        ([_line(), '{"id": "baghdad", "type": '], 2, "invalid JSON"),
        ([_line(), _line(id="x", type="City", aliases=[], adjectives=[])], 2, "unknown type"),
        ([_line(), _line(aliases=[], adjectives=[])], 2, "duplicate id"),
        ([_line(), _line(id="baghdad", type="Location", aliases=[], adjectives=[], wikidata=None, en="Baghdad",
                         fr="Bagdad", located_in="iraq-governorate")], 2, "not an id"),
        ([_line(), _line(id="baghdad", type="Location", en="Baghdad", fr="Bagdad", aliases=["Irak"], adjectives=[],
                         wikidata=None)], 2, "also claimed by 'iraq'"),
        ([_line(wikidata="796")], 1, "not a Wikidata item id"),
        ([_line(id="Iraq")], 1, "not a slug"),
        ([_line(located_in="iraq")], 1, "cycle"),
        ([_line(locatedIn=None)], 1, "unknown field"),
        ([_line(), "", _line(id="syria", en="Syria", fr="Syrie", aliases=[], adjectives=["irakien"], wikidata=None)],
         3, "adjective"),
    ],
)
def test_malformed_gazetteer_names_file_and_line(tmp_path: Path, lines, bad_line, problem):
    path = tmp_path / "gazetteer.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_gazetteer(path)
    message = str(raised.value)
    assert str(path.resolve()) in message
    assert f"line {bad_line}:" in message
    assert problem in message


def test_a_small_valid_file(tmp_path: Path):
    path = tmp_path / "tiny.jsonl"
    path.write_text(
        _line()
        + "\n\n"
        + _line(id="baghdad", type="Location", en="Baghdad", fr="Bagdad", aliases=[], adjectives=[], wikidata=None,
                located_in="iraq")
        + "\n",
        encoding="utf-8",
    )
    tiny = load_gazetteer(path)
    assert len(tiny) == 2
    assert tiny.lookup("à Bagdad") is None  # "à" is not a determiner: callers pass the name
    assert tiny.lookup("de Bagdad") is None
    assert tiny.lookup("Bagdad").id == "baghdad"
    assert tiny.ancestors("baghdad") == ["iraq"]
    assert tiny.by_adjective("irakiens") is None  # adjectives are matched exactly (only "irakien" listed)
    assert tiny.by_adjective("irakien").id == "iraq"
