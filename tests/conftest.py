"""Shared fixtures: the spaCy pipeline and the sample store are built once per session."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from builder.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    from builder.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def gazetteer():
    from builder.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def extract_text(nlp, gazetteer):
    """Extract from a French text as the build does; returns the Extraction."""
    import datetime as dt

    from builder.extract import read_article
    from builder.normalize import compose, normalize_text
    from builder.records import Article

    def run(text: str, title: str | None = None, published: str | None = None):
        body = normalize_text(text)
        full = compose(title, body)
        article = Article(
            text=full,
            sha256=hashlib.sha256(full.encode("utf-8")).hexdigest(),
            source="<fixture>",
            title=title,
            published=dt.date.fromisoformat(published) if published else None,
        )
        return read_article(nlp(full), article, gazetteer)

    return run


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, nlp):
    """The bundled sample corpus built once into an on-disk store."""
    from builder.pipeline import build
    from builder.store import open_store

    store = open_store(tmp_path_factory.mktemp("store") / "store")
    report = build([resource_dir("corpus")], store)
    assert len(report.built) == 5, report.summary()
    return store


@pytest.fixture(scope="session")
def extract_article(nlp, gazetteer, tmp_path_factory):
    """Extract from a whole .txt article (title on the first line) as the build reads it."""
    from builder.extract import read_article
    from builder.readers import read_file

    folder = tmp_path_factory.mktemp("articles")

    def run(page: str):
        path = folder / f"{hashlib.sha256(page.encode()).hexdigest()[:12]}.txt"
        path.write_text(page, encoding="utf-8")
        [article] = read_file(path)
        return read_article(nlp(article.text), article, gazetteer)

    return run
