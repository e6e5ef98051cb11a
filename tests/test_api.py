"""The notebook API (builder.api.Riposte), and the README's Python example run as written."""

from __future__ import annotations

import builtins
import re
import shutil
from pathlib import Path

import pytest

from builder.api import Riposte
from builder.normalize import normalize_text
from builder.queries import run_query
from builder.resources import resource_dir

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def graph(sample_store) -> Riposte:
    return Riposte(sample_store)


def test_query_gives_the_rows_run_query_gives(graph, sample_store):
    rows = graph.query("claims", claimant="ripid:islamic-resistance-in-iraq")
    assert rows == run_query(sample_store, "claims", {"claimant": "ripid:islamic-resistance-in-iraq"}).records()
    assert len(rows) == 3
    assert {row["claimantLabel"] for row in rows} == {"Islamic Resistance in Iraq"}


def test_dataframe_keeps_the_query_columns_and_rows(graph):
    frame = graph.dataframe("groups_backed_by", backer="ripid:iran")
    result = graph.result("groups_backed_by", backer="ripid:iran")
    assert list(frame.columns) == result.columns
    assert frame.to_dict("records") == result.records()
    assert list(frame["groupLabel"]) == ["Iran-backed militias"]


def test_dataframe_without_pandas_says_how_to_get_it(graph, monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"^Riposte.dataframe needs pandas: pip install pandas \(or use Riposte.query for dicts\)$"):
        graph.dataframe("claims")


def test_explain_and_export(graph, tmp_path):
    sentences = graph.explain("Iran-backed militias", "backedBy", "Iran")
    assert len({s["source"] for s in sentences}) == 4  # the four articles that say so
    for sentence in sentences:
        assert sentence["predicate"] == "https://w3id.org/riposte/ontology#backedBy"
        article = normalize_text((resource_dir("corpus") / Path(sentence["source"]).name).read_text(encoding="utf-8"))
        assert sentence["evidence"] in article
    summary = graph.export("gexf", tmp_path / "g.gexf")
    assert (tmp_path / "g.gexf").is_file() and summary.fmt == "gexf"


def test_open_existing_only_refuses_a_missing_store(tmp_path):
    with pytest.raises(FileNotFoundError):
        Riposte.open(tmp_path / "nothing-here", create=False)
    assert not (tmp_path / "nothing-here").exists()


def test_build_text_dates_relative_days_from_published():
    graph = Riposte.open(None)
    report = graph.build_text("Une attaque de drone a visé mardi la base d'Aïn al-Assad.", published="2024-02-02")
    assert report.built and report.events == 1
    rows = graph.query("_stats")
    assert {(r["what"], r["kind"]) for r in rows} >= {("events", "Attack")}
    dated = graph.store.query(
        "SELECT ?d WHERE { GRAPH ?g { ?e <https://w3id.org/riposte/ontology#date> ?d } }")
    assert [str(row["d"].value) for row in dated] == ["2024-01-30"]


def test_the_readme_python_example_runs_as_written(tmp_path, monkeypatch, capsys):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## From Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shutil.copytree(resource_dir("corpus"), tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Iran-backed militias backed by Iran in 4 article(s)" in out
    assert (tmp_path / "out" / "notebook.gexf").is_file()
    assert "['articles: 5'" in out
