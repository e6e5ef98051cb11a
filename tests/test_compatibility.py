"""The compatibility score that decides which accounts tell one event."""

from __future__ import annotations

import datetime as dt

from builder.extract.compatibility import EventView, compare, score

D = dt.date(2024, 2, 2)


def view(**roles) -> EventView:
    roles.setdefault("kind", "Strike")
    return EventView(**{k: frozenset(v) if isinstance(v, (set, list)) else v for k, v in roles.items()})


def test_shared_date_place_and_actor_are_evidence(gazetteer):
    a = view(dates={D}, places={"al-qaim"}, perpetrators={"united-states"})
    b = view(dates={D}, places={"iraq"}, perpetrators={"united-states"})
    result = compare(a, b, gazetteer)
    assert result.conflicts == []
    assert result.evidence == {"date": 2.0, "perpetrator": 1.0, "place": 1.0}


def test_what_rules_two_accounts_apart(gazetteer):
    base = view(dates={D}, places={"erbil"}, perpetrators={"united-states"}, targets={"kataib-hezbollah"})
    assert compare(base, view(kind="Attack"), gazetteer).conflicts == ["kind"]
    assert compare(base, view(dates={D + dt.timedelta(days=2)}), gazetteer).conflicts == ["date"]
    assert compare(base, view(places={"al-qaim"}), gazetteer).conflicts == ["place"]
    assert compare(base, view(perpetrators={"israel"}), gazetteer).conflicts == ["perpetrator"]
    # a group is not the target of its own attack
    assert compare(base, view(perpetrators={"kataib-hezbollah"}), gazetteer).conflicts == ["perpetrator", "swap"]


def test_a_day_apart_is_neither_for_nor_against(gazetteer):
    result = compare(view(dates={D}), view(dates={D + dt.timedelta(days=1)}), gazetteer)
    assert result.conflicts == [] and result.evidence == {}


def test_other_weapons_count_against_but_rule_nothing_out(gazetteer):
    result = compare(view(weapons={"bomber"}), view(weapons={"precision-munition"}), gazetteer)
    assert result.conflicts == [] and result.evidence == {"weapon": -1.0}


def test_a_place_the_gazetteer_does_not_know_may_lie_in_the_other(gazetteer):
    result = compare(view(places={"haret-hreik"}), view(places={"beirut"}), gazetteer)
    assert result.conflicts == [] and result.evidence == {}


def test_attacks_on_other_states_troops_are_other_attacks(gazetteer):
    result = compare(view(kind="Attack", hints={"united-states"}), view(kind="Attack", hints={"israel"}), gazetteer)
    assert result.conflicts == ["troops"]


def test_score_adds_the_determiner_and_subtracts_distance(gazetteer):
    mention, event = view(places={"iraq"}), view(places={"al-qaim"})
    plain = score(mention, event, gazetteer, distance=2)
    assert plain == 1.0 - 0.3
    assert score(mention, event, gazetteer, determiner="definite", distance=2) == plain + 1.0
    assert score(mention, event, gazetteer, determiner="demonstrative", distance=2) == plain + 2.0
    assert score(view(kind="Attack"), event, gazetteer) is None
    assert score(view(kind="Attack"), event, gazetteer, kinds=False) == 0.0
