"""How likely two accounts tell one event: the compatibility score.

Both sides are reduced to an ``EventView`` (kind, dates, places, targets, weapons,
actors, plurality, tense), from an event of the article being read or from one
already stored.  ``compare`` lists what rules the two apart (a *conflict*: another
kind, dates two days apart or more, places that neither contain nor lie in each
other (as far as the gazetteer knows them), other perpetrators, other targets, one's target being the other's author,
other weapons, attacks on other states' troops, a series against a single attack)
and what they share (*evidence*, weighted: a date 2, each related place pair 1 up
to 2, a perpetrator 1, a target 1, a weapon 1).  ``score`` adds to the evidence what
the text says of the new mention (a demonstrative or definite determiner refers
back, a pluperfect tells an earlier event, each sentence between them costs a
little); the events stage (``clustering``) and identity across articles
(``builder.identity``) decide with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer

_PLACE_TYPES = frozenset({"State", "Location", "MilitaryBase"})

WEIGHTS = {"date": 2.0, "place": 1.0, "perpetrator": 1.0, "target": 1.0, "weapon": 1.0}
MAX_PLACE_EVIDENCE = 2.0
DEMONSTRATIVE = 2.0  # "cette attaque": names the event told before
DEFINITE = 1.0  # "l'attaque", in the body
DISTANCE = 0.15  # per sentence between the mention and the event's last mention
BACKGROUND = 1.0  # a pluperfect mention against an event told in the present or passé composé


@dataclass(frozen=True)
class EventView:
    """What identifies an event, on either side of a comparison."""

    kind: str
    dates: frozenset = frozenset()
    perpetrators: frozenset = frozenset()
    accused: frozenset = frozenset()  # perpetrators and those it is attributed to
    targets: frozenset = frozenset()  # actors and bases aimed at (places hit are in places)
    places: frozenset = frozenset()  # locations and targets that are places, as named
    weapons: frozenset = frozenset()
    hints: frozenset = frozenset()  # states whose troops were aimed at
    plural: bool = False
    background: bool = False


@dataclass
class Comparison:
    conflicts: list[str] = field(default_factory=list)
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def compatible(self) -> bool:
        return not self.conflicts

    @property
    def weight(self) -> float:
        return sum(self.evidence.values())


def place_keys(locations, targets, gazetteer: Gazetteer) -> frozenset:
    """An event's places: its locations and those of its targets the gazetteer knows as places."""
    return frozenset(locations) | frozenset(t for t in targets if _type(gazetteer, t) in _PLACE_TYPES)


def _type(gazetteer: Gazetteer, key) -> str | None:
    entry = gazetteer.get(str(key))
    return entry.type if entry is not None else None


def related(a, b, gazetteer: Gazetteer) -> bool:
    """The same place, or one inside the other (al-Qaïm and Iraq; not Erbil and al-Qaïm)."""
    return a == b or a in gazetteer.containers(str(b)) or b in gazetteer.containers(str(a))


def _known(key, gazetteer: Gazetteer) -> bool:
    return gazetteer.get(str(key)) is not None or gazetteer.knows_place(str(key))


def _states(keys, gazetteer: Gazetteer) -> set:
    return {k for k in keys if _type(gazetteer, k) == "State"}


def _day_gap(a: frozenset, b: frozenset) -> int | None:
    days = [abs((x - y).days) for x in a for y in b if isinstance(x, dt.date) and isinstance(y, dt.date)]
    return min(days) if days else None


def compare(a: EventView, b: EventView, gazetteer: Gazetteer, kinds: bool = True) -> Comparison:
    """What sets two events apart, and what they share (see the module docstring).

    ``kinds=False`` leaves the kind out ("cette opération" may name an attack or a strike).
    """
    out = Comparison()
    if kinds and a.kind != b.kind:
        out.conflicts.append("kind")
    gap = _day_gap(a.dates, b.dates)
    if gap is not None:
        if gap == 0:
            out.evidence["date"] = WEIGHTS["date"]
        elif gap > 1:  # a night attack is dated to either day
            out.conflicts.append("date")
    for role, mine, theirs in (("perpetrator", a.perpetrators, b.perpetrators), ("target", a.targets, b.targets)):
        if mine and theirs:
            if mine & theirs:
                out.evidence[role] = WEIGHTS[role]
            else:
                out.conflicts.append(role)
    if a.weapons and b.weapons:
        # one event uses several weapons (bombers and the munitions they drop, drones and rockets):
        # other weapons only count against
        if a.weapons & b.weapons:
            out.evidence["weapon"] = WEIGHTS["weapon"]
        else:
            out.evidence["weapon"] = -WEIGHTS["weapon"]
    if a.targets & b.accused or b.targets & a.accused or a.perpetrators & b.targets or b.perpetrators & a.targets:
        out.conflicts.append("swap")  # a group is not the target of its own attack
    if a.hints and b.hints and not a.hints & b.hints:
        out.conflicts.append("troops")  # attacks on different states' troops
    for one, other in ((a, b), (b, a)):
        # "l'attaque contre Israël" is not the attack on US troops
        if other.hints and _states(one.targets, gazetteer) - other.hints and not _states(other.targets, gazetteer):
            out.conflicts.append("troops")
            break
    if a.places and b.places:
        pairs = sum(1 for p in a.places for q in b.places if related(p, q, gazetteer))
        if pairs:
            out.evidence["place"] = min(MAX_PLACE_EVIDENCE, pairs * WEIGHTS["place"])
        elif all(_known(p, gazetteer) and _known(q, gazetteer) for p in a.places for q in b.places):
            out.conflicts.append("place")
        # else: a place the gazetteer does not know may lie in the other (Haret Hreik in Beirut)
    return out


def score(mention: EventView, event: EventView, gazetteer: Gazetteer, *, determiner: str = "",
          distance: int = 0, kinds: bool = True) -> float | None:
    """How well a new mention fits an event told before: ``None`` when something rules it
    out, else the shared evidence plus the determiner's pull, less the distance."""
    comparison = compare(mention, event, gazetteer, kinds=kinds)
    if not comparison.compatible:
        return None
    value = comparison.weight - DISTANCE * distance
    value += DEMONSTRATIVE if determiner == "demonstrative" else DEFINITE if determiner == "definite" else 0.0
    if mention.background != event.background and "date" not in comparison.evidence:
        value -= BACKGROUND
    return value
