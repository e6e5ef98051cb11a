"""Every IRI Riposte uses, loaded from ``ontology/riposte.ttl`` at import.

The ontology file is the one source of truth: ``RIP`` only knows the terms the
ontology declares, so a misspelt term fails where it is written instead of
producing a silently wrong triple (the idea of rdflib's closed namespaces).

>>> RIP.retaliatedFor
<NamedNode value=https://w3id.org/riposte/ontology#retaliatedFor>
>>> RIP["ArmedGroup"] == RIP.ArmedGroup
True
>>> RIPID.term("islamic-resistance-in-iraq").value
'https://w3id.org/riposte/id/islamic-resistance-in-iraq'
>>> weapon_lexicon()["missile balistique"]
'ballistic-missile'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from types import MappingProxyType

import pyoxigraph as ox

from builder.resources import resource_dir

ONTOLOGY_FILE = resource_dir("ontology") / "riposte.ttl"
SHAPES_FILE = resource_dir("ontology") / "shapes.ttl"
ONTOLOGY_IRI = "https://w3id.org/riposte/ontology"


def _read_ontology() -> tuple[tuple[ox.Triple, ...], dict[str, str]]:
    # The parser only knows the file's prefixes once it has been read to the end.
    parser = ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE)
    triples = tuple(q.triple for q in parser)
    return triples, dict(parser.prefixes)


class _ReadOnlyDict(dict):
    """A dict nobody can change: pyoxigraph's ``prefixes=`` wants a real dict, not a mappingproxy."""

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError("this mapping is read-only (it is loaded from riposte.ttl)")

    __setitem__ = __delitem__ = __ior__ = _read_only  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple:  # copy and pickle rebuild it whole, not key by key
        return (type(self), (dict(self),))


_TRIPLES, _FILE_PREFIXES = _read_ontology()

#: prefix -> namespace, as declared in riposte.ttl; pass as ``prefixes=`` to queries.
PREFIXES: dict[str, str] = _ReadOnlyDict(_FILE_PREFIXES)


class Namespace:
    """An open namespace: any local name makes an IRI (for ids and external vocabularies)."""

    __slots__ = ("base",)

    def __init__(self, base: str) -> None:
        object.__setattr__(self, "base", base)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def term(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + name)

    def __getattr__(self, name: str) -> ox.NamedNode:
        # Private and dunder names are Python's business (copy, pickle, doctest probe them).
        if name.startswith("_"):
            raise AttributeError(name)
        return self.term(name)

    def __getitem__(self, name: str) -> ox.NamedNode:
        return self.term(name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base!r})"

    # Namespaces are immutable values: copying returns the same object, pickling rebuilds it.
    def __copy__(self) -> Namespace:
        return self

    def __deepcopy__(self, memo: dict) -> Namespace:
        return self

    def __reduce__(self) -> tuple:
        return (Namespace, (self.base,))


class ClosedNamespace(Namespace):
    """A namespace that only knows a fixed set of local names; others raise."""

    __slots__ = ("_terms", "_source")

    def __init__(self, base: str, names: Iterable[str], source: str) -> None:
        super().__init__(base)
        object.__setattr__(self, "_terms", {n: ox.NamedNode(base + n) for n in names})
        object.__setattr__(self, "_source", source)

    def term(self, name: str) -> ox.NamedNode:
        try:
            return self._terms[name]
        except KeyError:
            raise KeyError(f"{self.base}{name} is not declared in {self._source}") from None

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.term(name)
        except KeyError as error:
            raise AttributeError(error.args[0]) from None

    def __contains__(self, name: object) -> bool:
        return name in self._terms

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._terms))

    def __len__(self) -> int:
        return len(self._terms)

    def __reduce__(self) -> tuple:
        return (ClosedNamespace, (self.base, tuple(self._terms), self._source))


RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
OWL = Namespace(PREFIXES["owl"])
XSD = Namespace(PREFIXES["xsd"])
SKOS = Namespace(PREFIXES["skos"])
DCTERMS = Namespace(PREFIXES["dcterms"])
PROV = Namespace(PREFIXES["prov"])
WD = Namespace(PREFIXES["wd"])
RIPID = Namespace(PREFIXES["ripid"])
# SHACL is not used by the ontology, so its prefix is not in riposte.ttl.
SH = Namespace("http://www.w3.org/ns/shacl#")

_DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def _declared(base: str) -> set[str]:
    return {
        t.subject.value[len(base) :]
        for t in _TRIPLES
        if t.predicate == RDF.type
        and t.object in _DECLARATIONS
        and isinstance(t.subject, ox.NamedNode)
        and t.subject.value.startswith(base)
    }


RIP = ClosedNamespace(PREFIXES["rip"], _declared(PREFIXES["rip"]), ONTOLOGY_FILE.name)

GAZETTEER_GRAPH = RIPID.term("graph/gazetteer")
ONTOLOGY_GRAPH = RIPID.term("graph/ontology")

