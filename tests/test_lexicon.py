"""The trigger lexicon is data: every class it names exists in the ontology."""

from __future__ import annotations

from builder.lexicon import triggers
from builder.vocab import RIP


def test_event_classes_in_the_trigger_lexicon_exist_in_the_ontology():
    lex = triggers()
    classes = set(lex["event_nouns"].values()) | set(lex["event_verbs"].values()) | set(lex["coref_only_nouns"].values())
    assert classes == {"Attack", "Strike"}
    for name in classes:
        assert name in RIP, name


def test_words_needing_an_actor_or_a_weapon_are_event_words_or_declared_apart():
    lex = triggers()
    assert set(lex["strike_nouns_need_state_actor"]) <= set(lex["event_nouns"])
    # words that only make an event with a weapon must not also be plain event words (one meaning each)
    assert not (set(lex["weapon_verbs"]) & set(lex["event_verbs"]))
