"""Event identity across articles: one real-world event is one event node.

The extractor names every event after its article (``<sha256[:12]>-<n>``).
Before an article is written, :func:`unify_events` looks in the store for an
event node that already stands for the same attack or strike and, when it
finds one, gives the new article's event that node's key.  Only the event IRI
is shared: every fact stays in the named graph of the article that states it,
with its reifier, so two papers' figures (25 and 34 wounded) are both kept,
each with its own provenance, and nothing is ever overwritten.

The rule (:func:`same_event`)
-----------------------------

Two events are the same event when all of these hold:

1. **Same class.**  An Attack matches an Attack, a Strike a Strike, never one
   the other.
2. **A shared actor or target.**  At least one shared perpetrator (an actor
   that claimed the event counts as one of its perpetrators), or at least one
   shared target, or the same military base named by both (as target or as
   place).  Entity keys are compared, so aliases already agree.
3. **The same place, by containment.**  Each event's places are its
   ``rip:location`` values and those targets the gazetteer knows as places.
   Only the most specific ones are kept (Iraq is dropped when al-Qaïm is
   there), and two events share a place when one of A's is equal to, inside,
   or around one of B's (al-Qaïm matches Iraq through the gazetteer's
   ``located_in`` chain; Erbil does not match al-Qaïm, although both are in
   Iraq).  An event without any place matches nothing.
4. **Dated, within a day.**  Both events must carry a ``rip:date`` and their
   earliest dates may differ by at most one day (papers date a night attack
   to either day).  An undated event is never merged across articles: too
   risky.  When the two share a military base the dates must be the *same*
   day: bases are hit again and again, sometimes on consecutive days, and
   those are different attacks.

The score is 1 + shared perpetrators + shared targets + related place pairs
+ 1 when the dates are equal (0 means no match).  Each new event takes the
best-scoring stored event; ties go to the smallest key, and a stored event
is taken by at most one event of the new article (best pairs first), so an
article's own distinct events are never folded together here.

Keys
----

A matched event takes the stored key.  An unmatched *dated* event gets a key
made from its content, not from its article, so that the node does not depend
on which report was read first::

    strike-2024-02-02-iraq                 (class, date, country)
    attack-2024-01-20-ain-al-asad-air-base (class, date, the base it names)

The place part is the base the event names when it names one (bases are
stated the same way by every report), else the country of its first most
specific place (al-Qaïm → iraq, so "al-Qaïm" and "Irak" reports of one strike
pick the same key whichever comes first), else its first perpetrator or
target.  If a *different* event already holds that key (in the store or in
the same article), a six-hex suffix hashed from the event's roles is added;
failing that, one hashed from the article too.  Undated events keep their
article-scoped keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from pyoxigraph import Literal, NamedNode, Store

from .gazetteer import Gazetteer, load_gazetteer
from .records import Event, Extraction, Fact
from .vocab import RDF, RIP, RIPID

#: Role names a roles dict carries (besides ``kind``).
ROLES = ("perpetrator", "target", "location", "date")

_EVENT_BASE = f"{RIPID.base}event/"
_PLACE_TYPES = frozenset({"State", "Location", "MilitaryBase"})


# --------------------------------------------------------------------------- the rule


def _type(gazetteer: Gazetteer, key: str) -> str | None:
    entry = gazetteer.get(key)
    return entry.type if entry is not None else None


def _places(roles: Mapping, gazetteer: Gazetteer) -> set[str]:
    places = set(roles.get("location") or ())
    places |= {t for t in roles.get("target") or () if _type(gazetteer, t) in _PLACE_TYPES}
    return places


def _most_specific(places: set[str], gazetteer: Gazetteer) -> set[str]:
    above: set[str] = set()
    for place in places:
        above.update(gazetteer.containers(place))
    return {p for p in places if p not in above}


def _bases(places: Iterable[str], gazetteer: Gazetteer) -> set[str]:
    return {p for p in places if _type(gazetteer, p) == "MilitaryBase"}


def _related(a: str, b: str, gazetteer: Gazetteer) -> bool:
    return a == b or a in gazetteer.containers(b) or b in gazetteer.containers(a)


def same_event(a_roles: Mapping, b_roles: Mapping, gazetteer: Gazetteer) -> int:
    """How strongly two events are one event: 0 is no match, higher is stronger.

    ``a_roles``/``b_roles`` are dicts ``{"kind": "Strike", "perpetrator": {...},
    "target": {...}, "location": {...}, "date": {datetime.date, ...}}`` (entity
    keys in the sets; missing roles count as empty).  The rule is in the module
    docstring.

    >>> gaz = load_gazetteer()
    >>> a = {"kind": "Strike", "perpetrator": {"united-states"}, "location": {"al-qaim"},
    ...      "date": {dt.date(2024, 2, 2)}}
    >>> b = {"kind": "Strike", "perpetrator": {"united-states"}, "location": {"iraq"},
    ...      "date": {dt.date(2024, 2, 3)}}
    >>> same_event(a, b, gaz) > 0
    True
    >>> same_event(a, {**b, "date": set()}, gaz)
    0
    """
    if not a_roles.get("kind") or a_roles.get("kind") != b_roles.get("kind"):
        return 0
    dates_a, dates_b = set(a_roles.get("date") or ()), set(b_roles.get("date") or ())
    if not dates_a or not dates_b:
        return 0
    delta = abs((min(dates_a) - min(dates_b)).days)
    places_a, places_b = _places(a_roles, gazetteer), _places(b_roles, gazetteer)
    shared_bases = _bases(places_a, gazetteer) & _bases(places_b, gazetteer)
    perps = set(a_roles.get("perpetrator") or ()) & set(b_roles.get("perpetrator") or ())
    targets = set(a_roles.get("target") or ()) & set(b_roles.get("target") or ())
    if not (perps or targets or shared_bases):
        return 0
    if delta > (0 if shared_bases else 1):
        return 0
    specific_a, specific_b = _most_specific(places_a, gazetteer), _most_specific(places_b, gazetteer)
    pairs = sum(1 for p in specific_a for q in specific_b if _related(p, q, gazetteer))
    if not pairs:
        return 0
    return 1 + len(perps) + len(targets) + pairs + (1 if delta == 0 else 0)


# --------------------------------------------------------------------------- roles


def extraction_roles(extraction: Extraction) -> dict[str, dict]:
    """The roles dict of every event of an extraction, by event key."""
    roles: dict[str, dict] = {
        key: {"kind": event.kind, "perpetrator": set(), "target": set(), "location": set(), "date": set()}
        for key, event in extraction.events.items()
    }
    for fact in extraction.facts:
        if fact.subject_kind == "event" and fact.subject in roles:
            if fact.predicate in ("perpetrator", "target", "location") and fact.object_kind == "entity":
                roles[fact.subject][fact.predicate].add(str(fact.object))
            elif fact.predicate == "date" and isinstance(fact.object, dt.date):
                roles[fact.subject]["date"].add(fact.object)
        elif fact.predicate == "claimed" and fact.object_kind == "event" and str(fact.object) in roles:
            roles[str(fact.object)]["perpetrator"].add(fact.subject)
    return roles


def _key_of(node, base: str) -> str | None:
    if isinstance(node, NamedNode) and node.value.startswith(base):
        return node.value[len(base):]
    return None


def stored_roles(store: Store, event_key: str) -> dict:
    """The roles dict of a stored event node, read across every graph."""
    node = NamedNode(_EVENT_BASE + event_key)
    types = {q.object for q in store.quads_for_pattern(node, RDF.type, None, None)}
    kind = "Strike" if RIP.Strike in types else "Attack" if RIP.Attack in types else None
    roles: dict = {"kind": kind, "perpetrator": set(), "target": set(), "location": set(), "date": set()}
    for role in ("perpetrator", "target", "location"):
        for quad in store.quads_for_pattern(node, RIP[role], None, None):
            key = _key_of(quad.object, RIPID.base)
            if key is not None:
                roles[role].add(key)
    for quad in store.quads_for_pattern(None, RIP.claimed, node, None):
        key = _key_of(quad.subject, RIPID.base)
        if key is not None:
            roles["perpetrator"].add(key)
    for quad in store.quads_for_pattern(node, RIP.date, None, None):
        if isinstance(quad.object, Literal):
            try:
                roles["date"].add(dt.date.fromisoformat(quad.object.value))
            except ValueError:
                pass
    return roles


def _candidates(store: Store, roles: Mapping, gazetteer: Gazetteer) -> set[str]:
    """Stored events that share a perpetrator, a target or a base with ``roles``."""
    found: set[str] = set()

    def events_with(predicate: NamedNode, key: str, inverse: bool = False) -> None:
        entity = NamedNode(RIPID.base + key)
        quads = (store.quads_for_pattern(entity, predicate, None, None) if inverse
                 else store.quads_for_pattern(None, predicate, entity, None))
        for quad in quads:
            event = _key_of(quad.object if inverse else quad.subject, _EVENT_BASE)
            if event is not None:
                found.add(event)

    for key in sorted(roles.get("perpetrator") or ()):
        events_with(RIP.perpetrator, key)
        events_with(RIP.claimed, key, inverse=True)
    for key in sorted(roles.get("target") or ()):
        events_with(RIP.target, key)
    for key in sorted(_bases(_places(roles, gazetteer), gazetteer)):
        events_with(RIP.target, key)
        events_with(RIP.location, key)
    return found


# --------------------------------------------------------------------------- keys


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:6]


def content_key(roles: Mapping, gazetteer: Gazetteer) -> str | None:
    """The content-derived key of a dated event (``None`` when it has no date).

    >>> content_key({"kind": "Strike", "location": {"al-qaim", "iraq"}, "date": {dt.date(2024, 2, 2)}},
    ...             load_gazetteer())
    'strike-2024-02-02-iraq'
    """
    dates = roles.get("date") or ()
    if not dates or not roles.get("kind"):
        return None
    places = _places(roles, gazetteer)
    bases = sorted(_bases(places, gazetteer))
    specific = sorted(_most_specific(places, gazetteer))
    if bases:
        where = bases[0]
    elif specific:
        chain = gazetteer.containers(specific[0])
        where = chain[-1] if chain else specific[0]
    else:
        actors = sorted(roles.get("perpetrator") or ()) or sorted(roles.get("target") or ())
        where = actors[0] if actors else "event"
    return f"{str(roles['kind']).lower()}-{min(dates).isoformat()}-{where}"


def _fingerprint(roles: Mapping) -> str:
    return _digest(roles.get("kind"), *(sorted(map(str, roles.get(r) or ())) for r in ROLES))


def _taken(store: Store, key: str) -> bool:
    node = NamedNode(_EVENT_BASE + key)
    return any(True for _ in store.quads_for_pattern(node, None, None, None))


# --------------------------------------------------------------------------- unify


def unify_events(store: Store, extraction: Extraction, gazetteer: Gazetteer | None = None) -> Extraction:
    """Give the article's events the keys of the stored events they report (see the module docstring).

    Returns a new ``Extraction``; the given one is not changed.  Facts are kept
    as they are except that event keys (subjects and objects of kind "event")
    are renamed.
    """
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    if not extraction.events:
        return extraction
    roles = extraction_roles(extraction)
    # every (score, new, stored) pair that matches, best first, then one stored event per new event
    pairs: list[tuple[int, str, str]] = []
    cache: dict[str, dict] = {}
    for key in sorted(roles):
        mine = roles[key]
        if not mine["date"]:
            continue  # an undated event is never merged across articles
        for other in sorted(_candidates(store, mine, gazetteer)):
            if other not in cache:
                cache[other] = stored_roles(store, other)
            score = same_event(mine, cache[other], gazetteer)
            if score:
                pairs.append((score, key, other))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    renamed: dict[str, str] = {}
    used: set[str] = set()
    for _, key, other in pairs:
        if key in renamed or other in used or (other in extraction.events and other != key):
            continue  # (the last: a key this article still uses for another event, after a --force rebuild)
        renamed[key] = other
        used.add(other)
    for key in sorted(roles):
        if key in renamed:
            continue
        base = content_key(roles[key], gazetteer)
        if base is None:
            continue  # undated: keeps its article-scoped key
        for candidate in (base, f"{base}-{_fingerprint(roles[key])}",
                          f"{base}-{_digest(extraction.article.sha256, key)}"):
            if candidate not in used and candidate not in extraction.events and not _taken(store, candidate):
                renamed[key] = candidate
                used.add(candidate)
                break
    return _rename(extraction, renamed)


def _rename(extraction: Extraction, renamed: Mapping[str, str]) -> Extraction:
    if not renamed or all(k == v for k, v in renamed.items()):
        return extraction

    def new(key) -> str:
        return renamed.get(str(key), str(key))

    events: dict[str, Event] = {}
    for key, event in extraction.events.items():
        events[new(key)] = dataclasses.replace(event, key=new(key))
    facts: list[Fact] = []
    for fact in extraction.facts:
        changes: dict = {}
        if fact.subject_kind == "event":
            changes["subject"] = new(fact.subject)
        if fact.object_kind == "event":
            changes["object"] = new(fact.object)
        facts.append(dataclasses.replace(fact, **changes) if changes else fact)
    return dataclasses.replace(extraction, events=events, facts=facts)
