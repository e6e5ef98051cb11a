"""The embedded store: pyoxigraph on disk, one named graph per article.

Each article is written with one ``Store.extend`` call, which pyoxigraph runs
as a single transaction: an interrupted build leaves no half article.  An
article whose SHA-256 is already stored is skipped, so building the same input
twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import Literal, Quad, RdfFormat, Store, Variable, serialize

from .vocab import ONTOLOGY_GRAPH, PREFIXES, RDF, RIP, ontology_quads

_HAS_ARTICLE = "ASK { ?article rip:sha256 ?sha }"


def open_store(path: str | Path | None) -> Store:
    """Open (or create) the store at ``path``; ``None`` gives an in-memory store.

    The ontology is loaded into its own named graph so that queries can read
    class and weapon labels.

    >>> store = open_store(None)
    >>> has_article(store, "0" * 64)
    False
    """
    if path is None:
        store = Store()
    else:
        Path(path).mkdir(parents=True, exist_ok=True)
        store = Store(str(path))
    if not any(store.quads_for_pattern(None, RDF.type, None, ONTOLOGY_GRAPH)):
        store.extend(ontology_quads(ONTOLOGY_GRAPH))
    return store


def open_existing(path: str | Path) -> Store:
    """Open a store that must already exist (for query, export, stats)."""
    path = Path(path)
    # a RocksDB folder always has a CURRENT file: refuse any other folder rather than write into it
    if not (path / "CURRENT").is_file():
        raise FileNotFoundError(f"no Riposte store at {path} (build one with: riposte build PATH --store {path})")
    return Store(str(path))


def has_article(store: Store, sha256: str) -> bool:
    return bool(
        store.query(_HAS_ARTICLE, prefixes=dict(PREFIXES), substitutions={Variable("sha"): Literal(sha256)})
    )


def write_article(store: Store, graph, quads: Sequence[Quad], replace: bool = False) -> None:
    """Write one article's quads in one transaction.

    With ``replace`` the article's graph and metadata are dropped and rewritten
    in the same SPARQL update, so a reader never sees the article half gone.
    """
    if not replace:
        store.extend(quads)
        return
    default = [q for q in quads if q.graph_name.__class__.__name__ == "DefaultGraph"]
    named = [q for q in quads if q not in default]
    body = serialize(named, format=RdfFormat.N_QUADS).decode("utf-8")
    plain = serialize([Quad(q.subject, q.predicate, q.object) for q in default], format=RdfFormat.N_TRIPLES).decode("utf-8")
    grouped: dict[str, list[str]] = {}
    for line in body.splitlines():
        # an N-Quads line ends with "<graph> ." : regroup them per graph for INSERT DATA
        head, _, graph_part = line.rstrip(" .").rpartition(" <")
        grouped.setdefault("<" + graph_part, []).append(head + " .")
    inserts = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in grouped.items())
    article = f"<{graph.value}>"
    store.update(
        f"DROP SILENT GRAPH {article} ;\n"
        f"DELETE WHERE {{ {article} ?p ?o }} ;\n"
        f"INSERT DATA {{\n{plain}\n{inserts}\n}}"
    )


def article_count(store: Store) -> int:
    return len(list(store.quads_for_pattern(None, RDF.type, RIP.Article, None)))
