"""Validate a built graph against ``ontology/shapes.ttl``.

Two passes, merged into one report:

* pySHACL runs the SHACL shapes over the union of every graph of the store
  (default graph included: article metadata lives there) plus the ontology, with
  no inference.
* The ``rips:DatasetCheck`` SPARQL queries of shapes.ttl run in pyoxigraph on the
  store itself, for what a union cannot show: which named graph a triple sits in.

Why not N-Quads into rdflib: rdflib 7.6 cannot parse RDF 1.2 triple terms
(``<<( s p o )>>`` is a syntax error in its N-Quads and TriG parsers), and the
store has one per reifier.  So quads are converted term by term, and each triple
term becomes a stand-in blank node: the reifier is still the subject of
``rdf:reifies``, so the SHACL reifier shape (evidence, offsets, confidence) still
runs, while the checks that need the triple term itself are dataset checks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl
import rdflib

from builder.vocab import GAZETTEER_GRAPH, ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIXES, SH, SHAPES_FILE

_RIPS = "https://w3id.org/riposte/shapes#"
_SH = rdflib.Namespace(SH.base)
# Longest namespace first, so weapon IRIs read weapon:drone rather than ripid:weapon/drone.
_REPORT_PREFIXES = dict(
    sorted({**PREFIXES, "rips": _RIPS, "sh": SH.base}.items(), key=lambda item: -len(item[1]))
)


@dataclass(frozen=True)
class Finding:
    """One validation result.  IRIs are full strings, blank nodes ``_:id``."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str | None
    value: str | None
    message: str
    source: str  # the shape or dataset check that failed
    graph: str | None = None  # named graph, for dataset checks

    def __str__(self) -> str:
        parts = [f"{self.severity}: {_short(self.focus)}"]
        if self.path:
            parts.append(_short(self.path))
        if self.value is not None:
            parts.append(f"= {_short(self.value)}")
        where = f" in graph {_short(self.graph)}" if self.graph else ""
        return f"{' '.join(parts)}{where}: {self.message} [{_short(self.source)}]"


@dataclass(frozen=True)
class ValidationReport:
    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        # Warnings (e.g. two labels in one language) are reported but do not fail.
        return not any(f.severity == "Violation" for f in self.findings)

    @property
    def text(self) -> str:
        counts = {s: sum(f.severity == s for f in self.findings) for s in ("Violation", "Warning", "Info")}
        summary = ", ".join(f"{n} {s.lower()}(s)" for s, n in counts.items() if n) or "no findings"
        head = f"Riposte validation: {'conforms' if self.conforms else 'DOES NOT CONFORM'} ({summary})"
        return "\n".join([head, *(str(f) for f in self.findings)])


def validate_graph(dataset_or_store: ox.Store | ox.Dataset) -> tuple[bool, str]:
    """Validate a built graph; return ``(conforms, report_text)``.

    >>> validate_graph(ox.Store())
    (True, 'Riposte validation: conforms (no findings)')
    """
    report = validate(dataset_or_store)
    return report.conforms, report.text


def validate(dataset_or_store: ox.Store | ox.Dataset) -> ValidationReport:
    """Validate a built graph and return every finding, SHACL and dataset checks alike."""
    if isinstance(dataset_or_store, ox.Store):
        store = dataset_or_store
    else:  # an in-memory Dataset cannot run SPARQL: copy it into a scratch store
        store = ox.Store()
        store.extend(dataset_or_store)
    findings = _shacl_findings(store) + _dataset_findings(store)
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return ValidationReport(tuple(sorted(findings, key=lambda f: (order.get(f.severity, 3), f.source, f.focus))))


# --- SHACL over the union ---------------------------------------------------


