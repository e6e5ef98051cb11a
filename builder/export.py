"""Write the store out: RDF dumps for RDF tools, GEXF and GraphML networks for Gephi.

The RDF formats carry the whole dataset (``nquads``, ``trig``) or the union of its
graphs (``turtle``).  The network formats carry the entity/event network: every
relation triple stated by an article (plus containment from any graph), one edge per
(subject, relation, object), weighted by the number of articles stating it.  The
network is read from the store with the SPARQL in ``queries/_network_edges.rq`` and
``queries/_network_nodes.rq``.

>>> import tempfile, pyoxigraph as ox
>>> store = ox.Store()
>>> summary = export(store, "nquads", Path(tempfile.mkdtemp()) / "empty.nq")
>>> (summary.fmt, summary.quads)
('nquads', 0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from lxml import etree

from builder.queries import query_text
from builder.vocab import GAZETTEER_GRAPH, ONTOLOGY_GRAPH, PREFIXES, RDF, RIP

FORMATS = ("gexf", "graphml", "nquads", "trig", "turtle")

GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# Node colour by class.  Listed most specific first: a node's type is the first class
# here that it has (Strike over Attack over Event, MilitaryBase over Location, and a
# country typed both State and Location is a State).
NODE_PALETTE: dict[ox.NamedNode, tuple[int, int, int]] = {
    RIP.Strike: (166, 54, 3),
    RIP.Attack: (253, 141, 60),
    RIP.Event: (253, 208, 162),
    RIP.MilitaryBase: (116, 196, 118),
    RIP.State: (31, 119, 180),
    RIP.ArmedGroup: (214, 39, 40),
    RIP.MilitaryOrganization: (23, 190, 207),
    RIP.Coalition: (148, 103, 189),
    RIP.Organization: (140, 86, 75),
    RIP.Person: (227, 119, 194),
    RIP.Actor: (188, 189, 34),
    RIP.Location: (0, 109, 44),
    RIP.Weapon: (82, 82, 82),
    RIP.Article: (199, 199, 199),
}
UNTYPED_COLOUR = (150, 150, 150)  # no rip: class


def _local_name(iri: str) -> str:
    """The last segment of an IRI: after the last '#' or '/'."""
    stem = iri.rstrip("/#")
    return stem[max(stem.rfind("/"), stem.rfind("#")) + 1 :]


_COLOUR_BY_TYPE = {_local_name(cls.value): rgb for cls, rgb in NODE_PALETTE.items()}

# Declared attributes, shared by both network writers: (name, GEXF type).
NODE_ATTRIBUTES = (
    ("type", "string"),
    ("wikidata", "string"),
    ("articles", "integer"),
    ("date", "string"),
    ("killed", "integer"),
    ("wounded", "integer"),
)
EDGE_ATTRIBUTES = (("relation", "string"), ("articles", "integer"), ("confidence", "double"))
_GRAPHML_TYPES = {"string": "string", "integer": "int", "double": "double"}


@dataclass(frozen=True)
class ExportSummary:
    """What was written: node and edge counts for a network, quad count for RDF."""

    fmt: str
    path: Path
    nodes: int | None = None
    edges: int | None = None
    quads: int | None = None

    def __str__(self) -> str:
        if self.quads is not None:
            return f"{self.quads} quads to {self.path} ({self.fmt})"
        return f"{self.nodes} nodes, {self.edges} edges to {self.path} ({self.fmt})"


@dataclass(frozen=True)
class NetworkNode:
    """One entity or event of the network.  Empty values are ``""`` or ``None``."""

    iri: str
    label: str
    type: str  # local name of the most specific rip: class, "" when it has none
    wikidata: str  # "Q794", or ""
    articles: int
    date: str  # earliest rip:date, ISO, or ""
    killed: int | None
    wounded: int | None

    def attributes(self) -> dict[str, str | int | float | None]:
        return {name: getattr(self, name) for name, _ in NODE_ATTRIBUTES}

    @property
    def colour(self) -> tuple[int, int, int]:
        return _COLOUR_BY_TYPE.get(self.type, UNTYPED_COLOUR)


@dataclass(frozen=True)
class NetworkEdge:
    """One (source, relation, target) triple, however many articles state it."""

    source: str
    target: str
    relation: str  # local name: "backedBy"
    articles: int  # article graphs stating it; 0 for background containment
    confidence: float | None  # highest rip:confidence of its reifiers

    @property
    def weight(self) -> int:
        return max(self.articles, 1)

    def attributes(self) -> dict[str, str | int | float | None]:
        return {name: getattr(self, name) for name, _ in EDGE_ATTRIBUTES}


@dataclass(frozen=True)
class Network:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


def export(store: ox.Store, fmt: str, out: Path, *, include_reifiers: bool = True) -> ExportSummary:
    """Write ``store`` to ``out`` as ``fmt`` (one of :data:`FORMATS`).

    ``turtle`` cannot carry named graphs, so it holds the union of all graphs (each
    triple once).  ``include_reifiers=False`` gives a plain RDF dump for tools that
    cannot read RDF 1.2: the reifiers (subjects of ``rdf:reifies``) and every quad
    about them are left out.  The network formats never carry reifiers.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("gexf", "graphml"):
        network = build_network(store)
        (write_gexf if fmt == "gexf" else write_graphml)(network, out)
        return ExportSummary(fmt, out, nodes=len(network.nodes), edges=len(network.edges))
    quads = _dataset_quads(store, include_reifiers)
    if fmt == "turtle":
        written = _write_rdf(_union_triples(quads), out, ox.RdfFormat.TURTLE)
    else:
        written = _write_rdf(quads, out, ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG)
    return ExportSummary(fmt, out, quads=written)


