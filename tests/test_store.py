"""The store as the contract lays it out: one named graph per article, metadata in the
default graph, reifiers beside the facts, background in the gazetteer graph, and
writes that are idempotent, replaceable (``force``) and all-or-nothing.

Every article here is a short French text written for these tests and built through
``builder.pipeline.build`` (so these tests load the spaCy model once per session).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from builder import pipeline
from builder.config import Settings
from builder.pipeline import build
from builder.store import has_article, open_store
from builder.vocab import DCTERMS, GAZETTEER_GRAPH, ONTOLOGY_GRAPH, PREFIXES, RDF, RDFS, RIP, RIPID, SKOS, WD, XSD

pytestmark = pytest.mark.slow  # needs the spaCy model

from texts import BACKING, STRIKE  # noqa: E402  (tests/ is on the import path)

DEFAULT = ox.DefaultGraph()
REIFIER_PROPERTIES = {RIP.evidence, RIP.startChar, RIP.endChar, RIP.confidence}
MILITIAS = RIPID.term("iran-backed-militias")
IRAN = RIPID.term("iran")
AIN_AL_ASAD = RIPID.term("ain-al-asad-air-base")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_node(sha: str) -> ox.NamedNode:
    return ox.NamedNode(f"https://w3id.org/riposte/id/article/{sha}")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def objects(store: ox.Store, subject, predicate, graph=None) -> list:
    return [q.object for q in store.quads_for_pattern(subject, predicate, None, graph)]


def article_graphs(store: ox.Store) -> list[ox.NamedNode]:
    return sorted((g for g in store.named_graphs() if g.value.startswith(RIPID.base + "article/")), key=str)


def fact_quads(store: ox.Store, graph: ox.NamedNode) -> list[ox.Quad]:
    """The statements an article makes with rip: relations (reifier bookkeeping left out)."""
    return [
        q
        for q in store.quads_for_pattern(None, None, None, graph)
        if q.predicate.value.startswith(PREFIXES["rip"]) and q.predicate not in REIFIER_PROPERTIES
    ]


@pytest.fixture
def two_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ox.Store, dict[str, bytes]]:
    """A store built from two .txt files named by relative paths, as a user would type them."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in" / "milices.txt", BACKING)
    write(tmp_path / "in" / "frappe.txt", STRIKE)
    store = open_store(tmp_path / "store")
    report = build(["in/milices.txt", "in/frappe.txt"], store)
    assert report.built == ["in/milices.txt", "in/frappe.txt"], report.summary()
    inputs = {name: (tmp_path / name).read_bytes() for name in report.built}
    return store, inputs


# --- idempotence -------------------------------------------------------------------


def test_building_the_same_article_twice_adds_nothing(tmp_path: Path) -> None:
    article = write(tmp_path / "milices.txt", BACKING)
    store = open_store(tmp_path / "store")
    first = build([str(article)], store)
    assert first.built == [str(article)]
    before = set(store)

    second = build([str(article)], store)

    assert second.built == []
    assert second.unchanged == [str(article)]
    assert second.skipped == []
    assert (second.facts, second.events) == (0, 0)
    assert len(store) == len(before)
    assert set(store) == before


def test_same_bytes_under_another_name_is_the_same_article(tmp_path: Path) -> None:
    """Identity is the content's SHA-256, not the file name; a copy in the same run is caught too."""
    original = write(tmp_path / "a" / "milices.txt", BACKING)
    copy = write(tmp_path / "b" / "copie.txt", BACKING)
    store = open_store(tmp_path / "store")

    report = build([str(original), str(copy)], store)

    assert report.built == [str(original)]
    assert report.unchanged == [str(copy)]
    assert article_graphs(store) == [article_node(sha256(BACKING.encode("utf-8")))]
    assert has_article(store, sha256(BACKING.encode("utf-8")))


# --- named graphs and metadata -----------------------------------------------------


def test_two_articles_give_two_graphs_named_by_their_iris(two_articles) -> None:
    store, inputs = two_articles
    expected = {article_node(sha256(data)) for data in inputs.values()}
    assert len(expected) == 2
    assert set(article_graphs(store)) == expected
    assert set(store.named_graphs()) == expected | {GAZETTEER_GRAPH, ONTOLOGY_GRAPH}


@pytest.mark.parametrize("source", ["in/milices.txt", "in/frappe.txt"])
def test_article_metadata_sits_in_the_default_graph(two_articles, source: str) -> None:
    store, inputs = two_articles
    digest = hashlib.sha256(inputs[source]).hexdigest()
    node = article_node(digest)

    assert objects(store, node, RDF.type, DEFAULT) == [RIP.Article]
    assert objects(store, node, RIP.sha256, DEFAULT) == [ox.Literal(digest)]
    # the path as given on the command line, not resolved
    assert objects(store, node, DCTERMS.source, DEFAULT) == [ox.Literal(source)]
    assert objects(store, node, DCTERMS.title, DEFAULT) == [ox.Literal(inputs[source].decode().split("\n")[0])]
    # nothing about the article node sits in a named graph
    assert {q.graph_name for q in store.quads_for_pattern(node, None, None, None)} == {DEFAULT}


