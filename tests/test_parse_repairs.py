"""The parse repairs of builder/nlp.py, and names the text defines, on sentences where the tagger errs."""

from __future__ import annotations


def test_a_present_verb_read_as_a_modifier_heads_its_sentence(nlp):
    doc = nlp("Un drone américain tue à Bagdad le général Qassem Soleimani.")
    verb = next(t for t in doc if t.text == "tue")
    assert (verb.pos_, verb.lemma_, verb.dep_) == ("VERB", "tuer", "ROOT")
    assert {(c.text, c.dep_) for c in verb.children if c.dep_ in {"nsubj", "obj", "obl:mod"}} == {
        ("drone", "nsubj"), ("général", "obj"), ("Bagdad", "obl:mod")}


def test_nouns_of_the_same_forms_stay_nouns(nlp):
    for text, word in (("La riposte de Washington a été rapide.", "riposte"),
                       ("Une frappe israélienne a tué trois personnes.", "frappe")):
        token = next(t for t in nlp(text) if t.text == word)
        assert token.pos_ == "NOUN", text


def test_an_english_acronym_spells_the_french_name_backwards(extract_text):
    extraction = extract_text("L'opération visait des combattants de l'Armée de libération du Baloutchistan (BLA).")
    entity = extraction.entities["armee-de-liberation-du-baloutchistan"]
    assert entity.etype == "ArmedGroup"
    assert {"BLA", "Armée de libération du Baloutchistan (BLA)"} <= entity.aliases


def test_a_backward_acronym_needs_every_initial(extract_text):
    extraction = extract_text("Des combattants de l'Armée de libération nationale du Baloutchistan (BLA) ont été tués.")
    assert not any("BLA" in e.aliases for e in extraction.entities.values())


def test_a_name_before_its_apposition_is_the_subject(nlp):
    doc = nlp("Les Gardiens de la révolution, l'armée idéologique de l'Iran, ont revendiqué mardi des tirs.")
    verb = next(t for t in doc if t.text == "revendiqué")
    subject = next(c for c in verb.children if c.dep_ == "nsubj")
    assert subject.text == "Gardiens de la révolution"
    assert [(c.text, c.dep_) for c in subject.children if c.dep_ == "appos"] == [("armée", "appos")]
