"""A place an event happened near ("près de", "au nord de", "au large de", "à 30 km de")
is written as rip:near, not as rip:location: it is not where the event happened."""

from __future__ import annotations

from pyoxigraph import NamedNode

from builder.triples import extraction_quads
from builder.vocab import RIP, RIPID


def test_near_is_written_as_rip_near(extract_text, gazetteer):
    extraction = extract_text("Une frappe de drone a tué trois combattants près de Bagdad.")
    (key,) = extraction.events
    event, baghdad = NamedNode(RIPID.base + "event/" + key), NamedNode(RIPID.base + "baghdad")
    triples = {(q.subject, q.predicate, q.object) for q in extraction_quads(extraction, gazetteer)}
    assert (event, RIP.near, baghdad) in triples
    assert (event, RIP.location, baghdad) not in triples


def test_in_the_north_of_is_in(extract_text):
    extraction = extract_text("Une frappe de drone a tué trois combattants dans le nord de l'Irak.")
    assert {(f.predicate, f.object) for f in extraction.facts if f.predicate in {"location", "near"}} == {
        ("location", "northern-iraq"), ("location", "iraq")}
