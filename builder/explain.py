"""Why is this fact here?  The sentences that support a triple, with their article.

``explain(store, s, p, o)`` takes each of the three as a label ("Iran-backed
militias", "soutenu par"), a CURIE (``ripid:iran``, ``rip:backedBy``), a bare
ontology name for the predicate (``backedBy``) or a full IRI, and returns one
dict per supporting sentence: the sentence, its offsets, the confidence, and
the article (IRI, title, publication date, source).  The lookup itself is the
bundled ``evidence`` query (``queries/evidence.rq``) run through
:func:`builder.queries.run_query`; this module only resolves the names and adds
what that query does not return (the article's IRI and date).

Labels are matched case-insensitively on ``rdfs:label``, ``skos:prefLabel`` and
``skos:altLabel`` in any graph.  A name that matches nothing, or several
things, raises :class:`TermError` (a ``ValueError``) naming close matches.

>>> from builder.store import open_store
>>> explain(open_store(None), "Irann", "rip:backedBy", "https://w3id.org/riposte/id/iran")
Traceback (most recent call last):
...
builder.explain.TermError: no subject labelled 'Irann' (nothing close)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, QueryBoolean, Store, Variable

from .queries import Term, parse_term, run_query, to_python
from .vocab import PREFIXES, RIP

__all__ = ["TermError", "explain", "resolve", "shorten"]

_LABELS_OF = """
SELECT DISTINCT ?term ?needle WHERE {
  VALUES ?lp { rdfs:label skos:prefLabel skos:altLabel }
  ?term ?lp ?label .
  FILTER(isIRI(?term) && LCASE(STR(?label)) = ?needle)
}
"""

_ALL_LABELS = """
SELECT DISTINCT ?term ?label WHERE {
  VALUES ?lp { rdfs:label skos:prefLabel skos:altLabel }
  ?term ?lp ?label .
  FILTER(isIRI(?term))
}
"""

_ARTICLES_FROM = """
SELECT ?article ?title ?issued ?source WHERE {
  ?article a rip:Article ; dcterms:source ?source .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:issued ?issued }
}
"""

# only needed when two stored articles share a source (an edited file built again)
_ARTICLE_SAYS = """
ASK {
  GRAPH ?article { ?r rdf:reifies <<( ?s ?p ?o )>> ; rip:evidence ?evidence ; rip:startChar ?start }
}
"""


class TermError(ValueError):
    """A name that resolves to no IRI, or to several: ``matches`` lists (IRI, label) candidates."""

    def __init__(self, message: str, matches: list[tuple[str, str]] | None = None, *, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.matches = list(matches or [])
        self.ambiguous = ambiguous


def shorten(iri: str) -> str:
    """``ripid:iran`` for ``https://w3id.org/riposte/id/iran``; other IRIs unchanged.

    >>> shorten("https://w3id.org/riposte/ontology#backedBy")
    'rip:backedBy'
    """
    best = ""
    for prefix, base in PREFIXES.items():
        # the longest namespace wins (ripid:weapon/… is weapon:…)
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def _query(store: Store, text: str, **bindings: Term):
    return store.query(
        text,
        prefixes=dict(PREFIXES),
        use_default_graph_as_union=True,
        substitutions={Variable(k): v for k, v in bindings.items()},
    )


def _normalise(label: str) -> str:
    return " ".join(label.split()).lower()


def _close_matches(store: Store, needle: str, role: str, limit: int = 8) -> list[tuple[str, str]]:
    """Labels (and, for a predicate, ontology names) that contain ``needle`` or look like it, as (IRI, label)."""
    iris: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    if role == "predicate":
        for name in RIP:
            iris.setdefault(name.lower(), set()).add(RIP.term(name).value)
            shown[name.lower()] = name
    for row in _query(store, _ALL_LABELS):
        key = _normalise(row["label"].value)
        iris.setdefault(key, set()).add(row["term"].value)
        shown[key] = min(shown.get(key, row["label"].value), row["label"].value)
    containing = sorted((k for k in iris if needle in k), key=lambda k: (len(k), k))
    similar = difflib.get_close_matches(needle, sorted(iris), n=limit, cutoff=0.6)
    found: list[tuple[str, str]] = []
    for key in dict.fromkeys([*containing, *similar]):
        found.extend((iri, shown[key]) for iri in sorted(iris[key]))
    return found[:limit]


def _describe(matches: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{label!r} ({shorten(iri)})" for iri, label in matches)


def resolve(store: Store, name: str, role: str = "subject") -> Term:
    """The RDF term ``name`` stands for, in the given role (subject, predicate or object).

    ``<IRI>``, ``http(s)://…`` and ``prefix:local`` with a known prefix are taken
    as they are; a predicate may be a bare ontology name (``backedBy``); anything
    else is looked up as a label.  An object that is no label but a number or an
    ISO date is taken as that literal (``rip:killed 3``).

    >>> from builder.store import open_store
    >>> resolve(open_store(None), "backedBy", "predicate").value
    'https://w3id.org/riposte/ontology#backedBy'
    >>> resolve(open_store(None), "soutenu par", "predicate").value
    'https://w3id.org/riposte/ontology#backedBy'
    """
    text = name.strip()
    if not text:
        raise TermError(f"empty {role}")
    term = parse_term(text)
    if isinstance(term, NamedNode):
        return term
    if role == "predicate":
        names = {name.lower(): name for name in RIP}
        if text.lower() in names:  # backedBy, backedby
            return RIP.term(names[text.lower()])
    needle = _normalise(text)
    found = sorted({row["term"].value for row in _query(store, _LABELS_OF, needle=Literal(needle))})
    if len(found) == 1:
        return NamedNode(found[0])
    if len(found) > 1:
        matches = [(iri, text) for iri in found]
        raise TermError(
            f"the {role} {text!r} is ambiguous: it labels {len(found)} nodes, "
            f"{', '.join(shorten(i) for i in found[:10])}{' …' if len(found) > 10 else ''}; give the IRI or CURIE",
            matches,
            ambiguous=True,
        )
    if role == "object" and isinstance(term, Literal) and term.datatype.value != PREFIXES["xsd"] + "string":
        return term  # a number or a date
    close = _close_matches(store, needle, role)
    hint = f"close matches: {_describe(close)}" if close else "nothing close"
    raise TermError(f"no {role} labelled {text!r} ({hint})", close)


def _articles_from(store: Store, source: Literal) -> list[dict[str, object]]:
    return [
        {
            "article": row["article"].value,
            "title": row["title"].value if row["title"] else None,
            "date": row["issued"].value if row["issued"] else None,
        }
        for row in _query(store, _ARTICLES_FROM, source=source)
    ]


def explain(
    store: Store, s: str | Term | None, p: str | Term | None, o: str | Term | None
) -> list[dict[str, object]]:
    """The sentences supporting the triple (``s`` ``p`` ``o``), best confidence first.

    Each of ``s``, ``p``, ``o`` is a name (see :func:`resolve`), an RDF term, or
    ``None`` for "any".  Each dict holds ``subject``, ``predicate``, ``object``
    (IRIs, or the literal's value), ``evidence`` (the sentence), ``confidence``,
    ``start`` and ``end`` (character offsets in the article text), ``article``
    (the article's IRI, which names its graph), ``title``, ``date`` (ISO
    publication date or ``None``) and ``source`` (URL or file).  A fact the
    store does not hold gives an empty list; a name that resolves to nothing
    raises :class:`TermError`.
    """
    params: dict[str, Term] = {}
    for key, value, role in (("s", s, "subject"), ("p", p, "predicate"), ("o", o, "object")):
        if value is not None:
            params[key] = resolve(store, value, role) if isinstance(value, str) else value
    result = run_query(store, "evidence", params)
    articles: dict[str, list[dict[str, object]]] = {}
    rows: list[dict[str, object]] = []
    for row in result.rows:
        source = row["source"]
        if source.value not in articles:
            articles[source.value] = _articles_from(store, source)
        candidates = articles[source.value]
        if len(candidates) > 1:
            candidates = [c for c in candidates if _says(store, NamedNode(str(c["article"])), row)] or candidates
        article = candidates[0] if candidates else {"article": None, "title": None, "date": None}
        title = row["title"]
        rows.append(
            {
                "subject": to_python(row["s"]),
                "predicate": to_python(row["p"]),
                "object": to_python(row["o"]),
                "evidence": to_python(row["evidence"]),
                "confidence": to_python(row["confidence"]),
                "start": to_python(row["start"]),
                "end": to_python(row["end"]),
                "article": article["article"],
                "title": title.value if title is not None else article["title"],
                "date": article["date"],
                "source": source.value,
            }
        )
    return rows


def _says(store: Store, article: NamedNode, row: dict[str, Term | None]) -> bool:
    """Whether ``article``'s graph holds this evidence row (to tell apart articles from one source)."""
    bindings = {k: row[k] for k in ("s", "p", "o", "evidence", "start") if row[k] is not None}
    answer = _query(store, _ARTICLE_SAYS, article=article, **bindings)
    return bool(answer) if isinstance(answer, QueryBoolean) else False
