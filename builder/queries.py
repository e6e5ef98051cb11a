"""Bundled SPARQL queries (``queries/*.rq``), loaded by name and run with bound values.

Values are never pasted into query text: parameters become pyoxigraph
substitutions of the query's variables.

>>> from builder.store import open_store
>>> result = run_query(open_store(None), "groups_backed_by", {"backer": "ripid:iran"})
>>> result.columns[:2], result.rows
(['group', 'groupLabel'], [])
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Triple, Variable

from .resources import resource_dir
from .vocab import PREFIXES

Term = NamedNode | BlankNode | Literal | Triple
XSD_NS = "http://www.w3.org/2001/XMLSchema#"


def query_names() -> list[str]:
    """The bundled queries a user can run by name (internal ones start with "_")."""
    return sorted(p.stem for p in resource_dir("queries").glob("*.rq") if not p.stem.startswith("_"))


def query_text(name_or_path: str | Path) -> str:
    """The text of a bundled query by name, or of a ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return path.read_text(encoding="utf-8")
    bundled = resource_dir("queries") / f"{name_or_path}.rq"
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8")
    raise FileNotFoundError(
        f"no query named {str(name_or_path)!r}: give a .rq file or one of {', '.join(query_names())}"
    )


def parse_term(value: str | Term) -> Term:
    """A parameter value as an RDF term.

    ``<http://…>`` or ``http(s)://…`` and ``prefix:name`` with a known prefix are
    IRIs; anything else is a plain string literal.

    >>> parse_term("ripid:iran").value
    'https://w3id.org/riposte/id/iran'
    >>> parse_term("Iran")
    <Literal value=Iran datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> parse_term("0.8").datatype.value
    'http://www.w3.org/2001/XMLSchema#decimal'
    """
    if not isinstance(value, str):
        return value
    if value.startswith("<") and value.endswith(">"):
        return NamedNode(value[1:-1])
    if value.startswith(("http://", "https://")):
        return NamedNode(value)
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return NamedNode(PREFIXES[prefix] + local)
    # numbers and dates compare as numbers and dates in FILTERs (?minConfidence, ?since)
    if re.fullmatch(r"-?\d+", value):
        return Literal(value, datatype=NamedNode(XSD_NS + "integer"))
    if re.fullmatch(r"-?\d*\.\d+", value):
        return Literal(value, datatype=NamedNode(XSD_NS + "decimal"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=NamedNode(XSD_NS + "date"))
    return Literal(value)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Term | None]]

    def records(self) -> list[dict[str, object]]:
        """Rows as plain Python values (IRIs and literals as strings, numbers as numbers)."""
        return [{k: to_python(v) for k, v in row.items()} for row in self.rows]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.records():
            writer.writerow(["" if row[c] is None else row[c] for c in self.columns])
        return out.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.records(), ensure_ascii=False, indent=2, default=str)


def to_python(term: Term | None) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    if isinstance(term, NamedNode):
        return term.value
    return str(term)


def run_query(store: Store, name_or_path: str | Path, params: Mapping[str, str | Term] | None = None) -> QueryResult:
    """Run a bundled or file query over the union of all graphs, with ``params`` bound."""
    text = query_text(name_or_path)
    substitutions = {Variable(k.lstrip("?$")): parse_term(v) for k, v in (params or {}).items()}
    result = store.query(text, prefixes=dict(PREFIXES), use_default_graph_as_union=True, substitutions=substitutions)
    if isinstance(result, QueryBoolean):
        return QueryResult(["result"], [{"result": Literal(str(bool(result)).lower())}])
    if isinstance(result, QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [{c: solution[c] for c in columns} for solution in result]
        # a bound parameter is a constant: show it in its column
        for key, term in substitutions.items():
            if key.value in columns:
                for row in rows:
                    row[key.value] = row[key.value] or term
        return QueryResult(columns, rows)
    triples = list(result)
    return QueryResult(
        ["subject", "predicate", "object"],
        [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in triples],
    )
