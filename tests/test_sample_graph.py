"""The graph built from the sample corpus satisfies the SHACL shapes and, with
the ontology, is consistent for the HermiT reasoner."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, serialize

from builder.reasoning import check_consistency
from builder.shapes import validate_graph

pytestmark = pytest.mark.slow


def test_sample_graph_conforms_to_the_shapes(sample_store):
    conforms, report = validate_graph(sample_store)
    assert conforms, report


def test_sample_graph_is_consistent_with_the_ontology(sample_store):
    dump = serialize(sample_store, format=RdfFormat.N_QUADS).decode("utf-8")
    check_consistency(dump)  # raises InconsistentOntology naming the culprits


def test_every_fact_of_the_sample_graph_has_a_reifier(sample_store):
    facts = sample_store.query(
        """SELECT (COUNT(*) AS ?n) WHERE {
             GRAPH ?g { ?s ?p ?o . FILTER(?p IN (rip:backedBy, rip:claimed, rip:target, rip:retaliatedFor,
                                                 rip:perpetrator, rip:killed, rip:wounded, rip:weapon)) }
             ?g a rip:Article .
             FILTER NOT EXISTS { GRAPH ?g { ?r rdf:reifies <<( ?s ?p ?o )>> } }
           }""",
        prefixes={"rip": "https://w3id.org/riposte/ontology#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        use_default_graph_as_union=True,
    )
    assert next(iter(facts))["n"].value == "0"
