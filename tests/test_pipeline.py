"""Building with worker processes gives the same graph as building in one."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.config import Settings
from builder.pipeline import build
from builder.resources import resource_dir
from builder.store import open_store

pytestmark = pytest.mark.slow


def test_two_processes_build_the_same_graph(sample_store, tmp_path):
    store = open_store(tmp_path / "parallel")
    report = build([resource_dir("corpus")], store, Settings(n_process=2, batch_size=2))
    assert len(report.built) == 5 and not report.skipped
    assert set(store) == set(sample_store)


def test_build_report_says_which_dates_stayed_unresolved(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Frappe à Bagdad\nUne frappe a visé mardi un dépôt près de Bagdad.\n", encoding="utf-8")
    report = build([folder], open_store(tmp_path / "s"))
    assert report.undated == {str(folder / "a.txt"): ["mardi"]}
    assert report.summary().splitlines()[-1].startswith("1 date(s) in 1 article(s) left unresolved")
    dated = build([folder], open_store(tmp_path / "s2"), Settings(published=dt.date(2024, 2, 2)))
    assert dated.undated == {}
