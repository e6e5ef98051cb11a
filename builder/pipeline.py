"""Build: inputs -> articles -> spaCy -> extraction -> quads -> store.

This is the library function under ``riposte build``; a notebook calls it the
same way::

    from builder.pipeline import build
    report = build(["corpus/"], "store/")
    print(report.summary())
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Store

from .config import Settings
from .extract import read_article
from .gazetteer import load_gazetteer
from .identity import unify_events
from .nlp import load_pipeline
from .readers import read_inputs
from .records import Article, Extraction, SkippedInput
from .store import has_article, open_store, write_article
from .triples import article_iri, extraction_quads


@dataclass
class BuildReport:
    """What a build did: articles written, already present, and inputs skipped."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    facts: int = 0
    events: int = 0
    # facts not written because a subject or object had the wrong type for the ontology
    rejected: int = 0
    # articles whose relative dates ("mardi", "le 3 décembre") stayed unresolved for want of a publication date
    undated: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """False only when inputs were given and nothing at all could be read."""
        return bool(self.built or self.unchanged) or not self.skipped

    def summary(self) -> str:
        lines = [
            f"built {len(self.built)} article(s), {self.events} event(s), {self.facts} fact(s); "
            f"{len(self.unchanged)} already in the store; {len(self.skipped)} skipped"
        ]
        lines += [f"skipped {s}" for s in self.skipped]
        if self.rejected:
            lines.append(f"{self.rejected} fact(s) not written: a subject or object had the wrong type for the "
                         "ontology (a place as perpetrator, a base as claimant)")
        if self.undated:
            count = sum(len(v) for v in self.undated.values())
            lines.append(
                f"{count} date(s) in {len(self.undated)} article(s) left unresolved: no publication date "
                "to anchor \"mardi\" or \"le 3 décembre\" (give --published YYYY-MM-DD or a dated input)"
            )
        return "\n".join(lines)


def _read_batch(batch: list[Article], settings: Settings) -> list[tuple[Article, Extraction | Exception]]:
    """Parse and read a batch of articles in one process."""
    nlp = load_pipeline(settings.model)
    gazetteer = load_gazetteer()
    out: list[tuple[Article, Extraction | Exception]] = []
    for doc, article in nlp.pipe(((a.text, a) for a in batch), as_tuples=True, batch_size=settings.batch_size):
        try:
            out.append((article, read_article(doc, article, gazetteer, coreference=settings.coreference)))
        except Exception as error:  # one bad article must not stop the build
            out.append((article, error))
    return out


def _read_batch_star(args: tuple[list[Article], Settings]):
    return _read_batch(*args)


def extract_articles(articles: list[Article], settings: Settings = Settings()) -> Iterable[tuple[Article, Extraction | Exception]]:
    """Parse and read articles; yields each article with its extraction (or the error), in order.

    With ``settings.n_process > 1`` the parsing *and* the reading run in forked
    worker processes (the model, loaded once here, is shared with them), so that
    extraction does not queue behind one process; writing stays in this one.
    """
    load_pipeline(settings.model)  # load before forking: the workers inherit it
    batches = [articles[i : i + settings.batch_size] for i in range(0, len(articles), settings.batch_size)]
    if settings.n_process <= 1 or len(batches) <= 1:
        for batch in batches:
            yield from _read_batch(batch, settings)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(settings.n_process) as pool:
        for result in pool.imap(_read_batch_star, [(batch, settings) for batch in batches]):
            yield from result


def build(
    paths: Iterable[str | Path],
    store: str | Path | Store | None,
    settings: Settings = Settings(),
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read every input under ``paths`` and write what it says into ``store``."""
    report = BuildReport()
    target = store if isinstance(store, Store) else open_store(store)
    gazetteer = load_gazetteer()
    todo: list[Article] = []
    seen: set[str] = set()
    for item in read_inputs(paths):
        if isinstance(item, SkippedInput):
            report.skipped.append(item)
            continue
        if settings.published and item.published is None:
            item = dataclasses.replace(item, published=settings.published)
        if item.sha256 in seen or (has_article(target, item.sha256) and not settings.force):
            report.unchanged.append(item.source)
            continue
        seen.add(item.sha256)
        todo.append(item)
    for article, result in extract_articles(todo, settings):
        if isinstance(result, Exception):
            report.skipped.append(SkippedInput(article.source, f"extraction failed: {type(result).__name__}: {result}"))
            continue
        result = unify_events(target, result, gazetteer)
        quads = extraction_quads(result, gazetteer, settings.min_confidence)
        write_article(target, article_iri(article), quads, replace=settings.force)
        report.built.append(article.source)
        report.facts += sum(1 for f in result.facts if f.confidence >= settings.min_confidence)
        report.events += len(result.events)
        report.rejected += len(result.rejected)
        if result.unresolved_dates and article.dated is None:
            report.undated[article.source] = result.unresolved_dates
        if progress is not None:
            progress(article.source)
    return report