def test_every_fact_has_a_reifier_in_its_graph_whose_offsets_give_the_evidence(two_articles) -> None:
    store, _ = two_articles
    checked = 0
    for graph in article_graphs(store):
        [text] = objects(store, graph, RIP.text, DEFAULT)
        asserted = set()
        for fact in fact_quads(store, graph):
            triple = ox.Triple(fact.subject, fact.predicate, fact.object)
            asserted.add(triple)
            reifiers = [q.subject for q in store.quads_for_pattern(None, RDF.reifies, triple, graph)]
            assert reifiers, f"no reifier for {triple} in {graph}"
            for reifier in reifiers:
                [evidence] = objects(store, reifier, RIP.evidence, graph)
                [start] = objects(store, reifier, RIP.startChar, graph)
                [end] = objects(store, reifier, RIP.endChar, graph)
                [confidence] = objects(store, reifier, RIP.confidence, graph)
                assert text.value[int(start.value) : int(end.value)] == evidence.value
                assert evidence.value.strip()
                assert confidence.datatype == XSD.decimal
                assert 0.0 < float(confidence.value) <= 1.0
                # the reifier lives only in the article's graph
                assert {q.graph_name for q in store.quads_for_pattern(reifier, None, None, None)} == {graph}
            checked += 1
        # and the other way round: a reifier only ever reifies a triple its graph asserts
        reified = {q.object for q in store.quads_for_pattern(None, RDF.reifies, None, graph)}
        assert reified == asserted
    assert checked >= 5  # both articles state facts: the test is not vacuous


def test_backing_article_states_exactly_these_relations(two_articles) -> None:
    store, inputs = two_articles
    graph = article_node(sha256(inputs["in/milices.txt"]))
    relations = {(q.subject, q.predicate, q.object) for q in fact_quads(store, graph) if q.subject == MILITIAS}
    # "ont tiré des roquettes sur la base d'Aïn al-Assad": the attackers struck the base
    assert relations == {(MILITIAS, RIP.backedBy, IRAN), (MILITIAS, RIP.struck, AIN_AL_ASAD)}


def test_gazetteer_background_stays_out_of_article_graphs(two_articles) -> None:
    store, _ = two_articles
    graphs = article_graphs(store)
    for graph in graphs:
        assert list(store.quads_for_pattern(None, RIP.locatedIn, None, graph)) == []
        assert list(store.quads_for_pattern(None, SKOS.exactMatch, None, graph)) == []
        # a known entity's canonical labels are background too; the article adds only its surface forms
        for known in (IRAN, AIN_AL_ASAD):
            assert objects(store, known, RDFS.label, graph) == []
    backing_graph = article_node(sha256(BACKING.encode("utf-8")))
    assert objects(store, IRAN, SKOS.altLabel, backing_graph) == [ox.Literal("Iran", language="fr")]

    # ...and it is all there, in the gazetteer graph
    assert objects(store, IRAN, SKOS.exactMatch, GAZETTEER_GRAPH) == [WD.Q794]
    assert objects(store, AIN_AL_ASAD, RIP.locatedIn, GAZETTEER_GRAPH) == [RIPID.term("anbar-governorate")]
    assert objects(store, RIPID.term("anbar-governorate"), RIP.locatedIn, GAZETTEER_GRAPH) == [RIPID.term("iraq")]
    assert set(objects(store, IRAN, RDFS.label, GAZETTEER_GRAPH)) == {
        ox.Literal("Iran", language="en"),
        ox.Literal("Iran", language="fr"),
    }
    assert set(objects(store, IRAN, RDF.type, GAZETTEER_GRAPH)) == {RIP.State, RIP.Location}
    assert all(
        q.graph_name == GAZETTEER_GRAPH
        for predicate in (RIP.locatedIn, SKOS.exactMatch)
        for q in store.quads_for_pattern(None, predicate, None, None)
    )


