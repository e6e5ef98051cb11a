"""Exports: RDF dumps (N-Quads, TriG, Turtle) and the Gephi network (GEXF 1.3 static
and dynamic, GraphML, Gephi's CSV tables).

The store is built by hand, quad by quad, the way ``builder.triples`` writes it: one
named graph per article (``ripid:article/<sha256>``), article metadata in the default
graph, reifiers (``ripid:reifier/<digest>``) beside the facts they support, background
in the gazetteer graph and weapon concepts in the ontology graph.  The GEXF files are
also read back by graphology-gexf (``tests/js/read_gexf.js``, run with ``node``, with
the packages ``make install`` puts in ``web/node_modules``) and by NetworkX, on this
store and on the sample corpus.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from builder.export import (
    EDGE_ATTRIBUTES,
    FORMATS,
    NODE_ATTRIBUTES,
    NODE_PALETTE,
    UNTYPED_COLOUR,
    Network,
    build_network,
    export,
    gephi_csv_paths,
    gephi_interval,
    write_gexf,
)
from builder.vocab import DCTERMS, GAZETTEER_GRAPH, ONTOLOGY_GRAPH, RDF, RDFS, RIP, RIPID, SKOS, WD, XSD

SCHEMA = Path(__file__).parent / "schemas" / "gexf" / "1.3" / "gexf.rng"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"

SHA_1 = "65414eeafdc6bb16" * 4
SHA_2 = "fc378379c133d5f7" * 4
ARTICLE_1 = RIPID.term(f"article/{SHA_1}")
ARTICLE_2 = RIPID.term(f"article/{SHA_2}")

MILITIAS = RIPID.base + "iran-backed-militias"
IRAN = RIPID.base + "iran"
USA = RIPID.base + "united-states"
TOWER_22 = RIPID.base + "tower-22"
JORDAN = RIPID.base + "jordan"
DRONE = RIPID.base + "weapon/drone"
ATTACK = RIPID.base + "event/2024-01-28-drone-attack-tower-22"
STRIKE = RIPID.base + "event/2024-02-02-us-strikes"


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.nonNegativeInteger)


def day(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=XSD.date)


def en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def fr(text: str) -> ox.Literal:
    return ox.Literal(text, language="fr")


def in_graph(graph, triples) -> list[ox.Quad]:
    return [ox.Quad(s if isinstance(s, ox.NamedNode) else iri(s), p, o, graph) for s, p, o in triples]


def reifier(graph: ox.NamedNode, digest: str, fact: ox.Triple, confidence: str, sentence: str) -> list[ox.Quad]:
    node = RIPID.term(f"reifier/{digest}")
    return in_graph(
        graph,
        [
            (node, RDF.reifies, fact),
            (node, RIP.evidence, ox.Literal(sentence)),
            (node, RIP.startChar, count(0)),
            (node, RIP.endChar, count(len(sentence))),
            (node, RIP.confidence, ox.Literal(confidence, datatype=XSD.decimal)),
        ],
    )


BACKED = ox.Triple(iri(MILITIAS), RIP.backedBy, iri(IRAN))


def article_one() -> list[ox.Quad]:
    facts = [
        (MILITIAS, RIP.backedBy, iri(IRAN)),
        (MILITIAS, RDF.type, RIP.ArmedGroup),
        (MILITIAS, RDFS.label, en("Iran-backed militias")),
        (ATTACK, RDF.type, RIP.Attack),
        (ATTACK, RDFS.label, fr("attaque de drone")),
        (ATTACK, RIP.date, day("2024-01-28")),
        (ATTACK, RIP.killed, count(3)),
        (ATTACK, RIP.wounded, count(25)),
        (ATTACK, RIP.target, iri(TOWER_22)),
        (ATTACK, RIP.weapon, iri(DRONE)),
        (ATTACK, RIP.perpetrator, iri(MILITIAS)),
        (ATTACK, RIP.attributedTo, iri(MILITIAS)),
        (ATTACK, RIP.attributedBy, iri(USA)),
        (STRIKE, RDF.type, RIP.Strike),
        (STRIKE, RIP.date, day("2024-02-02")),
        (STRIKE, RIP.retaliatedFor, iri(ATTACK)),
        (USA, RIP.struck, iri(MILITIAS)),
        (USA, RIP.claimed, iri(STRIKE)),
    ]
    sentence = "Les milices pro-iraniennes, soutenues par l'Iran, ont mené l'attaque."
    return in_graph(ARTICLE_1, facts) + reifier(ARTICLE_1, "3f2a" * 5, BACKED, "0.70", sentence)


def article_two() -> list[ox.Quad]:
    facts = [
        (MILITIAS, RIP.backedBy, iri(IRAN)),
        (STRIKE, RIP.date, day("2024-02-03")),
        (ATTACK, RIP.wounded, count(34)),
    ]
    sentence = "Ces groupes armés sont financés par Téhéran."
    return in_graph(ARTICLE_2, facts) + reifier(ARTICLE_2, "9c1d" * 5, BACKED, "0.40", sentence)


def metadata() -> list[ox.Quad]:
    quads = []
    for article, sha, source in ((ARTICLE_1, SHA_1, "corpus/000.txt"), (ARTICLE_2, SHA_2, "corpus/001.txt")):
        quads += [
            ox.Quad(article, RDF.type, RIP.Article),
            ox.Quad(article, RIP.sha256, ox.Literal(sha)),
            ox.Quad(article, DCTERMS.source, ox.Literal(source)),
            ox.Quad(article, RIP.text, ox.Literal("Washington riposte…")),
        ]
    return quads


def gazetteer() -> list[ox.Quad]:
    background = [
        (IRAN, RDF.type, RIP.State),
        (IRAN, RDF.type, RIP.Location),
        (IRAN, RDFS.label, en("Iran")),
        (IRAN, RDFS.label, fr("Iran")),
        (IRAN, SKOS.exactMatch, WD.Q794),
        (USA, RDF.type, RIP.State),
        (USA, RDF.type, RIP.Location),
        (USA, RDFS.label, fr("États-Unis")),
        (USA, RDFS.label, en("United States")),
        (USA, SKOS.exactMatch, WD.Q30),
        (TOWER_22, RDF.type, RIP.MilitaryBase),
        (TOWER_22, RDF.type, RIP.Location),
        (TOWER_22, RDFS.label, en("Tower 22")),
        (TOWER_22, RIP.locatedIn, iri(JORDAN)),
        (JORDAN, RDF.type, RIP.State),
        (JORDAN, RDF.type, RIP.Location),
        (JORDAN, RDFS.label, en("Jordan")),
        (JORDAN, RDFS.label, fr("Jordanie")),
        (JORDAN, SKOS.exactMatch, WD.Q810),
        # Background that no article states: not an edge (only containment is).
        (RIPID.base + "hezbollah", RIP.backedBy, iri(IRAN)),
    ]
    return in_graph(GAZETTEER_GRAPH, background)


def ontology() -> list[ox.Quad]:
    return in_graph(
        ONTOLOGY_GRAPH,
        [
            (RIP.Strike, RDFS.subClassOf, RIP.Attack),
            (RIP.Strike, RDFS.label, en("strike")),
            (DRONE, RDF.type, SKOS.Concept),
            (DRONE, RDF.type, RIP.Weapon),
            (DRONE, SKOS.prefLabel, en("drone")),
            (DRONE, SKOS.prefLabel, fr("drone")),
        ],
    )


ALL_QUADS = article_one() + article_two() + metadata() + gazetteer() + ontology()
QUADS = 65  # 23 + 8 in the articles, 8 metadata, 20 gazetteer, 6 ontology
TRIPLES = 64  # both articles state militias backedBy iran
REIFIER_QUADS = 10  # two reifiers, five quads each


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    store.extend(ALL_QUADS)
    assert len(store) == QUADS
    return store


# (source, target, relation, weight, articles, confidence); weight = max(articles, 1)
EXPECTED_EDGES = {
    (MILITIAS, IRAN, "backedBy", 2, 2, 0.7),
    (ATTACK, TOWER_22, "target", 1, 1, None),
    (ATTACK, DRONE, "weapon", 1, 1, None),
    (ATTACK, MILITIAS, "perpetrator", 1, 1, None),
    (ATTACK, MILITIAS, "attributedTo", 1, 1, None),
    (ATTACK, USA, "attributedBy", 1, 1, None),
    (STRIKE, ATTACK, "retaliatedFor", 1, 1, None),
    (USA, MILITIAS, "struck", 1, 1, None),
    (USA, STRIKE, "claimed", 1, 1, None),
    (TOWER_22, JORDAN, "locatedIn", 1, 0, None),
}

# iri -> (label, type, wikidata, articles, date, killed, wounded); None = no value written
EXPECTED_NODES = {
    MILITIAS: ("Iran-backed militias", "ArmedGroup", None, 2, None, None, None),
    IRAN: ("Iran", "State", "Q794", 2, None, None, None),
    USA: ("United States", "State", "Q30", 1, None, None, None),
    TOWER_22: ("Tower 22", "MilitaryBase", None, 1, None, None, None),
    JORDAN: ("Jordan", "State", "Q810", 0, None, None, None),
    DRONE: ("drone", "Weapon", None, 1, None, None, None),
    ATTACK: ("attaque de drone", "Attack", None, 2, "2024-01-28", 3, 34),
    STRIKE: ("2024-02-02-us-strikes", "Strike", None, 2, "2024-02-02", None, None),
}
NODE_FIELDS = ("label", "type", "wikidata", "articles", "date", "killed", "wounded")

# On the timeline: iri -> (start, end); None = no bound.  Events span their own dates
# (the strike is dated 2 February by one article, 3 February by the other); entities
# enter with the first dated edge touching them and stay; Iran and Jordan are touched
# by static relations only (backedBy, locatedIn) and are always present.
EXPECTED_NODE_TIME = {
    ATTACK: ("2024-01-28", "2024-01-28"),
    STRIKE: ("2024-02-02", "2024-02-03"),
    MILITIAS: ("2024-01-28", None),
    USA: ("2024-01-28", None),  # attributedBy the attack, before it claimed the strike
    TOWER_22: ("2024-01-28", None),
    DRONE: ("2024-01-28", None),
    IRAN: (None, None),
    JORDAN: (None, None),
}
ATTACK_DAY = ("2024-01-28", "2024-01-28")
STRIKE_DAYS = ("2024-02-02", "2024-02-03")
# (source, relation, target) -> (start, end): an edge from an event has its days, the
# subject's for retaliatedFor; relations between entities are static; struck is dated
# by events with that perpetrator and target, and no event here has the US as perpetrator.
EXPECTED_EDGE_TIME = {
    (MILITIAS, "backedBy", IRAN): (None, None),
    (ATTACK, "target", TOWER_22): ATTACK_DAY,
    (ATTACK, "weapon", DRONE): ATTACK_DAY,
    (ATTACK, "perpetrator", MILITIAS): ATTACK_DAY,
    (ATTACK, "attributedTo", MILITIAS): ATTACK_DAY,
    (ATTACK, "attributedBy", USA): ATTACK_DAY,
    (STRIKE, "retaliatedFor", ATTACK): STRIKE_DAYS,
    (USA, "struck", MILITIAS): (None, None),
    (USA, "claimed", STRIKE): STRIKE_DAYS,
    (TOWER_22, "locatedIn", JORDAN): (None, None),
}


# --- The network ---------------------------------------------------------------------


def tiny_store(about_a: list[tuple]) -> ox.Store:
    """ripid:a backedBy ripid:b in one article, plus background about ripid:a."""
    store = ox.Store()
    store.add(ox.Quad(RIPID.a, RIP.backedBy, RIPID.b, ARTICLE_1))
    store.extend(ox.Quad(RIPID.a, p, o, GAZETTEER_GRAPH) for p, o in about_a)
    return store


@pytest.mark.parametrize(
    ("about_a", "label"),
    [
        ([(RDFS.label, fr("A fr")), (RDFS.label, en("A en")), (SKOS.prefLabel, en("A pref"))], "A en"),
        ([(RDFS.label, fr("A fr")), (SKOS.prefLabel, en("A pref"))], "A fr"),
        ([(SKOS.prefLabel, fr("A pref fr")), (SKOS.prefLabel, en("A pref"))], "A pref"),
        ([(RDFS.label, ox.Literal("A de", language="de")), (SKOS.prefLabel, fr("A pref fr"))], "a"),
        ([(RDFS.label, en("  Tower\n 22 "))], "Tower 22"),
    ],
)
def test_label_preference(about_a: list[tuple], label: str) -> None:
    (node,) = [n for n in build_network(tiny_store(about_a)).nodes if n.iri == RIPID.base + "a"]
    assert node.label == label


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        ([RIP.Event, RIP.Attack, RIP.Strike], "Strike"),
        ([RIP.Event, RIP.Attack], "Attack"),
        ([RIP.Location, RIP.MilitaryBase], "MilitaryBase"),
        ([RIP.Location, RIP.State], "State"),
        ([SKOS.Concept, RIP.Weapon], "Weapon"),
        ([SKOS.Concept], ""),
    ],
)
def test_type_is_the_most_specific_class(classes: list[ox.NamedNode], expected: str) -> None:
    (node,) = [n for n in build_network(tiny_store([(RDF.type, c) for c in classes])).nodes if n.iri.endswith("/a")]
    assert node.type == expected


def test_network_of_an_empty_store_is_empty() -> None:
    network = build_network(ox.Store())
    assert (network.nodes, network.edges) == ((), ())


def test_network_time_bounds(store: ox.Store) -> None:
    network = build_network(store)
    assert {n.iri: (n.start, n.end) for n in network.nodes} == EXPECTED_NODE_TIME
    assert {(e.source, e.relation, e.target): (e.start, e.end) for e in network.edges} == EXPECTED_EDGE_TIME
    strike = next(n for n in network.nodes if n.iri == STRIKE)
    assert (strike.date, strike.last_date) == STRIKE_DAYS


A, B, C, D, P = (RIPID.base + name for name in ("a", "b", "c", "d", "p"))
E1, E2, UNDATED, MONTH_ONLY, REPLY = (
    RIPID.base + f"event/{name}" for name in ("e1", "e2", "undated", "month-only", "reply")
)


def timeline_store() -> ox.Store:
    """a attacks b at p on 1 March and b again on 5 March (another article), c attacks
    b on an unknown day and b replies on 6 March, a is backed by d; one event has a
    month for a date."""
    store = ox.Store()
    first = [
        (E1, RDF.type, RIP.Attack),
        (E1, RIP.date, day("2024-03-01")),
        (E1, RIP.perpetrator, iri(A)),
        (E1, RIP.target, iri(B)),
        (E1, RIP.location, iri(P)),
        (A, RIP.struck, iri(B)),
        (A, RIP.struck, iri(P)),
        (A, RIP.backedBy, iri(D)),
        (UNDATED, RDF.type, RIP.Attack),
        (UNDATED, RIP.perpetrator, iri(C)),
        (UNDATED, RIP.target, iri(B)),
        (C, RIP.struck, iri(B)),
        (REPLY, RDF.type, RIP.Strike),
        (REPLY, RIP.date, day("2024-03-06")),
        (REPLY, RIP.retaliatedFor, iri(UNDATED)),
        (B, RIP.claimed, iri(REPLY)),
        (MONTH_ONLY, RDF.type, RIP.Attack),
        (MONTH_ONLY, RIP.date, ox.Literal("2024-03", datatype=XSD.gYearMonth)),
        (MONTH_ONLY, RIP.weapon, iri(DRONE)),
    ]
    second = [
        (E2, RDF.type, RIP.Attack),
        (E2, RIP.date, day("2024-03-05")),
        (E2, RIP.perpetrator, iri(A)),
        (E2, RIP.target, iri(B)),
        (A, RIP.struck, iri(B)),
    ]
    store.extend(in_graph(ARTICLE_1, first) + in_graph(ARTICLE_2, second))
    return store


def test_struck_is_dated_by_its_events_and_undated_events_are_always_present() -> None:
    network = build_network(timeline_store())
    assert {(e.source, e.relation, e.target): (e.start, e.end) for e in network.edges} == {
        (E1, "perpetrator", A): ("2024-03-01", "2024-03-01"),
        (E1, "target", B): ("2024-03-01", "2024-03-01"),
        (E1, "location", P): ("2024-03-01", "2024-03-01"),
        (E2, "perpetrator", A): ("2024-03-05", "2024-03-05"),
        (E2, "target", B): ("2024-03-05", "2024-03-05"),
        (A, "struck", B): ("2024-03-01", "2024-03-05"),  # both attacks on b
        (A, "struck", P): ("2024-03-01", "2024-03-01"),
        (A, "backedBy", D): (None, None),
        (UNDATED, "perpetrator", C): (None, None),
        (UNDATED, "target", B): (None, None),
        (C, "struck", B): (None, None),  # its only attack is undated
        (REPLY, "retaliatedFor", UNDATED): ("2024-03-06", "2024-03-06"),
        (B, "claimed", REPLY): ("2024-03-06", "2024-03-06"),
        (MONTH_ONLY, "weapon", DRONE): (None, None),  # "2024-03" is no day
    }
    assert {n.iri: (n.start, n.end) for n in network.nodes} == {
        E1: ("2024-03-01", "2024-03-01"),
        E2: ("2024-03-05", "2024-03-05"),
        UNDATED: (None, None),  # not from the day a dated strike answered it
        REPLY: ("2024-03-06", "2024-03-06"),
        MONTH_ONLY: (None, None),
        A: ("2024-03-01", None),
        B: ("2024-03-01", None),
        P: ("2024-03-01", None),
        C: (None, None),  # touched by undated edges only
        D: (None, None),
        DRONE: (None, None),
    }


# --- GEXF ----------------------------------------------------------------------------


@pytest.fixture
def gexf(store: ox.Store, tmp_path: Path) -> etree._ElementTree:
    summary = export(store, "gexf", tmp_path / "net.gexf")
    assert (summary.fmt, summary.path, summary.nodes, summary.edges, summary.quads) == (
        "gexf",
        tmp_path / "net.gexf",
        8,
        10,
        None,
    )
    return etree.parse(str(summary.path))


def relaxng() -> etree.RelaxNG:
    # Parsed from its path, so <include href="viz.rng" ns="…/viz"/> resolves beside it.
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def test_gexf_validates_against_the_1_3_relaxng_schema(gexf: etree._ElementTree) -> None:
    schema = relaxng()
    assert schema.validate(gexf), schema.error_log


@pytest.mark.parametrize("damage", ["viz colour in the main namespace", "xsi:schemaLocation", "edge without source"])
def test_the_schema_rejects_a_damaged_file(gexf: etree._ElementTree, damage: str) -> None:
    """The validation must be able to fail; the first case also shows that lxml applies
    the ns attribute of the viz include (the viz grammar itself declares no namespace)."""
    root = gexf.getroot()
    if damage == "viz colour in the main namespace":
        root.find(f".//{GEXF}node/{VIZ}color").tag = GEXF + "color"
    elif damage == "xsi:schemaLocation":
        root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "http://gexf.net/1.3 gexf.xsd")
    else:
        del root.find(f".//{GEXF}edge").attrib["source"]
    assert not relaxng().validate(root)


def test_gexf_header(gexf: etree._ElementTree) -> None:
    root = gexf.getroot()
    assert root.tag == GEXF + "gexf"
    assert root.get("version") == "1.3"
    assert root.nsmap == {None: "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    assert dict(root.attrib) == {"version": "1.3"}  # no xsi:schemaLocation
    meta = root.find(GEXF + "meta")
    assert meta.get("lastmodifieddate") == dt.date.today().isoformat()
    assert meta.findtext(GEXF + "creator") == "Riposte"
    graph = root.find(GEXF + "graph")
    assert (graph.get("defaultedgetype"), graph.get("mode")) == ("directed", "static")
    declared = {
        attrs.get("class"): [(a.get("id"), a.get("title"), a.get("type")) for a in attrs]
        for attrs in graph.findall(GEXF + "attributes")
    }
    assert declared == {
        "node": [
            ("type", "type", "string"),
            ("wikidata", "wikidata", "string"),
            ("articles", "articles", "integer"),
            ("date", "date", "string"),
            ("killed", "killed", "integer"),
            ("wounded", "wounded", "integer"),
        ],
        "edge": [
            ("relation", "relation", "string"),
            ("articles", "articles", "integer"),
            ("confidence", "confidence", "double"),
        ],
    }


def test_gexf_file_starts_with_an_xml_declaration(store: ox.Store, tmp_path: Path) -> None:
    path = export(store, "gexf", tmp_path / "net.gexf").path
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<gexf ")


def attvalues(element: etree._Element) -> dict[str, str]:
    return {v.get("for"): v.get("value") for v in element.iterfind(f"{GEXF}attvalues/{GEXF}attvalue")}


def test_gexf_nodes(gexf: etree._ElementTree) -> None:
    nodes = {n.get("id"): n for n in gexf.iter(GEXF + "node")}
    assert set(nodes) == set(EXPECTED_NODES)
    for node_id, (label, *values) in EXPECTED_NODES.items():
        assert nodes[node_id].get("label") == label
        written = {k: str(v) for k, v in zip(NODE_FIELDS[1:], values) if v is not None}
        assert attvalues(nodes[node_id]) == written, node_id


@pytest.mark.parametrize(
    ("node_id", "rgb"),
    [
        (IRAN, NODE_PALETTE[RIP.State]),
        (MILITIAS, NODE_PALETTE[RIP.ArmedGroup]),
        (ATTACK, NODE_PALETTE[RIP.Attack]),
        (STRIKE, NODE_PALETTE[RIP.Strike]),
        (TOWER_22, NODE_PALETTE[RIP.MilitaryBase]),
        (DRONE, NODE_PALETTE[RIP.Weapon]),
    ],
)
def test_gexf_node_colour_follows_the_palette(gexf: etree._ElementTree, node_id: str, rgb: tuple) -> None:
    node = next(n for n in gexf.iter(GEXF + "node") if n.get("id") == node_id)
    colour = node.find(VIZ + "color")
    assert (int(colour.get("r")), int(colour.get("g")), int(colour.get("b"))) == rgb


def test_palette_has_one_distinct_colour_per_class() -> None:
    assert NODE_PALETTE[RIP.State] == (31, 119, 180)
    assert len(set(NODE_PALETTE.values())) == len(NODE_PALETTE) == 14
    assert UNTYPED_COLOUR not in NODE_PALETTE.values()


def test_gexf_edges(gexf: etree._ElementTree) -> None:
    edges = list(gexf.iter(GEXF + "edge"))
    assert [e.get("id") for e in edges] == [str(n) for n in range(10)]
    written = set()
    for e in edges:
        values = attvalues(e)
        assert e.get("label") == e.get("kind") == values["relation"]
        confidence = float(values["confidence"]) if "confidence" in values else None
        written.add(
            (e.get("source"), e.get("target"), e.get("kind"), int(e.get("weight")), int(values["articles"]), confidence)
        )
    assert written == EXPECTED_EDGES


def test_gexf_keeps_parallel_edges_of_different_relations_apart(gexf: etree._ElementTree) -> None:
    between = sorted(
        e.get("kind") for e in gexf.iter(GEXF + "edge") if (e.get("source"), e.get("target")) == (ATTACK, MILITIAS)
    )
    assert between == ["attributedTo", "perpetrator"]


# --- Dynamic GEXF --------------------------------------------------------------------


@pytest.fixture
def dynamic_gexf(store: ox.Store, tmp_path: Path) -> etree._ElementTree:
    summary = export(store, "gexf", tmp_path / "timeline.gexf", dynamic=True)
    assert (summary.fmt, summary.nodes, summary.edges) == ("gexf", 8, 10)
    return etree.parse(str(summary.path))


def bounds(element: etree._Element) -> tuple[str | None, str | None]:
    return element.get("start"), element.get("end")


def test_dynamic_gexf_validates_against_the_1_3_relaxng_schema(dynamic_gexf: etree._ElementTree) -> None:
    schema = relaxng()
    assert schema.validate(dynamic_gexf), schema.error_log


@pytest.mark.parametrize(
    ("damage", "attribute", "value"),
    [("a day that is no xsd:date", "start", "28/01/2024"), ("an unknown time format", "timeformat", "day")],
)
def test_the_schema_checks_the_time_values(
    dynamic_gexf: etree._ElementTree, damage: str, attribute: str, value: str
) -> None:
    root = dynamic_gexf.getroot()
    element = root.find(f".//{GEXF}graph") if attribute == "timeformat" else root.find(f".//{GEXF}node[@start]")
    element.set(attribute, value)
    assert not relaxng().validate(root), damage


def test_dynamic_gexf_graph_is_a_date_interval_graph(dynamic_gexf: etree._ElementTree) -> None:
    graph = dynamic_gexf.getroot().find(GEXF + "graph")
    assert dict(graph.attrib) == {
        "defaultedgetype": "directed",
        "mode": "dynamic",
        "timeformat": "date",
        "timerepresentation": "interval",
    }


def test_dynamic_gexf_nodes_carry_their_time(dynamic_gexf: etree._ElementTree) -> None:
    assert {n.get("id"): bounds(n) for n in dynamic_gexf.iter(GEXF + "node")} == EXPECTED_NODE_TIME
    attack = next(n for n in dynamic_gexf.iter(GEXF + "node") if n.get("id") == ATTACK)
    assert (attack.get("start"), attack.get("end")) == ("2024-01-28", "2024-01-28")


def test_dynamic_gexf_edges_carry_the_days_of_their_event(dynamic_gexf: etree._ElementTree) -> None:
    written = {(e.get("source"), e.get("kind"), e.get("target")): bounds(e) for e in dynamic_gexf.iter(GEXF + "edge")}
    assert written == EXPECTED_EDGE_TIME
    assert written[(STRIKE, "retaliatedFor", ATTACK)] == ("2024-02-02", "2024-02-03")  # the strike's, not the attack's


def test_the_static_gexf_is_the_dynamic_one_without_time(store: ox.Store, tmp_path: Path) -> None:
    network = build_network(store)
    files = {}
    for dynamic in (False, True):
        files[dynamic] = tmp_path / f"{dynamic}.gexf"
        write_gexf(network, files[dynamic], modified=dt.date(2024, 2, 3), dynamic=dynamic)
    static, dynamic = (etree.parse(str(files[d])).getroot() for d in (False, True))
    graph = dynamic.find(GEXF + "graph")
    for name in ("timeformat", "timerepresentation"):
        del graph.attrib[name]
    graph.set("mode", "static")
    for element in [*dynamic.iter(GEXF + "node"), *dynamic.iter(GEXF + "edge")]:
        for name in ("start", "end"):
            element.attrib.pop(name, None)
    assert etree.tostring(dynamic, method="c14n") == etree.tostring(static, method="c14n")


@pytest.mark.parametrize("fmt", ["graphml", "nquads", "trig", "turtle"])
def test_only_gexf_and_gephi_csv_are_dynamic(store: ox.Store, tmp_path: Path, fmt: str) -> None:
    with pytest.raises(ValueError) as error:
        export(store, fmt, tmp_path / f"out.{fmt}", dynamic=True)
    assert str(error.value) == f"a dynamic export is for gexf and gephi-csv, not {fmt!r}"
    assert list(tmp_path.iterdir()) == []


# --- Gephi's CSV tables --------------------------------------------------------------

NODE_HEADER = "Id,Label,type,wikidata,articles,date,killed,wounded"
EDGE_HEADER = "Source,Target,Type,Id,Label,Weight,Kind,relation,articles,confidence"


def read_table(path: Path) -> list[dict[str, str]]:
    """As Gephi's CSV reader does: comma-separated, double quotes, backslash escapes."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, escapechar="\\"))


