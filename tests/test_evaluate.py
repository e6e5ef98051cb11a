"""The evaluator's own behaviour on small hand-made graphs: a perfect graph
scores 1.0, an empty one 0, and one wrong edge costs exactly what it should."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, Quad, Store

from builder.cli import main
from builder.evaluate import evaluate
from builder.vocab import DCTERMS, GAZETTEER_GRAPH, RDF, RDFS, RIP, RIPID, WEAPON, XSD

GOLD = {
    "articles": [{
        "file": "a.txt",
        "events": [
            {"id": "strike:1", "kind": "strike", "actor": "United States"},
            {"id": "attack:1", "kind": "attack", "actor": None},
        ],
        "entities": [
            {"name": "United States", "type": "State", "surface_forms": ["Washington"]},
            {"name": "Iran-backed militias", "type": "ArmedGroup", "surface_forms": ["milices pro-iraniennes"]},
            {"name": "Iran", "type": "State", "surface_forms": ["l'Iran"]},
            {"name": "Tower 22", "type": "MilitaryBase", "surface_forms": ["Tour 22"]},
            {"name": "Jordan", "type": "State", "surface_forms": ["Jordanie"]},
        ],
        "facts": [
            {"s": "Iran-backed militias", "p": "group", "o": "ArmedGroup"},
            {"s": "Iran-backed militias", "p": "backed_by", "o": "Iran"},
            {"s": "Iran-backed militias", "p": "claimed", "o": "attack:1"},
            {"s": "attack:1", "p": "struck", "o": "Tower 22"},
            {"s": "attack:1", "p": "located_in", "o": "Jordan"},
            {"s": "attack:1", "p": "weapon", "o": "drone"},
            {"s": "attack:1", "p": "killed", "o": 3},
            {"s": "attack:1", "p": "date", "o": "2024-01-28"},
            {"s": "strike:1", "p": "retaliated_for", "o": "attack:1"},
        ],
    }]
}

ARTICLE = RIPID.term("article/" + "a" * 64)
MILITIAS, IRAN, SYRIA = RIPID.term("iran-backed-militias"), RIPID.term("iran"), RIPID.term("syria")
US, TOWER, JORDAN = RIPID.term("united-states"), RIPID.term("tower-22"), RIPID.term("jordan")
ATTACK, STRIKE = RIPID.term("event/x-1"), RIPID.term("event/x-2")


def _store(backer=IRAN, empty: bool = False, background_types: bool = False) -> Store:
    store = Store()
    store.add(Quad(ARTICLE, RDF.type, RIP.Article))
    store.add(Quad(ARTICLE, DCTERMS.source, Literal("corpus/a.txt")))
    if empty:
        return store
    triples = [
        (MILITIAS, RDF.type, RIP.ArmedGroup),
        (MILITIAS, RDFS.label, Literal("Iran-backed militias", language="en")),
        (MILITIAS, RIP.backedBy, backer),
        (MILITIAS, RIP.claimed, ATTACK),
        (IRAN, RDF.type, RIP.State), (SYRIA, RDF.type, RIP.State), (US, RDF.type, RIP.State),
        (JORDAN, RDF.type, RIP.State), (TOWER, RDF.type, RIP.MilitaryBase),
        (ATTACK, RDF.type, RIP.Attack),
        (ATTACK, RIP.target, TOWER),
        (ATTACK, RIP.location, JORDAN),
        (ATTACK, RIP.weapon, WEAPON.drone),
        (ATTACK, RIP.killed, Literal("3", datatype=XSD.nonNegativeInteger)),
        (ATTACK, RIP.date, Literal("2024-01-28", datatype=XSD.date)),
        (STRIKE, RDF.type, RIP.Strike),
        (STRIKE, RIP.perpetrator, US),
        (STRIKE, RIP.retaliatedFor, ATTACK),
    ]
    if background_types:
        # as the builder writes them: a known name the article only mentions is typed in the
        # gazetteer graph, not in the article's
        background = [t for t in triples if t[1] == RDF.type and t[0] in {IRAN, SYRIA, US, JORDAN, TOWER}]
        triples = [t for t in triples if t not in background]
        store.extend([Quad(s, p, o, GAZETTEER_GRAPH) for s, p, o in background])
    store.extend([Quad(s, p, o, ARTICLE) for s, p, o in triples])
    return store


def test_entities_typed_only_in_the_gazetteer_graph_are_matched():
    result = evaluate(_store(background_types=True), GOLD)
    assert result.micro().f1 == 1.0
    assert result.missed == [] and result.spurious == []


def test_perfect_graph_scores_one():
    result = evaluate(_store(), GOLD)
    assert result.articles == ["a.txt"]
    for name in ("group", "backed_by", "claimed", "struck", "located_in", "weapon", "killed", "date", "retaliated_for"):
        score = result.relations[name]
        assert (score.gold, score.predicted, score.correct) == (1, 1, 1), name
    assert result.micro().f1 == 1.0
    assert result.missed == [] and result.spurious == []


def test_empty_graph_scores_zero():
    result = evaluate(_store(empty=True), GOLD)
    assert result.micro().gold == 9
    assert result.micro().predicted == 0
    assert result.micro().f1 == 0.0
    assert len(result.missed) == 9


def test_one_wrong_edge_costs_exactly_one_fact():
    result = evaluate(_store(backer=SYRIA), GOLD)
    backed = result.relations["backed_by"]
    assert (backed.gold, backed.predicted, backed.correct) == (1, 1, 0)
    micro = result.micro()
    assert (micro.gold, micro.predicted, micro.correct) == (9, 9, 8)
    assert micro.f1 == pytest.approx(8 / 9)
    core = result.micro(("group", "backed_by", "claimed", "struck", "retaliated_for"))
    assert core.f1 == pytest.approx(0.8)
    assert result.missed == [{"article": "a.txt", "p": "backed_by", "s": "Iran-backed militias", "o": "Iran"}]
    assert result.spurious == [{"article": "a.txt", "p": "backed_by", "s": "Iran-backed militias", "o": SYRIA.value}]


def test_an_article_missing_from_the_store_is_reported():
    gold = {"articles": GOLD["articles"] + [{"file": "b.txt", "events": [], "entities": [], "facts": [{"s": "X", "p": "group", "o": "ArmedGroup"}]}]}
    result = evaluate(_store(), gold)
    assert result.not_found == ["b.txt"]
    assert result.micro().gold == 9  # an article not built is not scored


def test_cli_evaluate_prints_the_table_and_json(tmp_path, capsys):
    from builder.store import open_store

    store = open_store(tmp_path / "s")
    store.extend(list(_store()))
    del store
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    assert main(["evaluate", "--store", str(tmp_path / "s"), "--gold", str(gold)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["relation", "gold", "pred", "ok", "P", "R", "F1"]
    assert table[-1].split() == ["micro", "(all)", "9", "9", "9", "1.000", "1.000", "1.000"]
    assert main(["evaluate", "--store", str(tmp_path / "s"), "--gold", str(gold), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["micro_core"]["f1"] == 1.0 and data["missed"] == []
