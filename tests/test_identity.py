"""Event identity: two reports of one strike make one event node, other attacks stay apart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from builder.identity import content_key, same_event, unify_events
from builder.records import Article, Event, Extraction, Fact, Mention, Sentence
from builder.store import open_store
from builder.vocab import PREFIXES, RDF, RIP, RIPID

D = dt.date


def strike(**roles) -> dict:
    return {"kind": "Strike", "perpetrator": set(), "target": set(), "location": set(), "date": set(), **roles}


def attack(**roles) -> dict:
    return {**strike(**roles), "kind": "Attack"}


# --------------------------------------------------------------------------- same_event


def test_same_strike_a_day_apart_al_qaim_in_iraq(gazetteer) -> None:
    a = strike(perpetrator={"united-states"}, location={"al-qaim"}, date={D(2024, 2, 2)})
    b = strike(perpetrator={"united-states"}, location={"iraq"}, date={D(2024, 2, 3)})
    assert same_event(a, b, gazetteer) > 0
    assert same_event(b, a, gazetteer) == same_event(a, b, gazetteer)


def test_same_base_three_days_apart_is_another_attack(gazetteer) -> None:
    a = attack(perpetrator={"islamic-resistance-in-iraq"}, target={"ain-al-asad-air-base"}, date={D(2024, 1, 20)})
    b = attack(perpetrator={"islamic-resistance-in-iraq"}, target={"ain-al-asad-air-base"}, date={D(2024, 1, 23)})
    assert same_event(a, b, gazetteer) == 0


def test_same_base_needs_the_same_day(gazetteer) -> None:
    a = attack(target={"ain-al-asad-air-base"}, location={"iraq"}, date={D(2024, 1, 20)})
    assert same_event(a, {**a, "date": {D(2024, 1, 21)}}, gazetteer) == 0
    assert same_event(a, {**a, "location": set()}, gazetteer) > 0
    # the base named as the place by one report and as the target by the other
    b = attack(location={"ain-al-asad-air-base"}, date={D(2024, 1, 20)})
    assert same_event(a, b, gazetteer) > 0


def test_undated_never_matches(gazetteer) -> None:
    a = strike(perpetrator={"united-states"}, location={"iraq"})
    b = strike(perpetrator={"united-states"}, location={"iraq"}, date={D(2024, 2, 2)})
    assert same_event(a, a, gazetteer) == 0
    assert same_event(a, b, gazetteer) == 0
    assert same_event(b, a, gazetteer) == 0


def test_attack_never_matches_strike(gazetteer) -> None:
    a = strike(perpetrator={"united-states"}, location={"iraq"}, date={D(2024, 2, 2)})
    assert same_event(a, {**a, "kind": "Attack"}, gazetteer) == 0


def test_different_perpetrators_no_shared_target(gazetteer) -> None:
    a = strike(perpetrator={"united-states"}, target={"kataib-hezbollah"}, location={"iraq"}, date={D(2024, 2, 2)})
    b = strike(perpetrator={"israel"}, target={"hezbollah"}, location={"iraq"}, date={D(2024, 2, 2)})
    assert same_event(a, b, gazetteer) == 0


def test_shared_target_is_enough(gazetteer) -> None:
    a = strike(perpetrator={"united-states"}, target={"kataib-hezbollah"}, location={"baghdad"}, date={D(2024, 2, 7)})
    b = strike(target={"kataib-hezbollah"}, location={"iraq"}, date={D(2024, 2, 7)})
    assert same_event(a, b, gazetteer) > 0


def test_places_must_contain_each_other(gazetteer) -> None:
    # both in Iraq, but neither inside the other: two strikes, not one
    a = strike(perpetrator={"united-states"}, location={"al-qaim", "iraq"}, date={D(2024, 2, 2)})
    b = strike(perpetrator={"united-states"}, location={"erbil", "iraq"}, date={D(2024, 2, 2)})
    assert same_event(a, b, gazetteer) == 0
    # no place at all: no match
    assert same_event(strike(perpetrator={"united-states"}, date={D(2024, 2, 2)}), a, gazetteer) == 0


def test_more_shared_roles_score_higher(gazetteer) -> None:
    a = strike(perpetrator={"united-states"}, target={"kataib-hezbollah"}, location={"al-qaim"}, date={D(2024, 2, 2)})
    weak = strike(perpetrator={"united-states"}, location={"iraq"}, date={D(2024, 2, 3)})
    strong = strike(perpetrator={"united-states"}, target={"kataib-hezbollah"}, location={"al-qaim"},
                    date={D(2024, 2, 2)})
    assert same_event(a, strong, gazetteer) > same_event(a, weak, gazetteer) > 0


def test_content_key(gazetteer) -> None:
    assert content_key(strike(location={"al-qaim", "iraq"}, date={D(2024, 2, 2)}), gazetteer) == "strike-2024-02-02-iraq"
    assert content_key(strike(location={"iraq"}, date={D(2024, 2, 2)}), gazetteer) == "strike-2024-02-02-iraq"
    assert (content_key(attack(target={"ain-al-asad-air-base"}, location={"iraq"}, date={D(2024, 1, 20)}), gazetteer)
            == "attack-2024-01-20-ain-al-asad-air-base")
    assert content_key(strike(location={"iraq"}), gazetteer) is None


# --------------------------------------------------------------------------- unify_events, no model


def _extraction(sha: str, roles: dict, casualties: int, claimant: str | None = None) -> Extraction:
    article = Article(text="x", sha256=sha, source=sha)
    key = f"{sha[:12]}-1"
    where = Sentence("x", 0, 1)
    facts = [Fact(key, role, obj, where, subject_kind="event") for role in ("perpetrator", "target", "location")
             for obj in sorted(roles.get(role, ()))]
    facts += [Fact(key, "date", d, where, subject_kind="event", object_kind="literal") for d in roles.get("date", ())]
    facts.append(Fact(key, "killed", casualties, where, subject_kind="event", object_kind="literal"))
    if claimant:
        facts.append(Fact(claimant, "claimed", key, where, object_kind="event"))
    event = Event(key, roles["kind"], Mention("frappe", 0, 0, 0, "trigger", roles["kind"]))
    return Extraction(article=article, events={key: event}, facts=facts)


def _write(store, extraction, gazetteer) -> Extraction:
    from builder.triples import extraction_quads

    unified = unify_events(store, extraction, gazetteer)
    store.extend(extraction_quads(unified, gazetteer))
    return unified


def test_unify_renames_every_reference(gazetteer) -> None:
    store = open_store(None)
    first = _extraction("a" * 64, strike(perpetrator={"united-states"}, location={"al-qaim"}, date={D(2024, 2, 2)}), 3,
                        claimant="united-states")
    second = _extraction("b" * 64, strike(perpetrator={"united-states"}, location={"iraq"}, date={D(2024, 2, 3)}), 5,
                         claimant="united-states")
    one = _write(store, first, gazetteer)
    assert list(one.events) == ["strike-2024-02-02-iraq"]
    assert first.events and list(first.events) == ["a" * 12 + "-1"]  # the input is not changed
    two = _write(store, second, gazetteer)
    assert list(two.events) == ["strike-2024-02-02-iraq"]
    assert two.events["strike-2024-02-02-iraq"].key == "strike-2024-02-02-iraq"
    keys = {f.subject for f in two.facts if f.subject_kind == "event"} | {
        f.object for f in two.facts if f.object_kind == "event"}
    assert keys == {"strike-2024-02-02-iraq"}


def test_unify_is_order_independent_here(gazetteer) -> None:
    a = _extraction("a" * 64, strike(perpetrator={"united-states"}, location={"al-qaim"}, date={D(2024, 2, 2)}), 3)
    b = _extraction("b" * 64, strike(perpetrator={"united-states"}, location={"iraq"}, date={D(2024, 2, 2)}), 5)
    forward, backward = open_store(None), open_store(None)
    keys_forward = [list(_write(forward, x, gazetteer).events) for x in (a, b)]
    keys_backward = [list(_write(backward, x, gazetteer).events) for x in (b, a)]
    assert keys_forward == keys_backward == [["strike-2024-02-02-iraq"]] * 2


def test_unmatched_collision_gets_a_suffix(gazetteer) -> None:
    store = open_store(None)
    us = _write(store, _extraction("a" * 64, strike(perpetrator={"united-states"}, location={"iraq"},
                                                    date={D(2024, 2, 2)}), 3), gazetteer)
    other = _write(store, _extraction("b" * 64, strike(perpetrator={"israel"}, location={"iraq"},
                                                       date={D(2024, 2, 2)}), 5), gazetteer)
    (first,), (second,) = us.events, other.events
    assert first == "strike-2024-02-02-iraq"
    assert second.startswith("strike-2024-02-02-iraq-") and len(second) == len(first) + 7


def test_undated_keeps_its_article_key(gazetteer) -> None:
    store = open_store(None)
    roles = strike(perpetrator={"united-states"}, location={"iraq"})
    first = _write(store, _extraction("a" * 64, roles, 3), gazetteer)
    second = _write(store, _extraction("b" * 64, roles, 5), gazetteer)
    assert list(first.events) == ["a" * 12 + "-1"] and list(second.events) == ["b" * 12 + "-1"]


# --------------------------------------------------------------------------- through the build

SAME_STRIKE = [
    # two reports of the 2 February strike, one naming the town, the other only the country
    {"published": "2024-02-03", "title": "Bombardement à al-Qaïm",
     "text": "L'armée américaine a bombardé vendredi des milices pro-iraniennes à al-Qaïm. "
             "Selon un responsable local, ces frappes ont tué 16 personnes."},
    {"published": "2024-02-04", "title": "Bilan revu à la hausse",
     "text": "Des frappes américaines ont visé le 2 février des milices pro-iraniennes en Irak. "
             "Selon un responsable local, ces frappes ont tué 25 personnes."},
]

BASE_ATTACKS = [
    # Saturday 20 January, reported twice; then a drone on Sunday 21 and another on Wednesday 24
    {"published": "2024-01-21",
     "text": "La Résistance islamique en Irak a revendiqué samedi une attaque de roquettes contre la base "
             "aérienne d'Aïn al-Assad, qui a blessé quatre soldats américains."},
    {"published": "2024-01-21",
     "text": "Des roquettes ont visé samedi la base aérienne d'Aïn al-Assad, dans l'ouest de l'Irak, "
             "blessant deux soldats américains, a indiqué un responsable."},
    {"published": "2024-01-22",
     "text": "La Résistance islamique en Irak a revendiqué dimanche une attaque de drone contre la base "
             "aérienne d'Aïn al-Assad."},
    {"published": "2024-01-25",
     "text": "La Résistance islamique en Irak a revendiqué mercredi une nouvelle attaque de drone contre la "
             "base aérienne d'Aïn al-Assad."},
]


def _build(tmp_path: Path, name: str, records: list[dict]):
    from builder.pipeline import build

    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    store = open_store(None)
    report = build([path], store)
    assert len(report.built) == len(records), report.summary()
    return store


def _rows(store, query: str) -> list[dict]:
    solutions = store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in solutions]


def _events(store, kind: str) -> set[str]:
    return {q.subject.value for q in store.quads_for_pattern(None, RDF.type, RIP[kind], None)}


@pytest.mark.slow
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_reports_of_one_strike_are_one_node(tmp_path: Path, order: tuple[int, int]) -> None:
    store = _build(tmp_path, "strike", [SAME_STRIKE[i] for i in order])
    strikes = _events(store, "Strike")
    assert strikes == {RIPID.base + "event/strike-2024-02-02-iraq"}, strikes
    node = NamedNode(strikes.pop())
    rows = _rows(store, f"""
        SELECT ?n ?g ?evidence ?date WHERE {{
          GRAPH ?g {{ <{node.value}> rip:killed ?n .
                     ?r rdf:reifies <<( <{node.value}> rip:killed ?n )>> ; rip:evidence ?evidence . }}
          ?g rip:sha256 ?sha ; dcterms:issued ?date .
        }} ORDER BY ?n""")
    # both figures, each in its own article's graph with its reifier
    assert [(int(r["n"].value), r["date"].value) for r in rows] == [(16, "2024-02-03"), (25, "2024-02-04")]
    assert rows[0]["g"] != rows[1]["g"]
    assert "16 personnes" in rows[0]["evidence"].value and "25 personnes" in rows[1]["evidence"].value
    # the node is typed, perpetrated and dated in both articles' graphs
    graphs = {q.graph_name for q in store.quads_for_pattern(node, RIP.perpetrator, RIPID.term("united-states"), None)}
    assert graphs == {rows[0]["g"], rows[1]["g"]}
    dates = {q.object for q in store.quads_for_pattern(node, RIP.date, None, None)}
    assert dates == {Literal("2024-02-02", datatype=NamedNode(PREFIXES["xsd"] + "date"))}
    # and no figure was overwritten: nothing else in the store carries rip:killed
    assert len(list(store.quads_for_pattern(None, RIP.killed, None, None))) == 2


@pytest.mark.slow
def test_attacks_on_one_base_on_different_days_stay_apart(tmp_path: Path) -> None:
    store = _build(tmp_path, "base", BASE_ATTACKS)
    base = RIPID.term("ain-al-asad-air-base")
    attacks = {q.subject.value for q in store.quads_for_pattern(None, RIP.target, base, None)}
    ours = RIPID.base + "event/attack-"
    assert sorted(a.removeprefix(ours) for a in attacks) == [
        "2024-01-20-ain-al-asad-air-base",
        "2024-01-21-ain-al-asad-air-base",
        "2024-01-24-ain-al-asad-air-base",
    ]
    # the Saturday attack, told twice, holds both wounded figures, each from its own article
    saturday = NamedNode(ours + "2024-01-20-ain-al-asad-air-base")
    wounded = {(int(q.object.value), q.graph_name) for q in store.quads_for_pattern(saturday, RIP.wounded, None, None)}
    assert {n for n, _ in wounded} == {2, 4}
    assert len({g for _, g in wounded}) == 2
    for quad in store.quads_for_pattern(saturday, RIP.wounded, None, None):
        reifiers = list(store.quads_for_pattern(None, RDF.reifies, None, quad.graph_name))
        assert any(r.object == quad.triple for r in reifiers)
    # the claim of one article and the other's place both hang on the same node
    assert any(store.quads_for_pattern(RIPID.term("islamic-resistance-in-iraq"), RIP.claimed, saturday, None))
    # "la base aérienne d'Aïn al-Assad, dans l'ouest de l'Irak": the article locates the base, and
    # the attack on the base took place in western Iraq too
    assert any(store.quads_for_pattern(RIPID.term("ain-al-asad-air-base"), RIP.locatedIn, RIPID.term("western-iraq"), None))
    assert any(store.quads_for_pattern(saturday, RIP.location, RIPID.term("western-iraq"), None))


@pytest.mark.slow
def test_rebuilding_an_article_keeps_its_event_key(tmp_path: Path) -> None:
    from builder.config import Settings
    from builder.pipeline import build

    path = tmp_path / "strike.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SAME_STRIKE), encoding="utf-8")
    store = open_store(None)
    build([path], store)
    before = _events(store, "Strike")
    build([path], store, Settings(force=True))
    assert _events(store, "Strike") == before == {RIPID.base + "event/strike-2024-02-02-iraq"}
