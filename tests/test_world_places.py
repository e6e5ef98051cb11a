"""Places the gazetteer lacks are typed and placed from builder.places, and their
containment is written as background knowledge."""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad

from builder.triples import extraction_quads
from builder.vocab import GAZETTEER_GRAPH, RDF, RIP, RIPID


def test_a_world_city_is_a_place_in_its_country(extract_text, gazetteer):
    extraction = extract_text("Des hommes armés ont attaqué mardi une école de gendarmerie à Bamako.")
    assert extraction.entities["bamako"].etype == "Location"
    assert any(f.predicate == "location" and f.object == "bamako" for f in extraction.facts)
    quads = set(extraction_quads(extraction, gazetteer))
    bamako, district, mali = (NamedNode(RIPID.base + k) for k in ("bamako", "bamako-district", "mali"))
    assert Quad(bamako, RIP.locatedIn, district, GAZETTEER_GRAPH) in quads
    assert Quad(district, RIP.locatedIn, mali, GAZETTEER_GRAPH) in quads
    assert Quad(bamako, RDF.type, RIP.Location, GAZETTEER_GRAPH) in quads
    assert Quad(mali, RDF.type, RIP.State, GAZETTEER_GRAPH) in quads


def test_a_region_named_as_one_is_the_region(extract_text):
    extraction = extract_text("Une attaque a tué vingt soldats à Téra, dans la région de Tillabéri.")
    assert extraction.entities["tillaberi-region"].etype == "Location"


def test_containment_through_the_world_places(gazetteer):
    assert gazetteer.containers("kidal") == ["kidal-region", "mali"]
    assert gazetteer.knows_place("mogadishu") and not gazetteer.knows_place("somewhere-unknown")