@pytest.mark.parametrize(("dynamic", "time"), [(False, ""), (True, ",timeset")])
def test_gephi_csv_header_rows(store: ox.Store, tmp_path: Path, dynamic: bool, time: str) -> None:
    summary = export(store, "gephi-csv", tmp_path / "riposte", dynamic=dynamic)
    nodes, edges = tmp_path / "riposte-nodes.csv", tmp_path / "riposte-edges.csv"
    assert (summary.fmt, summary.path, summary.paths, summary.nodes, summary.edges) == (
        "gephi-csv",
        nodes,
        (nodes, edges),
        8,
        10,
    )
    assert str(summary) == f"8 nodes, 10 edges to {nodes} and {edges} (gephi-csv)"
    assert nodes.read_bytes().split(b"\r\n")[0] == (NODE_HEADER + time).encode()
    assert edges.read_bytes().split(b"\r\n")[0] == (EDGE_HEADER + time).encode()
    assert not nodes.read_bytes().startswith(b"\xef\xbb\xbf")  # no BOM


def test_gephi_csv_rows_match_the_network(store: ox.Store, tmp_path: Path) -> None:
    network = build_network(store)
    summary = export(store, "gephi-csv", tmp_path / "riposte.csv", dynamic=True)
    node_rows, edge_rows = (read_table(path) for path in summary.paths)
    assert len(node_rows) == len(network.nodes) == 8
    assert len(edge_rows) == len(network.edges) == 10

    nodes = {row["Id"]: row for row in node_rows}
    for node_id, (label, *values) in EXPECTED_NODES.items():
        assert nodes[node_id]["Label"] == label
        assert {k: nodes[node_id][k] for k in NODE_FIELDS[1:]} == {
            k: "" if v is None else str(v) for k, v in zip(NODE_FIELDS[1:], values)
        }
    assert nodes[ATTACK]["timeset"] == "<[2024-01-28, 2024-01-28]>"  # the attack's date
    assert nodes[ATTACK]["date"] == "2024-01-28"
    assert nodes[STRIKE]["timeset"] == "<[2024-02-02, 2024-02-03]>"
    assert nodes[MILITIAS]["timeset"] == "<[2024-01-28, Infinity]>"
    assert nodes[IRAN]["timeset"] == ""  # always present
    assert {k: row["timeset"] for k, row in nodes.items()} == {
        k: gephi_interval(*span) for k, span in EXPECTED_NODE_TIME.items()
    }

    assert [row["Id"] for row in edge_rows] == [str(n) for n in range(10)]
    written = set()
    for row in edge_rows:
        assert row["Type"] == "Directed"
        assert row["Label"] == row["Kind"] == row["relation"]
        key = (row["Source"], row["relation"], row["Target"])
        assert row["timeset"] == gephi_interval(*EXPECTED_EDGE_TIME[key]), key
        confidence = float(row["confidence"]) if row["confidence"] else None
        written.add((row["Source"], row["Target"], row["Kind"], int(row["Weight"]), int(row["articles"]), confidence))
    assert written == EXPECTED_EDGES