def _shacl_findings(store: ox.Store) -> list[Finding]:
    union = rdflib.Graph()
    stand_ins: dict[ox.Triple, rdflib.BNode] = {}
    union.addN(
        (_to_rdflib(q.subject, stand_ins), _to_rdflib(q.predicate, stand_ins), _to_rdflib(q.object, stand_ins), union)
        for q in store
    )
    # The whole ontology goes into the union, whether or not the store holds it in
    # its ontology graph.  pySHACL's ont_graph= is not enough: it copies only the
    # RDFS/OWL axioms, not the weapon concepts that rip:weapon values must be.
    union += _ontology_graph()
    _conforms, results, _text = pyshacl.validate(
        union,
        shacl_graph=_shapes_graph(),
        inference="none",
        allow_warnings=True,
        inplace=True,  # the union is our own scratch graph: no need to clone it
    )
    findings = []
    # Only the report's own results: pySHACL also adds the nested results of
    # sh:node/sh:or checks (as sh:detail), which would report one fault twice.
    for result in results.objects(None, _SH.result):
        path = results.value(result, _SH.resultPath)
        value = results.value(result, _SH.value)
        findings.append(
            Finding(
                severity=_local(results.value(result, _SH.resultSeverity)),
                focus=_n3(results.value(result, _SH.focusNode)),
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                value=None if value is None else _n3(value),
                message=" ".join(str(m) for m in results.objects(result, _SH.resultMessage)),
                source=_n3(results.value(result, _SH.sourceShape)),
            )
        )
    return findings


def _to_rdflib(term: object, stand_ins: dict[ox.Triple, rdflib.BNode]) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        # rdflib keeps the lexical form and flags ill-typed ones ("-3" as a
        # nonNegativeInteger), which is what sh:datatype needs to see.
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, ox.Triple):
        return stand_ins.setdefault(term, rdflib.BNode())
    raise TypeError(f"unexpected RDF term {term!r}")


@functools.cache
def _shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


@functools.cache
def _ontology_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


# --- dataset checks in pyoxigraph --------------------------------------------


@dataclass(frozen=True)
class _DatasetCheck:
    iri: str
    query: str
    message: str
    severity: str
    path: str | None


@functools.cache
def _dataset_checks() -> tuple[_DatasetCheck, ...]:
    shapes = _shapes_graph()
    rips = rdflib.Namespace(_RIPS)
    checks = []
    for check in shapes.subjects(rdflib.RDF.type, rips.DatasetCheck):
        path = shapes.value(check, _SH.resultPath)
        checks.append(
            _DatasetCheck(
                iri=str(check),
                query=str(shapes.value(check, rips.select)),
                message=str(shapes.value(check, _SH.message)),
                severity=_local(shapes.value(check, _SH.severity) or _SH.Violation),
                path=str(path) if path is not None else None,
            )
        )
    return tuple(sorted(checks, key=lambda c: c.iri))


# pyoxigraph only substitutes variables the SELECT projects, so offer each binding
# only to the queries that name it before WHERE.
_BINDINGS = {"gazetteer": GAZETTEER_GRAPH, "ontology": ONTOLOGY_GRAPH}


def _dataset_findings(store: ox.Store) -> list[Finding]:
    findings = []
    for check in _dataset_checks():
        projection = check.query.split("WHERE", 1)[0]
        substitutions = {
            ox.Variable(name): iri for name, iri in _BINDINGS.items() if re.search(rf"\?{name}\b", projection)
        }
        for row in store.query(check.query, prefixes=PREFIXES, substitutions=substitutions):
            value, graph = _get(row, "value"), _get(row, "graph")
            findings.append(
                Finding(
                    severity=check.severity,
                    focus=_ox_str(row["focus"]),
                    path=check.path,
                    value=None if value is None else _ox_str(value),
                    message=check.message,
                    source=check.iri,
                    graph=None if graph is None else _ox_str(graph),
                )
            )
    return findings


def _get(row: ox.QuerySolution, name: str) -> object | None:
    try:
        return row[name]
    except KeyError:  # the query does not project this variable
        return None


def _ox_str(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return f"<<( {term.subject} {term.predicate} {term.object} )>>"
    return str(term)


# --- formatting ----------------------------------------------------------------


def _n3(term: rdflib.term.Node | None) -> str:
    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal) and term.datatype is not None:
        return f'"{term}"^^{_short(str(term.datatype))}'
    return "" if term is None else term.n3()


def _local(iri: rdflib.term.Node | None) -> str:
    return str(iri).rsplit("#", 1)[-1] if iri is not None else "Violation"


def _short(text: str) -> str:
    """Compact an IRI with the report prefixes; leave literals and blank nodes alone."""
    for prefix, base in _REPORT_PREFIXES.items():
        if text.startswith(base) and re.fullmatch(r"[\w.\-/]*", text[len(base) :]):
            return f"{prefix}:{text[len(base):]}"
    return f"<{text}>" if re.match(r"[a-z][a-z0-9+.\-]*:", text) else text
