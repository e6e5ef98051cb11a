"""``explain``: the sentences behind a fact, from the library and from ``riposte explain``."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from builder.cli import main
from builder.explain import TermError, explain, resolve
from builder.normalize import normalize_text
from builder.queries import run_query
from builder.store import open_store
from builder.vocab import PREFIXES, RIP

pytestmark = pytest.mark.slow  # the sample store needs the spaCy model

MILITIAS = PREFIXES["ripid"] + "iran-backed-militias"
IRAN = PREFIXES["ripid"] + "iran"
BACKED_BY = PREFIXES["rip"] + "backedBy"


@pytest.fixture(scope="module")
def militia_evidence(sample_store) -> list[dict[str, object]]:
    rows = explain(sample_store, "iran-backed militias", "backedBy", "iran")
    assert rows
    return rows


def article_text(store: ox.Store, article: str) -> str:
    return next(store.quads_for_pattern(ox.NamedNode(article), RIP.text, None)).object.value


def test_evidence_sentences_are_in_the_articles(sample_store, militia_evidence):
    for row in militia_evidence:
        assert (row["subject"], row["predicate"], row["object"]) == (MILITIAS, BACKED_BY, IRAN)
        text = article_text(sample_store, str(row["article"]))
        # the offsets point at the sentence in the stored article text
        assert text[row["start"] : row["end"]] == row["evidence"]
        # and the sentence is in the corpus file the article was read from (once normalised)
        assert row["evidence"] in normalize_text(Path(str(row["source"])).read_text(encoding="utf-8"))
        assert row["title"] == text.splitlines()[0]
        assert 0 < row["confidence"] <= 1
        assert row["date"] is None  # the sample .txt files carry no publication date


def test_the_same_as_the_evidence_query(sample_store, militia_evidence):
    bundled = run_query(sample_store, "evidence", {"s": "ripid:iran-backed-militias", "p": "rip:backedBy", "o": "ripid:iran"})
    assert [(r["evidence"], r["start"], r["source"]) for r in bundled.records()] == [
        (r["evidence"], r["start"], r["source"]) for r in militia_evidence
    ]
    # four articles say it (the groups_backed_by count)
    backed = run_query(sample_store, "groups_backed_by", {"backer": "ripid:iran"}).records()
    articles = {row["group"]: row["articles"] for row in backed}
    assert len({row["article"] for row in militia_evidence}) == articles[MILITIAS]


@pytest.mark.parametrize(
    ("s", "p", "o"),
    [
        ("ripid:iran-backed-militias", "rip:backedBy", "ripid:iran"),
        (f"<{MILITIAS}>", BACKED_BY, IRAN),
        ("IRAN-BACKED   Militias", "backed by", "Iran"),
        ("Iran-backed militias", "backedby", "iran"),
        ("milices pro-iraniennes", "soutenu par", "République islamique d'Iran"),
    ],
    ids=["curies", "iris", "labels-any-case", "name-any-case", "french-labels"],
)
def test_names_resolve_the_same(sample_store, militia_evidence, s, p, o):
    assert explain(sample_store, s, p, o) == militia_evidence


def test_unknown_and_ambiguous_names(sample_store):
    with pytest.raises(TermError) as caught:
        resolve(sample_store, "militias")
    assert str(caught.value).startswith("no subject labelled 'militias' (close matches: ")
    assert MILITIAS in [iri for iri, _ in caught.value.matches]
    with pytest.raises(TermError, match=r"no predicate labelled 'backs' \(close matches: 'backedBy' \(rip:backedBy\)\)"):
        explain(sample_store, "Iran-backed militias", "backs", "Iran")
    labels = sample_store.query(
        "SELECT ?label WHERE { ?x rdfs:label ?label . ?y rdfs:label ?label FILTER(?x != ?y && isIRI(?x) && isIRI(?y)) } LIMIT 1",
        prefixes=dict(PREFIXES),
        use_default_graph_as_union=True,
    )
    shared = next(iter(labels))["label"].value
    with pytest.raises(TermError, match="is ambiguous: it labels") as caught:
        resolve(sample_store, shared)
    assert caught.value.ambiguous and len(caught.value.matches) > 1


def test_a_fact_not_in_the_store_has_no_evidence(sample_store):
    assert explain(sample_store, "Iran", "backedBy", "Iran-backed militias") == []


def test_an_empty_store():
    with pytest.raises(TermError, match="no subject labelled 'Iran' \\(nothing close\\)"):
        explain(open_store(None), "Iran", "backedBy", "Iran")


@pytest.fixture(scope="module")
def store_copy(sample_store, tmp_path_factory) -> Path:
    """A copy of the sample store on disk: the original is locked by this process."""
    path = tmp_path_factory.mktemp("explain") / "store"
    sample_store.backup(str(path))
    return path


def test_cli_explain(store_copy, militia_evidence, capsys):
    assert main(["explain", "Iran-backed militias", "backedBy", "ripid:iran", "--store", str(store_copy)]) == 0
    printed = capsys.readouterr().out
    for row in militia_evidence:
        assert f"« {row['evidence']} »" in printed
        assert f"article: {row['title']}" in printed
        assert f"source: {row['source']}" in printed
    assert "ripid:iran-backed-militias rip:backedBy ripid:iran  (confidence 0.9)" in printed
    assert "date: (no date)" in printed
    assert printed.rstrip().endswith(f"{len(militia_evidence)} supporting sentence(s)")


def test_cli_explain_json(store_copy, militia_evidence, capsys):
    assert main(["explain", "ripid:iran-backed-militias", "rip:backedBy", "Iran", "--store", str(store_copy), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == militia_evidence


def test_cli_explain_errors(store_copy, capsys):
    assert main(["explain", "militias", "backedBy", "Iran", "--store", str(store_copy)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "error: no subject labelled 'militias' (close matches: " in err
    assert "'Iran-backed militias' (ripid:iran-backed-militias)" in err
    assert main(["explain", "Iran", "backedBy", "Iran-backed militias", "--store", str(store_copy)]) == 1
    assert "no sentence in the store supports Iran backedBy Iran-backed militias" in " ".join(capsys.readouterr().err.split())
