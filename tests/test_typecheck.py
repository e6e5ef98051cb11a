"""Facts the ontology's domains and ranges rule out are not written, and the build says how many."""

from __future__ import annotations

from builder.extract.output import check_types
from builder.pipeline import build
from builder.records import Article, Entity, Extraction, Fact, Sentence
from builder.store import open_store

SENTENCE = Sentence("...", 0, 3)


def _extraction(*facts: Fact) -> Extraction:
    article = Article(text="...", sha256="0" * 64, source="<test>")
    entities = {"madjal-chams": Entity("madjal-chams", "Location", "Madjal Chams"),
                "hezbollah": Entity("hezbollah", "ArmedGroup", "Hezbollah"),
                "iraq": Entity("iraq", "State", "Iraq")}
    return Extraction(article, entities=entities, events={}, facts=list(facts))


def test_a_place_carries_out_nothing_and_claims_nothing() -> None:
    extraction = _extraction(
        Fact("e-1", "perpetrator", "madjal-chams", SENTENCE, subject_kind="event"),
        Fact("madjal-chams", "claimed", "e-1", SENTENCE, object_kind="event"),
        Fact("e-1", "perpetrator", "hezbollah", SENTENCE, subject_kind="event"),
        Fact("e-1", "location", "iraq", SENTENCE, subject_kind="event"),  # a country is a place too
        Fact("hezbollah", "backedBy", "iraq", SENTENCE),  # and a state
        Fact("hezbollah", "locatedIn", "iraq", SENTENCE),
    )
    check_types(extraction)
    assert [(f.subject, f.predicate, f.object) for f in extraction.facts] == [
        ("e-1", "perpetrator", "hezbollah"), ("e-1", "location", "iraq"), ("hezbollah", "backedBy", "iraq")]
    assert extraction.rejected == [
        "e-1 perpetrator madjal-chams: the object is Location, not Actor",
        "madjal-chams claimed e-1: the subject is Location, not Actor",
        "hezbollah locatedIn iraq: the subject is Actor/ArmedGroup, not Location",
    ]


def test_the_build_reports_facts_it_did_not_write(tmp_path) -> None:
    # "les combattants de X" presents X as an armed group; "à X" then makes it the place of an
    # event, which an armed group cannot be
    (tmp_path / "a.txt").write_text(
        "Liban\nLes combattants de Madjal Chams ont attaqué la base. Une roquette est tombée à Madjal Chams.",
        encoding="utf-8")
    report = build([tmp_path / "a.txt"], open_store(tmp_path / "store"))
    assert report.rejected == 1
    assert "1 fact(s) not written: a subject or object had the wrong type for the ontology" in report.summary()
