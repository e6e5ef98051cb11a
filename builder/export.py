"""Write the store out: RDF dumps for RDF tools; GEXF, GraphML and Gephi's CSV tables
for network tools.

The RDF formats carry the whole dataset (``nquads``, ``trig``) or the union of its
graphs (``turtle``).  The network formats carry the entity/event network: every
relation triple stated by an article (plus containment from any graph), one edge per
(subject, relation, object), weighted by the number of articles stating it.  The
network is read from the store with the SPARQL in ``queries/_network_edges.rq`` and
``queries/_network_nodes.rq``.

Network formats:

* ``gexf``: GEXF 1.3, valid against the official RELAX NG schema; declared node
  attributes (type, wikidata, articles, date, killed, wounded) and edge attributes
  (relation, articles, confidence), ``viz:color`` by type, the relation as edge
  ``kind`` and label, the number of articles as weight.
* ``graphml``: the same network as GraphML (NetworkX, yEd, Cytoscape).
* ``gephi-csv``: the nodes table and the edges table of Gephi's spreadsheet importer
  (File > Import spreadsheet).  ``out`` is a prefix: ``out/riposte`` (or
  ``out/riposte.csv``) writes ``out/riposte-nodes.csv`` with ``Id,Label,`` then the
  node attributes, and ``out/riposte-edges.csv`` with
  ``Source,Target,Type,Id,Label,Weight,Kind,`` then the edge attributes.  ``Kind`` is
  the relation: Gephi merges parallel edges of one kind, so "perpetrator" and
  "attributedTo" between the same event and group stay two edges.  UTF-8 without a
  BOM, comma-separated; a backslash in a value is doubled, since Gephi's CSV reader
  takes the backslash for an escape character.

Time (``dynamic=True``, for ``gexf`` and ``gephi-csv``).  Gephi's timeline shows the
nodes and edges whose time intervals meet its window.  The dynamic GEXF graph is
``mode="dynamic" timeformat="date" timerepresentation="interval"`` with ``start`` and
``end`` (ISO days) on nodes and edges; the dynamic CSV tables get a ``timeset`` column
in Gephi's interval syntax, ``<[2024-01-28, 2024-01-28]>`` (``timeset`` is the column
Gephi itself gives an element's existence, and the one its spreadsheet importer reads
as such).  Intervals are closed and count whole days:

* an event lasts from its earliest to its latest ``rip:date``: sources may disagree,
  and a strike dated 2 February by one article and 3 February by another is shown on
  both days.  An event with no date gets no bounds, which GEXF and Gephi read as
  always present (even when a dated strike answers it): it is not lost from the
  timeline, and its date is unknown, not absent;
* an edge that comes from an event (perpetrator, target, location, weapon, claimed,
  denied, attributedTo, attributedBy, retaliatedFor) gets that event's interval.
  Between two events (``retaliatedFor``) it is the subject's: the strike's days, not
  the attack's.  ``struck`` (an attack's perpetrator to its targets and places) spans
  the dated events with that perpetrator and that target or place;
* relations between entities (backedBy, affiliatedWith, partOf, locatedIn) are
  static, with no bounds: shown whenever both ends are;
* an entity (group, state, organisation, person, place, base, weapon) is present
  from the first day of the first dated edge that touches it, with no end.  Not
  always present: the timeline then shows the cast entering the conflict (a militia
  with its first attack, a base with the first strike on it), instead of every actor
  of the corpus waiting unconnected from the first frame.  Not only on its events'
  days either: an actor does not vanish between attacks, so a layout made on the
  whole graph stays readable and its static relations (who backs whom) do not
  flicker.  An entity no dated edge touches (Iran behind the militias, Jordan
  around Tower 22) gets no bounds and is always present.

In Gephi a narrow window plays the attacks and strikes one at a time; a retaliation
arrow joins two events on different days, so it shows when the window holds both
(drag the window's left edge to the start for "everything up to this day").

Static is the default and the dynamic files add only the time bounds (the same
nodes, edges and attributes): a reader that ignores time sees the same graph.
Static stays the default because a corpus whose articles carry no publication date
has mostly undated events (the sample corpus is one), and a "dynamic" graph with
nothing dated only adds a timeline Gephi cannot use.

>>> import tempfile, pyoxigraph as ox
>>> store = ox.Store()
>>> summary = export(store, "nquads", Path(tempfile.mkdtemp()) / "empty.nq")
>>> (summary.fmt, summary.quads)
('nquads', 0)
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from lxml import etree

from builder.queries import query_text
from builder.vocab import GAZETTEER_GRAPH, ONTOLOGY_GRAPH, PREFIXES, RDF, RIP

FORMATS = ("gexf", "gephi-csv", "graphml", "nquads", "trig", "turtle")
NETWORK_FORMATS = ("gexf", "gephi-csv", "graphml")
DYNAMIC_FORMATS = ("gexf", "gephi-csv")  # the formats that can carry time

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
    """What was written: node and edge counts for a network, quad count for RDF.

    ``path`` is the file written, the nodes table for ``gephi-csv``; ``paths`` every
    file written (both tables for ``gephi-csv``)."""

    fmt: str
    path: Path
    nodes: int | None = None
    edges: int | None = None
    quads: int | None = None
    paths: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        if not self.paths:
            object.__setattr__(self, "paths", (self.path,))

    def __str__(self) -> str:
        where = " and ".join(str(p) for p in self.paths)
        if self.quads is not None:
            return f"{self.quads} quads to {where} ({self.fmt})"
        return f"{self.nodes} nodes, {self.edges} edges to {where} ({self.fmt})"


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
    last_date: str = ""  # latest rip:date, ISO, or ""
    # On the timeline (dynamic exports): first and last day present, ISO; None = unbounded.
    start: str | None = None
    end: str | None = None

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
    # On the timeline (dynamic exports): first and last day present, ISO; None = unbounded.
    start: str | None = None
    end: str | None = None

    @property
    def weight(self) -> int:
        return max(self.articles, 1)

    def attributes(self) -> dict[str, str | int | float | None]:
        return {name: getattr(self, name) for name, _ in EDGE_ATTRIBUTES}


@dataclass(frozen=True)
class Network:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


def export(
    store: ox.Store, fmt: str, out: Path, *, include_reifiers: bool = True, dynamic: bool = False
) -> ExportSummary:
    """Write ``store`` to ``out`` as ``fmt`` (one of :data:`FORMATS`).

    ``turtle`` cannot carry named graphs, so it holds the union of all graphs (each
    triple once).  ``include_reifiers=False`` gives a plain RDF dump for tools that
    cannot read RDF 1.2: the reifiers (subjects of ``rdf:reifies``) and every quad
    about them are left out.  The network formats never carry reifiers.
    ``gephi-csv`` takes ``out`` as a prefix (see :func:`gephi_csv_paths`).
    ``dynamic=True`` (``gexf`` and ``gephi-csv`` only) adds the time bounds described
    in the module documentation, for Gephi's timeline.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    if dynamic and fmt not in DYNAMIC_FORMATS:
        raise ValueError(f"a dynamic export is for {' and '.join(DYNAMIC_FORMATS)}, not {fmt!r}")
    out = Path(out)
    if fmt in NETWORK_FORMATS:
        paths = gephi_csv_paths(out) if fmt == "gephi-csv" else (out,)
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
        network = build_network(store)
        if fmt == "gexf":
            write_gexf(network, out, dynamic=dynamic)
        elif fmt == "graphml":
            write_graphml(network, out)
        else:
            write_gephi_csv(network, *paths, dynamic=dynamic)
        return ExportSummary(fmt, paths[0], nodes=len(network.nodes), edges=len(network.edges), paths=paths)
    out.parent.mkdir(parents=True, exist_ok=True)
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
    nodes = tuple(_node(iri, facts[iri]) for iri in sorted(endpoints))
    return _timed(Network(nodes=nodes, edges=edges))


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
        last_date=facts.get("lastDate", ""),
    )