def test_jsonl_metadata_lands_as_dcterms(tmp_path: Path) -> None:
    text = "Des drones ont visé la base d'Aïn al-Assad mardi, selon un responsable."
    bare = "Un drone a visé la base de la Tour 22."
    lines = [
        {
            "text": text,
            "title": "Drones sur Aïn al-Assad",
            "url": "https://exemple.fr/monde/drones-ain-al-assad",
            "published": "2024-02-06",
            "lang": "fr",
        },
        {"text": bare},
    ]
    feed = write(tmp_path / "fil.jsonl", "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    store = open_store(tmp_path / "store")

    report = build([str(feed)], store)

    assert report.built == ["https://exemple.fr/monde/drones-ain-al-assad", f"{feed}:2"]
    node = article_node(sha256(text.encode("utf-8")))
    assert objects(store, node, RIP.sha256, DEFAULT) == [ox.Literal(sha256(text.encode("utf-8")))]
    assert objects(store, node, DCTERMS.title, DEFAULT) == [ox.Literal("Drones sur Aïn al-Assad")]
    assert objects(store, node, DCTERMS.source, DEFAULT) == [ox.Literal("https://exemple.fr/monde/drones-ain-al-assad")]
    assert objects(store, node, DCTERMS.issued, DEFAULT) == [ox.Literal("2024-02-06", datatype=XSD.date)]
    assert objects(store, node, DCTERMS.language, DEFAULT) == [ox.Literal("fr")]
    # the stored text is the title, a blank line, then the body
    assert objects(store, node, RIP.text, DEFAULT) == [ox.Literal(f"Drones sur Aïn al-Assad\n\n{text}")]

    # a line without metadata gets its file:line as source and nothing else
    plain = article_node(sha256(bare.encode("utf-8")))
    assert objects(store, plain, DCTERMS.source, DEFAULT) == [ox.Literal(f"{feed}:2")]
    for predicate in (DCTERMS.title, DCTERMS.issued, DCTERMS.language):
        assert objects(store, plain, predicate, DEFAULT) == []


# --- force ---------------------------------------------------------------------------


def test_force_rewrites_an_article_to_the_same_quads(tmp_path: Path) -> None:
    article = write(tmp_path / "milices.txt", BACKING)
    store = open_store(tmp_path / "store")
    build([str(article)], store)
    first = set(store)

    report = build([str(article)], store, Settings(force=True))

    assert report.built == [str(article)]
    assert report.unchanged == []
    assert len(store) == len(first)
    assert set(store) == first
    node = article_node(sha256(BACKING.encode("utf-8")))
    assert len(objects(store, node, RIP.sha256)) == 1
    assert len(objects(store, node, RIP.text)) == 1


def test_force_drops_what_the_new_build_no_longer_states(tmp_path: Path) -> None:
    article = write(tmp_path / "milices.txt", BACKING)
    store = open_store(tmp_path / "store")
    build([str(article)], store)
    graph = article_node(sha256(BACKING.encode("utf-8")))
    assert len(fact_quads(store, graph)) > 1

    # only the backing is stated with confidence 0.9 or more
    build([str(article)], store, Settings(force=True, min_confidence=0.85))

    assert [(q.subject, q.predicate, q.object) for q in fact_quads(store, graph)] == [(MILITIAS, RIP.backedBy, IRAN)]
    assert len(list(store.quads_for_pattern(None, RDF.reifies, None, graph))) == 1
    assert objects(store, graph, RIP.sha256, DEFAULT) == [ox.Literal(sha256(BACKING.encode("utf-8")))]


# --- atomicity -----------------------------------------------------------------------


def test_a_failed_write_leaves_nothing_of_that_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``write_article`` hands the quads to one ``Store.extend``; if the quads stop coming
    halfway (the process dies, the disk fills), none of them may be in the store.

    ``build`` does not catch a failed write: the error propagates, and the articles
    written before it stay whole.
    """
    folder = tmp_path / "in"
    first = write(folder / "a_milices.txt", BACKING)
    write(folder / "b_frappe.txt", STRIKE)
    failing_graph = article_node(sha256(STRIKE.encode("utf-8")))

    # what the first article alone gives, built cleanly in memory
    alone = open_store(None)
    build([str(first)], alone)
    expected = set(alone)

    real_write = pipeline.write_article
    written: list[ox.NamedNode] = []
    handed_over: list[int] = []

    def write_then_fail_halfway(store, graph, quads, replace=False):
        written.append(graph)
        if graph != failing_graph:
            return real_write(store, graph, quads, replace=replace)
        quads = list(quads)

        def half_then_error():
            for quad in quads[: len(quads) // 2]:
                handed_over.append(1)
                yield quad
            raise OSError(28, "No space left on device")

        return real_write(store, graph, half_then_error(), replace=replace)

    monkeypatch.setattr(pipeline, "write_article", write_then_fail_halfway)
    store = open_store(tmp_path / "store")

    with pytest.raises(OSError, match="No space left on device"):
        build([str(folder)], store)

    assert written == [article_node(sha256(BACKING.encode("utf-8"))), failing_graph]
    assert len(handed_over) > 10  # the store really was given part of the article
    assert list(store.quads_for_pattern(None, None, None, failing_graph)) == []
    assert list(store.quads_for_pattern(failing_graph, None, None, None)) == []
    assert not has_article(store, sha256(STRIKE.encode("utf-8")))
    assert set(store) == expected
