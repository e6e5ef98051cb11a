"""``riposte evaluate``: how far the graph agrees with hand-annotated facts.

The gold file has the shape of ``tests/data/seeds_gold.json`` (see its
``conventions``): per article, events ``{id, kind, actor}``, entities ``{name,
type, surface_forms}`` and facts ``{s, p, o}``.  For each gold article found
in the store (matched by file name against ``dcterms:source``):

1. gold entities are matched to graph entities by label, alias or surface form;
2. gold events are aligned one-to-one to the article's event nodes by what they
   share (date, place, target, weapon, perpetrator), best pairs first;
3. both sides become ``(relation, subject, object)`` tuples in gold terms, and
   precision, recall and F1 are counted per relation and micro-averaged.

An analyst uses it the same way on a few articles of their own corpus.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from pyoxigraph import Literal, NamedNode, Store

from .gazetteer import alias_key, load_gazetteer
from .vocab import DCTERMS, GAZETTEER_GRAPH, RDF, RDFS, RIP, SKOS, WEAPON

CORE = ("group", "backed_by", "claimed", "struck", "retaliated_for")
ALL = CORE + ("affiliated_with", "attributed_to", "denied", "located_in", "killed", "wounded", "weapon", "date")

# graph predicate -> gold predicate
_PREDICATES = {
    "backedBy": "backed_by",
    "affiliatedWith": "affiliated_with",
    "partOf": "affiliated_with",
    "claimed": "claimed",
    "target": "struck",
    "retaliatedFor": "retaliated_for",
    "attributedTo": "attributed_to",
    "denied": "denied",
    "location": "located_in",
    "locatedIn": "located_in",  # containment the article states ("à Erbil, dans le nord de l'Irak")
    "killed": "killed",
    "wounded": "wounded",
    "weapon": "weapon",
    "date": "date",
    "perpetrator": "actor",  # aligns events; gold has it as the event's actor, not a fact
}
_EVENT_CLASSES = {"Attack", "Strike", "Event"}


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct


@dataclass
class Evaluation:
    relations: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ALL})
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)

    def micro(self, relations=ALL) -> Score:
        total = Score()
        for name in relations:
            total.add(self.relations[name])
        return total

    def table(self) -> str:
        lines = [f"{'relation':<16}{'gold':>6}{'pred':>6}{'ok':>6}{'P':>8}{'R':>8}{'F1':>8}"]
        rows = [(name, self.relations[name]) for name in ALL]
        rows += [("micro (core)", self.micro(CORE)), ("micro (all)", self.micro(ALL))]
        for name, s in rows:
            lines.append(f"{name:<16}{s.gold:>6}{s.predicted:>6}{s.correct:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
        return "\n".join(lines)

    def to_json(self) -> str:
        def score(s: Score) -> dict:
            return {"gold": s.gold, "predicted": s.predicted, "correct": s.correct,
                    "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}

        return json.dumps({
            "articles": self.articles,
            "not_found": self.not_found,
            "relations": {name: score(s) for name, s in self.relations.items()},
            "micro_core": score(self.micro(CORE)),
            "micro_all": score(self.micro(ALL)),
            "missed": self.missed,
            "spurious": self.spurious,
        }, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------- graph side
@dataclass
class ArticleGraph:
    """What one article graph says, in plain Python values."""

    facts: list[tuple[str, str, object]]  # (subject IRI, predicate local name, object IRI or value)
    types: dict[str, set[str]]  # the types the article itself states ("group" is read from these)
    names: dict[str, set[str]]  # IRI -> alias keys of its labels and surface forms

    @property
    def nodes(self) -> set[str]:
        """Every IRI the article says something of or names, typed there or only in the gazetteer."""
        found = set(self.types) | set(self.names)
        for subject, _, obj in self.facts:
            found.add(subject)
            if isinstance(obj, str) and obj.startswith(("http://", "https://")):
                found.add(obj)
        return found

    @property
    def events(self) -> set[str]:
        return {iri for iri, classes in self.types.items() if classes & _EVENT_CLASSES}


def _value(term) -> object:
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith("integer") or datatype.endswith("Integer"):
            return int(term.value)
        if datatype.endswith("#date"):
            return term.value
        return term.value
    return str(term)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def read_article_graph(store: Store, article: NamedNode) -> ArticleGraph:
    facts, types, names = [], defaultdict(set), defaultdict(set)
    rip = RIP.Article.value.rsplit("#", 1)[0] + "#"
    for quad in store.quads_for_pattern(None, None, None, article):
        s, p, o = quad.subject, quad.predicate, quad.object
        if not isinstance(s, NamedNode):
            continue
        if p == RDF.type and isinstance(o, NamedNode) and o.value.startswith(rip):
            types[s.value].add(_local(o.value))
        elif p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal):
            names[s.value].add(alias_key(o.value))
        elif p.value.startswith(rip) and _local(p.value) in _PREDICATES:
            facts.append((s.value, _local(p.value), _value(o)))
    graph = ArticleGraph(facts, dict(types), dict(names))
    # labels and aliases from the background, for entities this article uses (a known name
    # is typed in the article graph only where the article presents it)
    for iri in graph.nodes:
        for quad in store.quads_for_pattern(NamedNode(iri), None, None, GAZETTEER_GRAPH):
            if quad.predicate in (RDFS.label, SKOS.altLabel) and isinstance(quad.object, Literal):
                names[iri].add(alias_key(quad.object.value))
    return ArticleGraph(facts, dict(types), dict(names))


def _article_for(store: Store, filename: str) -> NamedNode | None:
    for quad in store.quads_for_pattern(None, DCTERMS.source, None, None):
        if PurePath(str(quad.object.value)).name == filename and isinstance(quad.subject, NamedNode):
            return quad.subject
    return None


# ---------------------------------------------------------------------- matching
def _weapon_names() -> dict[str, str]:
    """Weapon concept IRI -> English label key, to compare with gold weapon names."""
    from .vocab import weapon_labels

    return {WEAPON.base + slug: alias_key(label) for slug, label in weapon_labels().items()}


def _entity_matcher(gold_article: dict, graph: ArticleGraph):
    """gold entity name -> the graph IRI it denotes (or None)."""
    gazetteer = load_gazetteer()
    by_iri_key = {iri: keys for iri, keys in graph.names.items()}
    matches: dict[str, str | None] = {}
    nodes = sorted(graph.nodes)
    for entity in gold_article.get("entities", []):
        keys = {alias_key(entity["name"])} | {alias_key(f) for f in entity.get("surface_forms", [])}
        entry = gazetteer.lookup(entity["name"])
        found = None
        if entry is not None:
            candidate = next((iri for iri in nodes if iri.endswith("/" + entry.id)), None)
            found = candidate
        if found is None:
            scored = [(len(keys & names), iri) for iri, names in by_iri_key.items() if keys & names and not graph.types.get(iri, set()) & _EVENT_CLASSES]
            if scored:
                found = max(scored)[1]
        matches[entity["name"]] = found
    return matches


def _gold_event_roles(gold_article: dict) -> dict[str, dict[str, set]]:
    roles: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for event in gold_article.get("events", []):
        roles[event["id"]]["kind"].add(event.get("kind"))
        if event.get("actor"):
            roles[event["id"]]["actor"].add(event["actor"])
    for fact in gold_article.get("facts", []):
        if fact["s"] in roles:
            roles[fact["s"]][fact["p"]].add(json.dumps(fact["o"]) if not isinstance(fact["o"], str) else fact["o"])
    return roles


def _align_events(gold_article: dict, graph: ArticleGraph, entity_of: dict[str, str | None]) -> dict[str, str]:
    """graph event IRI -> gold event id, best-supported pairs first, one to one."""
    weapons = _weapon_names()
    gold_roles = _gold_event_roles(gold_article)
    iri_to_gold_name = {iri: name for name, iri in entity_of.items() if iri}
    pred_roles: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in graph.facts:
        if s in graph.events:
            gold_p = _PREDICATES[p]
            if p == "weapon":
                value = weapons.get(str(o), str(o))
            elif isinstance(o, str) and o in iri_to_gold_name:
                value = iri_to_gold_name[o]
            else:
                value = json.dumps(o) if not isinstance(o, str) else o
            pred_roles[s][gold_p].add(value)
    pairs = []
    for event_iri in graph.events:
        pred = pred_roles.get(event_iri, {})
        kind = "strike" if "Strike" in graph.types.get(event_iri, set()) else "attack"
        for gold_id, gold in gold_roles.items():
            shared = 0
            for role in ("located_in", "struck", "date", "actor", "killed", "wounded"):
                shared += len(pred.get(role, set()) & gold.get(role, set()))
            gold_weapons = {alias_key(w) for w in gold.get("weapon", set())}
            shared += len(pred.get("weapon", set()) & gold_weapons)
            if shared == 0:
                continue
            gold_kind = next(iter(gold["kind"]), "") or ""
            same_kind = gold_kind.startswith(kind) or (kind == "attack" and gold_kind == "clash")
            pairs.append((shared + (0.5 if same_kind else 0), event_iri, gold_id))
    alignment: dict[str, str] = {}
    used: set[str] = set()
    for _, event_iri, gold_id in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if event_iri in alignment or gold_id in used:
            continue
        alignment[event_iri] = gold_id
        used.add(gold_id)
    return alignment


def _gold_tuples(gold_article: dict) -> list[tuple[str, str, str]]:
    out = []
    for fact in gold_article.get("facts", []):
        o = fact["o"]
        if fact["p"] == "weapon":
            o = alias_key(o)
        out.append((fact["p"], fact["s"], o if isinstance(o, str) else json.dumps(o)))
    return out


def _predicted_tuples(graph: ArticleGraph, entity_of: dict[str, str | None], alignment: dict[str, str]) -> list[tuple[str, str, str]]:
    weapons = _weapon_names()
    name_of = {iri: name for name, iri in entity_of.items() if iri}

    def term(value: object) -> str:
        if isinstance(value, str):
            if value in alignment:
                return alignment[value]
            if value in name_of:
                return name_of[value]
            return value
        return json.dumps(value)

    out = set()
    for iri, classes in graph.types.items():
        if "ArmedGroup" in classes:
            out.add(("group", term(iri), "ArmedGroup"))
    for s, p, o in graph.facts:
        gold_p = _PREDICATES[p]
        if p == "weapon":
            out.add((gold_p, term(s), weapons.get(str(o), str(o))))
        elif p == "date":
            out.add((gold_p, term(s), str(o)))
        else:
            out.add((gold_p, term(s), term(o)))
    return sorted(out)


def evaluate(store: Store, gold: dict | str | Path) -> Evaluation:
    """Score the store against a gold file (path or parsed JSON)."""
    if not isinstance(gold, dict):
        gold = json.loads(Path(gold).read_text(encoding="utf-8"))
    result = Evaluation()
    for gold_article in gold["articles"]:
        article = _article_for(store, gold_article["file"])
        if article is None:
            result.not_found.append(gold_article["file"])
            continue
        result.articles.append(gold_article["file"])
        graph = read_article_graph(store, article)
        entity_of = _entity_matcher(gold_article, graph)
        alignment = _align_events(gold_article, graph, entity_of)
        gold_facts = _gold_tuples(gold_article)
        predicted = [t for t in _predicted_tuples(graph, entity_of, alignment) if t[0] in ALL]
        remaining = list(predicted)
        for fact in gold_facts:
            score = result.relations.setdefault(fact[0], Score())
            score.gold += 1
            if fact in remaining:
                remaining.remove(fact)
                score.correct += 1
            else:
                result.missed.append({"article": gold_article["file"], "p": fact[0], "s": fact[1], "o": fact[2]})
        for fact in predicted:
            result.relations.setdefault(fact[0], Score()).predicted += 1
        matched = set(gold_facts)
        for fact in predicted:
            if fact not in matched:
                result.spurious.append({"article": gold_article["file"], "p": fact[0], "s": fact[1], "o": fact[2]})
    return result