# --- RDF dumps ---------------------------------------------------------------------


def _dataset_quads(store: ox.Store, include_reifiers: bool) -> Iterator[ox.Quad]:
    """Every quad, one graph after another (so TriG writes one block per graph)."""
    reifiers = set() if include_reifiers else {q.subject for q in store.quads_for_pattern(None, RDF.reifies, None)}
    graphs = [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]
    for graph in graphs:
        for quad in store.quads_for_pattern(None, None, None, graph):
            if reifiers and (quad.subject in reifiers or quad.predicate == RDF.reifies):
                continue
            yield quad


def _union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union graph: each triple once, sorted so a subject's triples sit together."""
    return sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _write_rdf(items: Iterable[ox.Quad] | Iterable[ox.Triple], out: Path, rdf_format: ox.RdfFormat) -> int:
    count = 0

    def counted():
        nonlocal count
        for item in items:
            count += 1
            yield item

    ox.serialize(counted(), str(out), rdf_format, prefixes=dict(PREFIXES))
    return count


# --- The network -------------------------------------------------------------------


def _network_rows(store: ox.Store, name: str) -> ox.QuerySolutions:
    """Run a network query with the union of all graphs as default graph and the
    article graphs (every named graph but the gazetteer and ontology) as named graphs."""
    # With use_default_graph_as_union the default graph stays the union of *every*
    # graph even though named_graphs is narrowed (pinned by the tests: the gazetteer's
    # labels and containment must show up).  Listing the graphs in default_graph
    # instead gives the same answers but is ~100x slower on the reifier pattern.
    articles = [g for g in store.named_graphs() if g not in (GAZETTEER_GRAPH, ONTOLOGY_GRAPH)]
    return store.query(query_text(name), use_default_graph_as_union=True, named_graphs=articles)


def build_network(store: ox.Store) -> Network:
    """The entity/event network: relation edges and the nodes at their ends, sorted."""
    edges = tuple(
        NetworkEdge(
            source=row["s"].value,
            target=row["o"].value,
            relation=_local_name(row["p"].value),
            articles=int(row["articles"].value),
            confidence=float(row["confidence"].value) if row["confidence"] is not None else None,
        )
        for row in _network_rows(store, "_network_edges")
    )
    endpoints = {e.source for e in edges} | {e.target for e in edges}
    facts: dict[str, dict[str, str]] = {iri: {} for iri in endpoints}
    rows = _network_rows(store, "_network_nodes")
    names = [variable.value for variable in rows.variables]
    for row in rows:  # each row carries one attribute of one node
        bound = {name: term.value for name, term in zip(names, row) if term is not None}
        if bound["node"] in facts:
            facts[bound["node"]].update(bound)
    return Network(nodes=tuple(_node(iri, facts[iri]) for iri in sorted(endpoints)), edges=edges)


def _node(iri: str, facts: dict[str, str]) -> NetworkNode:
    """A node from its facts (variable name -> lexical value; absent when unknown)."""
    label = facts.get("labelEn") or facts.get("labelFr") or facts.get("prefLabelEn") or _local_name(iri)
    return NetworkNode(
        iri=iri,
        label=" ".join(label.split()),
        type=_most_specific_type(facts.get("classes", "").split()),
        wikidata=facts.get("wikidata", ""),
        articles=int(facts.get("articles", 0)),
        date=facts.get("date", ""),
        killed=int(facts["killed"]) if "killed" in facts else None,
        wounded=int(facts["wounded"]) if "wounded" in facts else None,
    )