def test_static_gephi_csv_has_no_time_column(store: ox.Store, tmp_path: Path) -> None:
    summary = export(store, "gephi-csv", tmp_path / "riposte")
    node_rows, edge_rows = (read_table(path) for path in summary.paths)
    assert "timeset" not in node_rows[0] and "timeset" not in edge_rows[0]
    assert {row["Id"]: row["date"] for row in node_rows}[ATTACK] == "2024-01-28"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2024-01-28", "2024-01-28", "<[2024-01-28, 2024-01-28]>"),
        ("2024-01-28", None, "<[2024-01-28, Infinity]>"),
        (None, "2024-01-28", "<[-Infinity, 2024-01-28]>"),
        (None, None, ""),
    ],
)
def test_gephi_interval_syntax(start: str | None, end: str | None, text: str) -> None:
    assert gephi_interval(start, end) == text


@pytest.mark.parametrize(
    ("out", "nodes", "edges"),
    [
        ("out/riposte", "out/riposte-nodes.csv", "out/riposte-edges.csv"),
        ("out/riposte.csv", "out/riposte-nodes.csv", "out/riposte-edges.csv"),
        ("out/riposte.CSV", "out/riposte-nodes.csv", "out/riposte-edges.csv"),
        ("reseau.2024", "reseau.2024-nodes.csv", "reseau.2024-edges.csv"),
    ],
)
def test_gephi_csv_file_names(out: str, nodes: str, edges: str) -> None:
    assert gephi_csv_paths(out) == (Path(nodes), Path(edges))


