"""Exact triples for short French texts written for these tests, compared as
graphs (rdflib isomorphism), and the reifier each fact carries.

A known name is typed in the article's graph only where the article presents it
("les milices soutenues par l'Iran"); Iran or Kataëb Hezbollah merely named keep their
types in the gazetteer graph.
"""

from __future__ import annotations

import hashlib

import pytest
from pyoxigraph import RdfFormat, serialize
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from builder.records import Article
from builder.triples import article_iri, extraction_quads

pytestmark = pytest.mark.slow

PREFIXES = """
@prefix rip: <https://w3id.org/riposte/ontology#> .
@prefix ripid: <https://w3id.org/riposte/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

CASES = [
    (
        "Les milices soutenues par l'Iran ont tiré des roquettes sur la base d'Aïn al-Assad, blessant deux soldats américains.",
        """
        ripid:iran-backed-militias a rip:ArmedGroup ;
            rdfs:label "Iran-backed militias"@en, "milices pro-iraniennes"@fr ;
            skos:altLabel "Les milices soutenues par l'Iran"@fr ;
            rip:backedBy ripid:iran ;
            rip:struck ripid:ain-al-asad-air-base .
        ripid:iran skos:altLabel "Iran"@fr .
        ripid:ain-al-asad-air-base skos:altLabel "base d'Aïn al-Assad"@fr .
        <https://w3id.org/riposte/id/event/{prefix}-1> a rip:Attack ;
            rdfs:label "rocket attack by Iran-backed militias on Ain al-Asad Air Base"@en,
                       "tiré (milices pro-iraniennes, base aérienne d'Aïn al-Assad)"@fr ;
            rip:perpetrator ripid:iran-backed-militias ;
            rip:target ripid:ain-al-asad-air-base ;
            rip:weapon <https://w3id.org/riposte/id/weapon/rocket> ;
            rip:wounded "2"^^xsd:nonNegativeInteger .
        """,
    ),
    (
        "Kataëb Hezbollah a revendiqué l'attaque de drone contre la Tour 22, qui a tué trois soldats.",
        """
        ripid:kataib-hezbollah skos:altLabel "Kataëb Hezbollah"@fr ;
            rip:claimed <https://w3id.org/riposte/id/event/{prefix}-1> .
        ripid:tower-22 skos:altLabel "Tour 22"@fr .
        <https://w3id.org/riposte/id/event/{prefix}-1> a rip:Attack ;
            rdfs:label "drone attack on Tower 22"@en, "attaque (Tour 22)"@fr ;
            rip:target ripid:tower-22 ;
            rip:weapon <https://w3id.org/riposte/id/weapon/drone> ;
            rip:killed "3"^^xsd:nonNegativeInteger .
        """,
    ),
]


def _article_graph(extraction, gazetteer) -> tuple[Graph, list]:
    graph_iri = article_iri(extraction.article)
    quads = [q for q in extraction_quads(extraction, gazetteer) if q.graph_name == graph_iri]
    reifiers = {q.subject for q in quads if q.predicate.value.endswith("#reifies")}
    facts = [q for q in quads if q.subject not in reifiers]
    text = serialize([q.triple for q in facts], format=RdfFormat.N_TRIPLES).decode()
    return Graph().parse(data=text, format="nt"), [q for q in quads if q.subject in reifiers]


@pytest.mark.parametrize("text,expected", CASES, ids=["backing-and-attack", "claim-and-casualties"])
def test_exact_article_graph(text, expected, nlp, gazetteer):
    from builder.extract import read_article

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    article = Article(text=text, sha256=sha, source="<test>")
    extraction = read_article(nlp(text), article, gazetteer)
    got, reifier_quads = _article_graph(extraction, gazetteer)
    want = Graph().parse(data=PREFIXES + expected.replace("{prefix}", sha[:12]), format="turtle")
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(f"extra:\n{only_got.serialize(format='nt')}\nmissing:\n{only_want.serialize(format='nt')}")
    # one reifier per rip: fact, each quoting the sentence with its offsets
    facts = [t for t in got if str(t[1]).startswith("https://w3id.org/riposte/ontology#")]
    reified = [q for q in reifier_quads if q.predicate.value.endswith("#reifies")]
    assert len(reified) == len(facts)
    evidence = {q.object.value for q in reifier_quads if q.predicate.value.endswith("#evidence")}
    assert evidence == {text}
    starts = {int(q.object.value) for q in reifier_quads if q.predicate.value.endswith("#startChar")}
    ends = {int(q.object.value) for q in reifier_quads if q.predicate.value.endswith("#endChar")}
    assert (starts, ends) == ({0}, {len(text)})


def test_one_reifier_confidence_per_sentence_reading(nlp, gazetteer):
    """Read twice from one sentence (as place, then as target), a triple gets one reifier
    with the higher confidence, not one reifier with two confidences."""
    from builder.extract import read_article

    text = "Le Hamas a mené une attaque sans précédent sur le sol israélien."
    article = Article(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), source="<test>")
    extraction = read_article(nlp(text), article, gazetteer)
    struck = [f for f in extraction.facts if (f.subject, f.predicate, f.object) == ("hamas", "struck", "israel")]
    assert sorted(f.confidence for f in struck) == [0.6, 0.8]  # the place reading and the target reading
    _, reifier_quads = _article_graph(extraction, gazetteer)
    struck_reifiers = {q.subject for q in reifier_quads
                       if q.predicate.value.endswith("#reifies") and q.object.predicate.value.endswith("#struck")}
    confidences = [q.object.value for q in reifier_quads
                   if q.subject in struck_reifiers and q.predicate.value.endswith("#confidence")]
    assert confidences == ["0.80"]
