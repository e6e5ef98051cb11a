"""Exports: RDF dumps (N-Quads, TriG, Turtle) and the Gephi network (GEXF 1.3, GraphML).

The store is built by hand, quad by quad, the way ``builder.triples`` writes it: one
named graph per article (``ripid:article/<sha256>``), article metadata in the default
graph, reifiers (``ripid:reifier/<digest>``) beside the facts they support, background
in the gazetteer graph and weapon concepts in the ontology graph.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from builder.export import NODE_PALETTE, UNTYPED_COLOUR, build_network, export
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
    assert str(error.value) == "unknown export format 'csv'; valid formats: gexf, graphml, nquads, trig, turtle"
    assert not (tmp_path / "net.csv").exists()