def test_gephi_csv_refuses_a_directory(store: ox.Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError) as error:
        export(store, "gephi-csv", tmp_path)
    prefix = tmp_path / "riposte"
    assert str(error.value) == f"{tmp_path} is a directory: gephi-csv takes a file prefix, such as {prefix}"


def test_gephi_csv_quotes_and_escapes_labels(tmp_path: Path) -> None:
    label = 'Brigade "Al-Nour", \\ faction'
    summary = export(tiny_store([(RDFS.label, en(label))]), "gephi-csv", tmp_path / "t")
    text = summary.path.read_text(encoding="utf-8")
    assert '"Brigade ""Al-Nour"", \\\\ faction"' in text  # backslash doubled for Gephi's reader
    assert {row["Id"]: row["Label"] for row in read_table(summary.path)}[RIPID.base + "a"] == label


# --- GraphML -------------------------------------------------------------------------


def test_graphml_reads_back_with_networkx(store: ox.Store, tmp_path: Path) -> None:
    summary = export(store, "graphml", tmp_path / "net.graphml")
    assert (summary.fmt, summary.nodes, summary.edges, summary.quads) == ("graphml", 8, 10, None)
    graph = nx.read_graphml(summary.path)
    assert isinstance(graph, nx.MultiDiGraph)  # parallel edges: perpetrator and attributedTo
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (8, 10)

    for node_id, expected in EXPECTED_NODES.items():
        assert graph.nodes[node_id] == {k: v for k, v in zip(NODE_FIELDS, expected) if v is not None}, node_id

    read_edges = set()
    for source, target, data in graph.edges(data=True):
        assert data["label"] == data["relation"]
        read_edges.add((source, target, data["relation"], data["weight"], data["articles"], data.get("confidence")))
    assert read_edges == EXPECTED_EDGES
    assert sorted(graph[ATTACK][MILITIAS][key]["relation"] for key in graph[ATTACK][MILITIAS]) == [
        "attributedTo",
        "perpetrator",
    ]