WEAPON_SCHEME = ox.NamedNode(PREFIXES["weapon"] + "scheme")
WEAPON = ClosedNamespace(
    PREFIXES["weapon"],
    sorted(
        t.subject.value[len(PREFIXES["weapon"]) :]
        for t in _TRIPLES
        if t.predicate == RDF.type and t.object == RIP.Weapon
    ),
    ONTOLOGY_FILE.name,
)

#: Classes an extracted entity may take (``records.Entity.etype``).
ENTITY_CLASSES: frozenset[str] = frozenset(
    {"State", "ArmedGroup", "MilitaryOrganization", "Organization", "Coalition", "Person", "Location", "MilitaryBase"}
)
_missing = sorted(ENTITY_CLASSES - set(RIP))
if _missing:  # an explicit check, not assert: it must hold under python -O too
    raise RuntimeError(f"{ONTOLOGY_FILE} does not declare the entity classes {_missing}")


def ontology_quads(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> list[ox.Quad]:
    """The ontology's triples as quads in ``graph`` (the store uses ``ONTOLOGY_GRAPH``)."""
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _TRIPLES]


def _weapon_slug(node: object) -> str | None:
    """The slug of a weapon concept IRI, None for anything else."""
    if isinstance(node, ox.NamedNode) and node.value.startswith(WEAPON.base):
        slug = node.value[len(WEAPON.base) :]
        return slug if slug in WEAPON else None
    return None


def _labels(predicate: ox.NamedNode, language: str) -> Iterator[tuple[str, str]]:
    """(concept slug, label) for each weapon concept label in ``language``."""
    for t in _TRIPLES:
        slug = _weapon_slug(t.subject)
        if slug and t.predicate == predicate and isinstance(t.object, ox.Literal) and t.object.language == language:
            yield slug, t.object.value


@functools.cache
def _weapon_lexicon() -> MappingProxyType[str, str]:
    lexicon: dict[str, str] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for slug, label in _labels(predicate, "fr"):
            form = label.lower()
            # News text uses both apostrophes; derive the typographic one here so the
            # ontology lists each form once.
            for variant in {form, form.replace("'", "\u2019")}:
                if lexicon.setdefault(variant, slug) != slug:
                    raise ValueError(
                        f"weapon surface form {variant!r} belongs to both {lexicon[variant]!r} and {slug!r}"
                    )
    return MappingProxyType(lexicon)


def weapon_lexicon() -> dict[str, str]:
    """Lower-cased French surface form -> weapon concept slug.

    >>> weapon_lexicon()["bombardiers à long rayon d'action"]
    'bomber'
    """
    return dict(_weapon_lexicon())


def weapon_labels() -> dict[str, str]:
    """Weapon concept slug -> English preferred label.

    >>> weapon_labels()["ac-130"]
    'AC-130'
    """
    return dict(_labels(SKOS.prefLabel, "en"))


def _union(node: ox.NamedNode | ox.BlankNode) -> set[str]:
    """The local names of a class or of an owl:unionOf of classes."""
    if isinstance(node, ox.NamedNode):
        return {node.value[len(RIP.base):]} if node.value.startswith(RIP.base) else {node.value}
    members: set[str] = set()
    lists = [t.object for t in _TRIPLES if t.subject == node and t.predicate == OWL.unionOf]
    for item in lists:
        while isinstance(item, ox.BlankNode):
            first = next((t.object for t in _TRIPLES if t.subject == item and t.predicate == RDF.first), None)
            if first is not None:
                members |= _union(first)
            item = next((t.object for t in _TRIPLES if t.subject == item and t.predicate == RDF.rest), None)
    return members


@functools.lru_cache(maxsize=1)
def _superclasses() -> dict[str, frozenset[str]]:
    direct: dict[str, set[str]] = {}
    for t in _TRIPLES:
        if t.predicate == RDFS.subClassOf and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            direct.setdefault(t.subject.value[len(RIP.base):], set()).update(_union(t.object))
    closed: dict[str, frozenset[str]] = {}
    for name in set(RIP):
        seen, todo = {name}, [name]
        while todo:
            for parent in direct.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closed[name] = frozenset(seen)
    return closed


def classes_of(name: str) -> frozenset[str]:
    """A class and every class above it: ``classes_of("ArmedGroup")`` holds "Actor".

    >>> sorted(classes_of("MilitaryBase"))
    ['Location', 'MilitaryBase']
    """
    return _superclasses().get(name, frozenset({name}))


@functools.lru_cache(maxsize=None)
def domain_and_range(predicate: str) -> tuple[frozenset[str], frozenset[str]]:
    """The classes a ``rip:`` property's subject and object must belong to (empty: any),
    as the ontology declares them.

    >>> [sorted(x) for x in domain_and_range("perpetrator")]
    [['Event'], ['Actor']]
    >>> [sorted(x) for x in domain_and_range("target")]
    [['Event'], ['Actor', 'Location']]
    """
    node = RIP[predicate]
    domain = {c for t in _TRIPLES if t.subject == node and t.predicate == RDFS.domain for c in _union(t.object)}
    range_ = {c for t in _TRIPLES if t.subject == node and t.predicate == RDFS.range for c in _union(t.object)}
    return frozenset(domain), frozenset(range_)
