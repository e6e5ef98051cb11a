"""Turn an ``Extraction`` into RDF quads, as the contract lays them out.

* the article node and its metadata in the default graph;
* every fact the article states in the article's own named graph, each with an
  RDF 1.2 reifier carrying the evidence sentence, its offsets and a confidence;
* background knowledge from the gazetteer (types, labels, containment, parts,
  Wikidata links) in ``ripid:graph/gazetteer``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad, Triple

from .gazetteer import Gazetteer
from .records import Article, Entity, Extraction, Fact
from .vocab import DCTERMS, GAZETTEER_GRAPH, RDF, RDFS, RIP, RIPID, SKOS, WD, WEAPON, XSD, weapon_labels



def article_iri(article: Article) -> NamedNode:
    """The article's IRI, also the name of its graph: content-addressed."""
    return NamedNode(f"{RIPID.base}article/{article.sha256}")


def entity_iri(key: str) -> NamedNode:
    return NamedNode(f"{RIPID.base}{key}")


def event_iri(key: str) -> NamedNode:
    return NamedNode(f"{RIPID.base}event/{key}")


def weapon_iri(key: str) -> NamedNode:
    return WEAPON[key]  # closed: an unknown weapon slug is an error


def _classes(etype: str) -> list[NamedNode]:
    # a country is one IRI for both roles (contract)
    return [RIP.State, RIP.Location] if etype == "State" else [RIP[etype]]


def _object(fact: Fact):
    if fact.object_kind == "event":
        return event_iri(str(fact.object))
    if fact.object_kind == "weapon":
        return weapon_iri(str(fact.object))
    if fact.object_kind == "literal":
        if isinstance(fact.object, dt.date):
            return Literal(fact.object.isoformat(), datatype=XSD.date)
        return Literal(str(int(fact.object)), datatype=XSD.nonNegativeInteger)
    return entity_iri(str(fact.object))


def _subject(fact: Fact) -> NamedNode:
    return event_iri(fact.subject) if fact.subject_kind == "event" else entity_iri(fact.subject)


def article_quads(article: Article) -> Iterator[Quad]:
    """Metadata of the article, in the default graph."""
    node = article_iri(article)
    yield Quad(node, RDF.type, RIP.Article)
    yield Quad(node, RIP.sha256, Literal(article.sha256))
    yield Quad(node, DCTERMS.source, Literal(article.url or article.source))
    yield Quad(node, RIP.text, Literal(article.text))
    if article.title:
        yield Quad(node, DCTERMS.title, Literal(article.title))
    if article.published:
        yield Quad(node, DCTERMS.issued, Literal(article.published.isoformat(), datatype=XSD.date))
    elif article.published_month:
        yield Quad(node, DCTERMS.issued, Literal(article.published_month, datatype=XSD.gYearMonth))
    modified = [f.value for f in article.furniture if f.kind == "update" and f.value]
    if modified:
        yield Quad(node, DCTERMS.modified, Literal(max(modified), datatype=XSD.date))
    for name in article.byline:
        yield Quad(node, DCTERMS.creator, Literal(name))
    if article.lang:
        yield Quad(node, DCTERMS.language, Literal(article.lang))


def _reifier(graph: NamedNode, triple: Triple, fact: Fact) -> Iterator[Quad]:
    digest = hashlib.sha1(f"{graph.value} {triple} {fact.evidence.start}".encode()).hexdigest()[:20]
    node = NamedNode(f"{RIPID.base}reifier/{digest}")
    yield Quad(node, RDF.reifies, triple, graph)
    yield Quad(node, RIP.evidence, Literal(fact.evidence.text), graph)
    yield Quad(node, RIP.startChar, Literal(str(fact.evidence.start), datatype=XSD.nonNegativeInteger), graph)
    yield Quad(node, RIP.endChar, Literal(str(fact.evidence.end), datatype=XSD.nonNegativeInteger), graph)
    yield Quad(node, RIP.confidence, Literal(f"{fact.confidence:.2f}", datatype=XSD.decimal), graph)


def entity_quads(entity: Entity, graph: NamedNode, typed: bool = True) -> Iterator[Quad]:
    """What the article says of an entity: its type (when it says it) and the forms it used."""
    node = entity_iri(entity.key)
    for cls in _classes(entity.etype) if typed else []:
        yield Quad(node, RDF.type, cls, graph)
    if not entity.known:
        yield Quad(node, RDFS.label, Literal(entity.label_en, language="en"), graph)
        yield Quad(node, RDFS.label, Literal(entity.label_fr or entity.label_en, language="fr"), graph)
    for form in sorted(entity.aliases):
        yield Quad(node, SKOS.altLabel, Literal(form, language="fr"), graph)


def event_label(extraction: Extraction, key: str) -> tuple[str, str]:
    """Readable labels for an event node, from what the article says of it.

    ``("drone attack on Tower 22, 2024-01-28", "attaque de drone (Tower 22, 2024-01-28)")``
    """
    event = extraction.events[key]
    roles: dict[str, list] = {}
    for fact in extraction.facts:
        if fact.subject == key and fact.subject_kind == "event":
            roles.setdefault(fact.predicate, []).append(fact.object)
    names = {k: e.label_en for k, e in extraction.entities.items()}
    names_fr = {k: (e.label_fr or e.label_en) for k, e in extraction.entities.items()}
    weapon = roles.get("weapon", [None])[0]
    en = f"{weapon_labels().get(str(weapon), weapon)} {event.kind.lower()}" if weapon else event.kind.lower()
    fr_parts = []
    if roles.get("perpetrator"):
        en += f" by {names.get(str(roles['perpetrator'][0]), roles['perpetrator'][0])}"
        fr_parts.append(names_fr.get(str(roles["perpetrator"][0]), str(roles["perpetrator"][0])))
    if roles.get("target"):
        en += f" on {names.get(str(roles['target'][0]), roles['target'][0])}"
        fr_parts.append(names_fr.get(str(roles["target"][0]), str(roles["target"][0])))
    elif roles.get("location"):
        en += f" in {names.get(str(roles['location'][0]), roles['location'][0])}"
        fr_parts.append(names_fr.get(str(roles["location"][0]), str(roles["location"][0])))
    if roles.get("date"):
        en += f", {min(roles['date'])}"
        fr_parts.append(str(min(roles["date"])))
    fr = event.trigger.text.lower() + (f" ({', '.join(fr_parts)})" if fr_parts else "")
    return en, fr