def _most_specific_type(class_iris: list[str]) -> str:
    held = set(class_iris)
    return next((_local_name(cls.value) for cls in NODE_PALETTE if cls.value in held), "")


def _present(value: str | int | float | None) -> bool:
    """Empty values are left out of the files rather than written as ''."""
    return value is not None and value != ""


def _xml_value(value: str | int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


# --- GEXF 1.3 ----------------------------------------------------------------------


def write_gexf(network: Network, out: Path, *, modified: dt.date | None = None) -> None:
    """Write GEXF 1.3 (valid against the 1.3 RELAX NG schema), node ids = IRIs."""
    g, viz = f"{{{GEXF_NS}}}", f"{{{GEXF_VIZ_NS}}}"
    root = etree.Element(g + "gexf", nsmap={None: GEXF_NS, "viz": GEXF_VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, g + "meta", lastmodifieddate=(modified or dt.date.today()).isoformat())
    etree.SubElement(meta, g + "creator").text = "Riposte"
    etree.SubElement(meta, g + "description").text = "Riposte knowledge graph: entities, events and their relations"
    graph = etree.SubElement(root, g + "graph", defaultedgetype="directed", mode="static")
    for cls, declared in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        attributes = etree.SubElement(graph, g + "attributes", {"class": cls})
        for name, gexf_type in declared:
            etree.SubElement(attributes, g + "attribute", id=name, title=name, type=gexf_type)

    nodes = etree.SubElement(graph, g + "nodes", count=str(len(network.nodes)))
    for node in network.nodes:
        element = etree.SubElement(nodes, g + "node", id=node.iri, label=node.label)
        _gexf_attvalues(element, node.attributes())
        r, gr, b = node.colour
        etree.SubElement(element, viz + "color", r=str(r), g=str(gr), b=str(b))

    edges = etree.SubElement(graph, g + "edges", count=str(len(network.edges)))
    for number, edge in enumerate(network.edges):
        element = etree.SubElement(
            edges,
            g + "edge",
            id=str(number),
            source=edge.source,
            target=edge.target,
            label=edge.relation,
            kind=edge.relation,
            weight=str(edge.weight),
        )
        _gexf_attvalues(element, edge.attributes())
    etree.ElementTree(root).write(str(out), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _gexf_attvalues(element: etree._Element, values: dict[str, str | int | float | None]) -> None:
    present = {k: v for k, v in values.items() if _present(v)}
    if present:
        attvalues = etree.SubElement(element, f"{{{GEXF_NS}}}attvalues")
        for name, value in present.items():
            etree.SubElement(attvalues, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _xml_value(value)})


# --- GraphML -----------------------------------------------------------------------


def write_graphml(network: Network, out: Path) -> None:
    """Write GraphML: directed, parallel edges (one per relation) kept apart by id."""
    g = f"{{{GRAPHML_NS}}}"
    root = etree.Element(g + "graphml", nsmap={None: GRAPHML_NS})
    keys = [("node", "label", "string")]
    keys += [("node", name, _GRAPHML_TYPES[t]) for name, t in NODE_ATTRIBUTES]
    keys += [("edge", "label", "string"), ("edge", "weight", "int")]
    keys += [("edge", name, _GRAPHML_TYPES[t]) for name, t in EDGE_ATTRIBUTES]
    for domain, name, graphml_type in keys:
        etree.SubElement(
            root, g + "key", {"id": f"{domain}_{name}", "for": domain, "attr.name": name, "attr.type": graphml_type}
        )
    graph = etree.SubElement(root, g + "graph", id="riposte", edgedefault="directed")
    for node in network.nodes:
        element = etree.SubElement(graph, g + "node", id=node.iri)
        _graphml_data(element, "node", {"label": node.label, **node.attributes()})
    for number, edge in enumerate(network.edges):
        element = etree.SubElement(graph, g + "edge", id=str(number), source=edge.source, target=edge.target)
        _graphml_data(element, "edge", {"label": edge.relation, "weight": edge.weight, **edge.attributes()})
    etree.ElementTree(root).write(str(out), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _graphml_data(element: etree._Element, domain: str, values: dict[str, str | int | float | None]) -> None:
    for name, value in values.items():
        if _present(value):
            etree.SubElement(element, f"{{{GRAPHML_NS}}}data", key=f"{domain}_{name}").text = _xml_value(value)