# --- Read back: graphology (node) and NetworkX ---------------------------------------

WEB = Path(__file__).resolve().parent.parent / "web"
READ_GEXF_JS = Path(__file__).parent / "js" / "read_gexf.js"
WEB_PACKAGES = ("graphology", "graphology-gexf", "@xmldom/xmldom")


def node_binary() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node (Node.js) is not on the PATH: install Node.js, then run `make install`", pytrace=False)
    return node


def read_with_graphology(path: Path) -> dict:
    """What graphology-gexf reads from ``path`` (plus the time bounds the script reads
    from the same text), as printed by tests/js/read_gexf.js."""
    node = node_binary()
    missing = [name for name in WEB_PACKAGES if not (WEB / "node_modules" / name / "package.json").is_file()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} missing from {WEB / 'node_modules'}: run `make install` (npm ci --prefix web)",
            pytrace=False,
        )
    done = subprocess.run(
        [node, str(READ_GEXF_JS), str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"{READ_GEXF_JS.name} exited with {done.returncode}: {done.stderr.strip()}", pytrace=False)
    return json.loads(done.stdout)


def written_node_attributes(network: Network) -> set[str]:
    """The node attributes a reader can see: label, the viz colour, and every declared
    attribute that at least one node has a value for."""
    present = {name for n in network.nodes for name, value in n.attributes().items() if value not in (None, "")}
    return {"label", "color"} | present


def written_edge_attributes(network: Network) -> set[str]:
    present = {name for e in network.edges for name, value in e.attributes().items() if value not in (None, "")}
    return {"label", "weight", "kind"} | present


def time_of(network: Network) -> tuple[dict, dict]:
    """Node and edge (by GEXF id) bounds as the script prints them: bounded ones only."""
    nodes = {n.iri: [n.start, n.end] for n in network.nodes if (n.start, n.end) != (None, None)}
    edges = {str(i): [e.start, e.end] for i, e in enumerate(network.edges) if (e.start, e.end) != (None, None)}
    return nodes, edges


@pytest.mark.slow
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_graphology_reads_the_sample_gexf(sample_store: ox.Store, tmp_path: Path, dynamic: bool) -> None:
    network = build_network(sample_store)
    summary = export(sample_store, "gexf", tmp_path / "sample.gexf", dynamic=dynamic)
    read = read_with_graphology(summary.path)

    assert (read["nodes"], read["edges"]) == (len(network.nodes), len(network.edges)) == (summary.nodes, summary.edges)
    assert read["type"] == "directed"
    assert set(read["nodeAttributes"]) == written_node_attributes(network)
    assert set(read["edgeAttributes"]) == written_edge_attributes(network)
    nodes, edges = time_of(network)
    if dynamic:
        assert (read["time"]["mode"], read["time"]["timeformat"]) == ("dynamic", "date")
        assert (read["time"]["nodes"], read["time"]["edges"]) == (nodes, edges)
    else:
        assert read["time"] == {
            "mode": "static",
            "timeformat": None,
            "timerepresentation": None,
            "min": None,
            "max": None,
            "nodes": {},
            "edges": {},
        }


def test_graphology_reads_the_dynamic_gexf(store: ox.Store, tmp_path: Path) -> None:
    network = build_network(store)
    summary = export(store, "gexf", tmp_path / "timeline.gexf", dynamic=True)
    read = read_with_graphology(summary.path)

    assert (read["nodes"], read["edges"]) == (len(network.nodes), len(network.edges)) == (8, 10)
    assert (read["type"], read["multi"]) == ("directed", True)  # perpetrator and attributedTo kept apart
    assert set(read["nodeAttributes"]) == written_node_attributes(network)
    assert read["nodeAttributes"] == sorted(["label", "color", *(name for name, _ in NODE_ATTRIBUTES)])
    assert read["edgeAttributes"] == sorted(["label", "weight", "kind", *(name for name, _ in EDGE_ATTRIBUTES)])
    # graphology-gexf 0.13 leaves the dynamic part out: the script reads it from the DOM
    assert read["graphologyTime"] is False
    time = read["time"]
    assert (time["mode"], time["timeformat"], time["timerepresentation"]) == ("dynamic", "date", "interval")
    assert (time["min"], time["max"]) == ("2024-01-28", "2024-02-03")
    assert time["nodes"] == {k: list(v) for k, v in EXPECTED_NODE_TIME.items() if v != (None, None)}
    assert (time["nodes"], time["edges"]) == time_of(network)


def test_the_reader_script_says_to_run_make_install(tmp_path: Path) -> None:
    """Run from a copy whose web/ has no node_modules: a clear message, exit code 3."""
    node = node_binary()
    copy = tmp_path / "tests" / "js" / "read_gexf.js"
    copy.parent.mkdir(parents=True)
    shutil.copy(READ_GEXF_JS, copy)
    done = subprocess.run([node, str(copy), "x.gexf"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 3
    assert done.stderr == (
        f"cannot load graphology from {tmp_path / 'web' / 'node_modules'}: run `make install` (npm ci --prefix web)\n"
    )


def test_a_missing_install_fails_with_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a skip: without node or web/node_modules the round trip cannot be checked."""
    monkeypatch.setattr(f"{__name__}.WEB", tmp_path / "web")
    with pytest.raises(pytest.fail.Exception) as failed:
        read_with_graphology(tmp_path / "x.gexf")
    assert str(failed.value) == (
        f"graphology, graphology-gexf, @xmldom/xmldom missing from {tmp_path / 'web' / 'node_modules'}: "
        "run `make install` (npm ci --prefix web)"
    )
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception) as failed:
        read_with_graphology(tmp_path / "x.gexf")
    assert str(failed.value) == "node (Node.js) is not on the PATH: install Node.js, then run `make install`"


@pytest.mark.slow
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_networkx_reads_the_sample_gexf(sample_store: ox.Store, tmp_path: Path, dynamic: bool) -> None:
    """NetworkX 3.x reads GEXF 1.3, dynamic mode included (start/end on nodes and edges,
    as strings for timeformat="date"), although read_gexf's documentation lists only
    1.1draft and 1.2draft: it falls back on every namespace it knows, 1.3 among them."""
    network = build_network(sample_store)
    summary = export(sample_store, "gexf", tmp_path / "sample.gexf", dynamic=dynamic)
    graph = nx.read_gexf(summary.path)

    assert isinstance(graph, nx.MultiDiGraph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (len(network.nodes), len(network.edges))
    assert graph.graph["mode"] == ("dynamic" if dynamic else "static")
    for node in network.nodes:
        expected = {"label": node.label, **{k: v for k, v in node.attributes().items() if v not in (None, "")}}
        if dynamic:
            expected |= {k: v for k, v in (("start", node.start), ("end", node.end)) if v is not None}
        data = dict(graph.nodes[node.iri])
        assert data.pop("viz") == {"color": dict(zip("rgb", node.colour), a=1.0)}
        assert data == expected, node.iri
    for number, edge in enumerate(network.edges):
        data = graph.edges[edge.source, edge.target, str(number)]
        assert (data["relation"], data["weight"], data.get("start"), data.get("end")) == (
            edge.relation,
            float(edge.weight),
            edge.start if dynamic else None,
            edge.end if dynamic else None,
        )


def test_networkx_reads_the_dynamic_gexf(store: ox.Store, tmp_path: Path) -> None:
    summary = export(store, "gexf", tmp_path / "timeline.gexf", dynamic=True)
    graph = nx.read_gexf(summary.path)
    assert graph.graph["mode"] == "dynamic"  # timeformat and timerepresentation are not kept
    assert {n: (d.get("start"), d.get("end")) for n, d in graph.nodes(data=True)} == EXPECTED_NODE_TIME
    assert {
        (s, d["relation"], t): (d.get("start"), d.get("end")) for s, t, d in graph.edges(data=True)
    } == EXPECTED_EDGE_TIME


# --- RDF dumps -----------------------------------------------------------------------


def canonical(quads) -> ox.Dataset:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


@pytest.mark.parametrize(("fmt", "rdf_format"), [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)])
def test_dataset_dumps_round_trip(store: ox.Store, tmp_path: Path, fmt: str, rdf_format: ox.RdfFormat) -> None:
    summary = export(store, fmt, tmp_path / f"dump.{fmt}")
    assert (summary.fmt, summary.quads, summary.nodes, summary.edges) == (fmt, QUADS, None, None)
    fresh = ox.Store()
    fresh.load(path=str(summary.path), format=rdf_format)
    assert len(fresh) == QUADS
    assert set(fresh.named_graphs()) == {ARTICLE_1, ARTICLE_2, GAZETTEER_GRAPH, ONTOLOGY_GRAPH}
    assert canonical(fresh) == canonical(store)  # same dataset, RDF 1.2 triple terms included
    assert len(list(fresh.quads_for_pattern(None, RDF.reifies, BACKED))) == 2


def test_turtle_holds_the_union_of_all_graphs(store: ox.Store, tmp_path: Path) -> None:
    summary = export(store, "turtle", tmp_path / "union.ttl")
    assert (summary.fmt, summary.quads) == ("turtle", TRIPLES)
    read = list(ox.parse(path=str(summary.path), format=ox.RdfFormat.TURTLE))
    assert len(read) == TRIPLES
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in read)
    assert {q.triple for q in read} == {q.triple for q in store}
    assert summary.path.read_text(encoding="utf-8").startswith("@prefix ")


@pytest.mark.parametrize(
    ("fmt", "rdf_format", "written"),
    [
        ("nquads", ox.RdfFormat.N_QUADS, QUADS - REIFIER_QUADS),
        ("trig", ox.RdfFormat.TRIG, QUADS - REIFIER_QUADS),
        ("turtle", ox.RdfFormat.TURTLE, TRIPLES - REIFIER_QUADS),
    ],
)
def test_plain_dump_drops_exactly_the_reifier_quads(
    store: ox.Store, tmp_path: Path, fmt: str, rdf_format: ox.RdfFormat, written: int
) -> None:
    summary = export(store, fmt, tmp_path / f"plain.{fmt}", include_reifiers=False)
    reifiers = {RIPID.term("reifier/" + "3f2a" * 5), RIPID.term("reifier/" + "9c1d" * 5)}
    # Compared with the store, not ALL_QUADS: the store turns xsd:nonNegativeInteger into
    # xsd:integer (see test_the_store_keeps_integer_values_but_not_derived_integer_datatypes).
    kept = [q for q in store if q.subject not in reifiers]
    assert len(kept) == QUADS - REIFIER_QUADS
    text = summary.path.read_text(encoding="utf-8")
    assert "reifies" not in text and "<<(" not in text and "reifier/" not in text
    read = list(ox.parse(path=str(summary.path), format=rdf_format))
    assert summary.quads == len(read) == written
    if fmt == "turtle":
        assert {q.triple for q in read} == {q.triple for q in kept}
    else:
        assert set(read) == set(kept)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside rdflib's N-Quads parser
@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle"])
def test_plain_dump_reads_in_a_tool_without_rdf_1_2(store: ox.Store, tmp_path: Path, fmt: str) -> None:
    """rdflib 7 cannot read RDF 1.2 triple terms: the plain dump is for such tools."""
    rdflib = pytest.importorskip("rdflib")
    summary = export(store, fmt, tmp_path / f"plain.{fmt}", include_reifiers=False)
    dataset = rdflib.Dataset()
    dataset.parse(summary.path, format=fmt)
    assert len(set(dataset.quads((None, None, None, None)))) == summary.quads


def test_the_store_keeps_integer_values_but_not_derived_integer_datatypes(store: ox.Store) -> None:
    """Pins a pyoxigraph 0.5 behaviour the dumps inherit: a literal added as
    xsd:nonNegativeInteger (rip:killed) is stored, queried and dumped as xsd:integer."""
    (killed,) = [q.object for q in store.quads_for_pattern(iri(ATTACK), RIP.killed, None)]
    assert (killed.value, killed.datatype) == ("3", XSD.integer)


def test_unknown_format_is_refused(store: ox.Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError) as error:
        export(store, "csv", tmp_path / "net.csv")
    assert (
        str(error.value) == "unknown export format 'csv'; valid formats: gexf, gephi-csv, graphml, nquads, trig, turtle"
    )
    assert not (tmp_path / "net.csv").exists()


# --- Command line --------------------------------------------------------------------


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    on_disk = ox.Store(str(path))
    on_disk.extend(ALL_QUADS)
    on_disk.flush()
    del on_disk  # release the lock for the command
    return path


def test_cli_offers_every_format() -> None:
    from builder.cli import parser

    subcommands = next(a for a in parser()._actions if a.dest == "command").choices
    fmt = next(a for a in subcommands["export"]._actions if a.dest == "format")
    assert tuple(fmt.choices) == FORMATS


def test_cli_exports_a_dynamic_gexf(store_dir: Path, tmp_path: Path, capsys) -> None:
    from builder.cli import main

    out = tmp_path / "gephi" / "timeline.gexf"
    code = main(["export", "--store", str(store_dir), "--format", "gexf", "--dynamic", "--out", str(out)])
    assert code == 0
    assert " ".join(capsys.readouterr().err.split()) == f"wrote 8 nodes, 10 edges to {out} (gexf)"
    document = etree.parse(str(out))
    assert relaxng().validate(document)
    assert document.getroot().find(GEXF + "graph").get("mode") == "dynamic"
    assert {n.get("id"): bounds(n) for n in document.iter(GEXF + "node")} == EXPECTED_NODE_TIME


def test_cli_exports_gephi_csv_tables(store_dir: Path, tmp_path: Path, capsys) -> None:
    from builder.cli import main

    argv = ["export", "--store", str(store_dir), "--format", "gephi-csv", "--dynamic", "--out", str(tmp_path / "r")]
    code = main(argv)
    assert code == 0
    nodes, edges = tmp_path / "r-nodes.csv", tmp_path / "r-edges.csv"
    assert " ".join(capsys.readouterr().err.split()) == f"wrote 8 nodes, 10 edges to {nodes} and {edges} (gephi-csv)"
    assert (len(read_table(nodes)), len(read_table(edges))) == (8, 10)
    assert "timeset" in read_table(nodes)[0]


def test_cli_refuses_a_dynamic_rdf_dump(store_dir: Path, tmp_path: Path, capsys) -> None:
    from builder.cli import main

    out = tmp_path / "dump.nq"
    code = main(["export", "--store", str(store_dir), "--format", "nquads", "--dynamic", "--out", str(out)])
    assert code == 2
    message = " ".join(capsys.readouterr().err.split())
    assert message == "error: a dynamic export is for gexf and gephi-csv, not 'nquads'"
    assert not out.exists()