def _one_per_evidence(facts: list[Fact]) -> list[Fact]:
    """One fact per (triple, evidence sentence), at the highest confidence it was read with.

    A reifier is named by its triple and sentence, so two readings of one sentence
    ("sur le sol israélien" as place and as target both give "Hamas struck Israel")
    must not give one reifier two confidences.
    """
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.subject, fact.predicate, str(fact.object), fact.evidence.start)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    return list(best.values())


def extraction_quads(extraction: Extraction, gazetteer: Gazetteer, min_confidence: float = 0.0) -> list[Quad]:
    """All quads for one article: default graph, article graph, gazetteer graph."""
    graph = article_iri(extraction.article)
    quads: list[Quad] = list(article_quads(extraction.article))
    facts = _one_per_evidence([f for f in extraction.facts if f.confidence >= min_confidence])
    used_events = {f.subject for f in facts if f.subject_kind == "event"} | {
        str(f.object) for f in facts if f.object_kind == "event"
    }
    for entity in extraction.entities.values():
        # the article graph holds what the article says: a known name is typed here only
        # when the article presents it ("la milice X", "un groupe appelé X"); otherwise its
        # type is the gazetteer's background knowledge.  A name the gazetteer does not know
        # is typed from how the article uses it, since nothing else says what it is.
        typed = entity.presented or not entity.known
        if typed or entity.known:
            quads.extend(entity_quads(entity, graph, typed=typed))
    for key in sorted(used_events):
        if key not in extraction.events:
            continue
        event = extraction.events[key]
        node = event_iri(key)
        quads.append(Quad(node, RDF.type, RIP[event.kind], graph))
        en, fr = event_label(extraction, key)
        quads.append(Quad(node, RDFS.label, Literal(en, language="en"), graph))
        quads.append(Quad(node, RDFS.label, Literal(fr, language="fr"), graph))
    for fact in facts:
        triple = Triple(_subject(fact), RIP[fact.predicate], _object(fact))
        quads.append(Quad(triple.subject, triple.predicate, triple.object, graph))
        quads.extend(_reifier(graph, triple, fact))
    known = {k for k, e in extraction.entities.items() if e.known}
    quads.extend(gazetteer_quads(gazetteer, known))
    world = {k for k, e in extraction.entities.items() if not e.known and e.etype in {"Location", "State"}}
    quads.extend(world_place_quads(gazetteer, world))
    return quads


def world_place_quads(gazetteer: Gazetteer, keys: Iterable[str]) -> Iterator[Quad]:
    """Background knowledge, in the gazetteer graph, for places the gazetteer lacks but
    ``builder.places`` knows (Bamako, Tillabéri): their type, English name, GeoNames id and
    what contains them, up to a country (and on up the gazetteer for one it has)."""
    from . import places

    todo, seen = sorted(keys), set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        if gazetteer.get(key) is not None:
            yield from gazetteer_quads(gazetteer, [key])
            continue
        place = places.get(key)
        if place is None:
            continue
        node = entity_iri(key)
        for cls in _classes("State" if place.kind == "country" else "Location"):
            yield Quad(node, RDF.type, cls, GAZETTEER_GRAPH)
        yield Quad(node, RDFS.label, Literal(place.name_en, language="en"), GAZETTEER_GRAPH)
        if place.geonameid:
            yield Quad(node, SKOS.exactMatch, NamedNode(f"https://sws.geonames.org/{place.geonameid}/"), GAZETTEER_GRAPH)
        chain = gazetteer.containers(key)
        if chain:
            yield Quad(node, RIP.locatedIn, entity_iri(chain[0]), GAZETTEER_GRAPH)
            todo.append(chain[0])


def gazetteer_quads(gazetteer: Gazetteer, keys: Iterable[str]) -> Iterator[Quad]:
    """Background knowledge for the given gazetteer ids and what they sit in."""
    todo = list(keys)
    seen: set[str] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        entry = gazetteer.get(key)
        if entry is None:
            continue
        node = entity_iri(entry.id)
        for cls in _classes(entry.type):
            yield Quad(node, RDF.type, cls, GAZETTEER_GRAPH)
        yield Quad(node, RDFS.label, Literal(entry.en, language="en"), GAZETTEER_GRAPH)
        yield Quad(node, RDFS.label, Literal(entry.fr or entry.en, language="fr"), GAZETTEER_GRAPH)
        for alias in entry.aliases:
            yield Quad(node, SKOS.altLabel, Literal(alias), GAZETTEER_GRAPH)
        if entry.wikidata:
            yield Quad(node, SKOS.exactMatch, NamedNode(f"{WD.base}{entry.wikidata}"), GAZETTEER_GRAPH)
        if entry.located_in:
            yield Quad(node, RIP.locatedIn, entity_iri(entry.located_in), GAZETTEER_GRAPH)
            todo.append(entry.located_in)
        if entry.part_of:
            yield Quad(node, RIP.partOf, entity_iri(entry.part_of), GAZETTEER_GRAPH)
            todo.append(entry.part_of)