def _most_specific_type(class_iris: list[str]) -> str:
    held = set(class_iris)
    return next((_local_name(cls.value) for cls in NODE_PALETTE if cls.value in held), "")


def _present(value: str | int | float | None) -> bool:
    """Empty values are left out of the files rather than written as ''."""
    return value is not None and value != ""


def _xml_value(value: str | int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


# --- Time ------------------------------------------------------------------------

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_Span = tuple[str, str]  # first and last day, ISO
_EVENT_TYPES = frozenset({"Event", "Attack", "Strike"})


def _day(value: str) -> str | None:
    """``value`` if it is an ISO day (an xsd:date without time zone), else None."""
    if not _ISO_DAY.fullmatch(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _merge(a: _Span | None, b: _Span) -> _Span:
    return b if a is None else (min(a[0], b[0]), max(a[1], b[1]))


def _timed(network: Network) -> Network:
    """The network with the time bounds of the dynamic exports (module documentation)."""
    days: dict[str, _Span] = {}  # dated events: own earliest and latest rip:date
    for node in network.nodes:
        first, last = _day(node.date), _day(node.last_date)
        if first:
            days[node.iri] = (first, last if last and last >= first else first)
    # an undated event stays unbounded, even when a dated one points at it
    events = {node.iri for node in network.nodes if node.type in _EVENT_TYPES or node.date}

    # struck = perpetrator -> target or place of an attack: dated by those attacks
    perpetrators: dict[str, set[str]] = {}
    struck: dict[tuple[str, str], _Span] = {}
    for edge in network.edges:
        if edge.relation == "perpetrator" and edge.source in days:
            perpetrators.setdefault(edge.source, set()).add(edge.target)
    for edge in network.edges:
        if edge.relation in ("target", "location") and edge.source in perpetrators:
            for actor in perpetrators[edge.source]:
                key = (actor, edge.target)
                struck[key] = _merge(struck.get(key), days[edge.source])

    edges = []
    for edge in network.edges:
        span = days.get(edge.source) or days.get(edge.target)  # the subject's first
        if span is None and edge.relation == "struck":
            span = struck.get((edge.source, edge.target))
        edges.append(replace(edge, start=span[0], end=span[1]) if span else edge)

    entered: dict[str, str] = {}  # entity -> first day of a dated edge touching it
    for edge in edges:
        if edge.start is not None:
            for end in (edge.source, edge.target):
                if end not in events:
                    entered[end] = min(entered.get(end, edge.start), edge.start)
    nodes = tuple(
        replace(node, start=days[node.iri][0], end=days[node.iri][1])
        if node.iri in days
        else replace(node, start=entered.get(node.iri))
        for node in network.nodes
    )
    return Network(nodes=nodes, edges=tuple(edges))


# --- GEXF 1.3 ----------------------------------------------------------------------


def write_gexf(network: Network, out: Path, *, modified: dt.date | None = None, dynamic: bool = False) -> None:
    """Write GEXF 1.3 (valid against the 1.3 RELAX NG schema), node ids = IRIs.

    ``dynamic=True``: a dynamic graph of date intervals, with ``start``/``end`` on the
    nodes and edges that have time bounds (none = always present)."""
    g, viz = f"{{{GEXF_NS}}}", f"{{{GEXF_VIZ_NS}}}"
    root = etree.Element(g + "gexf", nsmap={None: GEXF_NS, "viz": GEXF_VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, g + "meta", lastmodifieddate=(modified or dt.date.today()).isoformat())
    etree.SubElement(meta, g + "creator").text = "Riposte"
    etree.SubElement(meta, g + "description").text = "Riposte knowledge graph: entities, events and their relations"
    time = {"mode": "dynamic", "timeformat": "date", "timerepresentation": "interval"} if dynamic else {}
    graph = etree.SubElement(root, g + "graph", {"defaultedgetype": "directed", "mode": "static", **time})
    for cls, declared in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        attributes = etree.SubElement(graph, g + "attributes", {"class": cls})
        for name, gexf_type in declared:
            etree.SubElement(attributes, g + "attribute", id=name, title=name, type=gexf_type)

    nodes = etree.SubElement(graph, g + "nodes", count=str(len(network.nodes)))
    for node in network.nodes:
        element = etree.SubElement(nodes, g + "node", id=node.iri, label=node.label)
        if dynamic:
            _gexf_bounds(element, node.start, node.end)
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
        if dynamic:
            _gexf_bounds(element, edge.start, edge.end)
        _gexf_attvalues(element, edge.attributes())
    etree.ElementTree(root).write(str(out), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _gexf_bounds(element: etree._Element, start: str | None, end: str | None) -> None:
    if start is not None:
        element.set("start", start)
    if end is not None:
        element.set("end", end)


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


# --- Gephi's spreadsheet tables ----------------------------------------------------

GEPHI_NODE_COLUMNS = ("Id", "Label", *(name for name, _ in NODE_ATTRIBUTES))
GEPHI_EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight", "Kind", *(n for n, _ in EDGE_ATTRIBUTES))
GEPHI_TIME_COLUMN = "timeset"


def gephi_csv_paths(out: Path | str) -> tuple[Path, Path]:
    """The nodes and edges tables for the prefix ``out`` (a ``.csv`` suffix is dropped):
    ``out/riposte`` -> ``out/riposte-nodes.csv``, ``out/riposte-edges.csv``."""
    out = Path(out)
    if out.is_dir():
        raise ValueError(f"{out} is a directory: gephi-csv takes a file prefix, such as {out / 'riposte'}")
    stem = out.name[: -len(".csv")] if out.name.lower().endswith(".csv") else out.name
    return out.with_name(f"{stem}-nodes.csv"), out.with_name(f"{stem}-edges.csv")


def gephi_interval(start: str | None, end: str | None) -> str:
    """Gephi's interval-set syntax for one closed interval, ``""`` when unbounded."""
    if start is None and end is None:
        return ""
    return f"<[{start or '-Infinity'}, {end or 'Infinity'}]>"


def write_gephi_csv(network: Network, nodes_path: Path, edges_path: Path, *, dynamic: bool = False) -> None:
    """Write the nodes and edges tables of Gephi's spreadsheet importer.

    An empty cell is a value the network does not have (Gephi reads it as null);
    ``dynamic=True`` adds the ``timeset`` column (empty: always present)."""
    time = (GEPHI_TIME_COLUMN,) if dynamic else ()
    node_rows = (
        (node.iri, node.label, *node.attributes().values(), *_timeset(node, dynamic)) for node in network.nodes
    )
    _write_csv(nodes_path, (*GEPHI_NODE_COLUMNS, *time), node_rows)
    edge_rows = (
        (edge.source, edge.target, "Directed", number, edge.relation, edge.weight, edge.relation)
        + (*edge.attributes().values(), *_timeset(edge, dynamic))
        for number, edge in enumerate(network.edges)
    )
    _write_csv(edges_path, (*GEPHI_EDGE_COLUMNS, *time), edge_rows)


def _timeset(element: NetworkNode | NetworkEdge, dynamic: bool) -> tuple[str, ...]:
    return (gephi_interval(element.start, element.end),) if dynamic else ()


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[Iterable[str | int | float | None]]) -> None:
    """Comma-separated UTF-8, quoted where needed; the backslash is doubled because
    Gephi's CSV reader takes it for an escape character."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, escapechar="\\")
        writer.writerow(header)
        for row in rows:
            writer.writerow("" if value is None else _xml_value(value) for value in row)
