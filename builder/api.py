"""One object for notebooks: open a store, build into it, ask it, export it.

Everything here is a thin layer over the modules the command line uses
(``pipeline.build``, ``queries.run_query``, ``explain.explain``, ``export.export``,
``stats.store_stats``), gathered so that a notebook needs one import:

>>> from builder.api import Riposte
>>> graph = Riposte.open(None)            # in memory; a folder path opens or creates a store
>>> report = graph.build_text(
...     "Kataëb Hezbollah, une milice soutenue par l'Iran, a revendiqué l'attaque.",
...     title="Irak : une attaque revendiquée", published="2024-02-02")
>>> [row["groupLabel"] for row in graph.query("groups_backed_by", backer="ripid:iran")]
['Kataib Hezbollah']
>>> graph.stats().articles
1
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Store

from .config import Settings
from .explain import explain
from .export import ExportSummary, export
from .pipeline import BuildReport, build
from .queries import QueryResult, Term, query_names, run_query
from .stats import Stats, store_stats
from .store import open_existing, open_store


class Riposte:
    """A Riposte store and what can be done with it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | Path | None, *, create: bool = True) -> Riposte:
        """Open the store at ``path`` (created if missing, unless ``create=False``);
        ``None`` gives an in-memory store."""
        if path is None or create:
            return cls(open_store(path))
        return cls(open_existing(path))

    # ------------------------------------------------------------------ building
    def build(self, paths: Iterable[str | Path], **settings: object) -> BuildReport:
        """Read files or folders into the store; ``settings`` are those of
        :class:`builder.config.Settings` (``published=``, ``min_confidence=``, ``force=``...)."""
        published = settings.get("published")
        if isinstance(published, str):
            settings["published"] = dt.date.fromisoformat(published)
        return build(list(paths), self.store, Settings(**settings))  # type: ignore[arg-type]

    def build_text(self, text: str, *, title: str | None = None, url: str | None = None,
                   published: str | dt.date | None = None, **settings: object) -> BuildReport:
        """Build one article given as text (as a JSONL input line would give it)."""
        import json
        import tempfile

        record = {"text": text, "title": title, "url": url,
                  "published": published.isoformat() if isinstance(published, dt.date) else published}
        record = {k: v for k, v in record.items() if v is not None}
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"article-{digest}.jsonl"
            path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
            return self.build([path], **settings)

    # ------------------------------------------------------------------ asking
    @staticmethod
    def queries() -> list[str]:
        """The names of the bundled queries."""
        return query_names()

    def result(self, name_or_path: str | Path, **params: str | Term) -> QueryResult:
        """A bundled query by name (or a ``.rq`` file) with its parameters bound."""
        return run_query(self.store, name_or_path, params)

    def query(self, name_or_path: str | Path, **params: str | Term) -> list[dict[str, object]]:
        """The rows of a query as dicts of plain Python values."""
        return self.result(name_or_path, **params).records()

    def dataframe(self, name_or_path: str | Path, **params: str | Term):
        """The rows of a query as a pandas DataFrame (columns in the query's order)."""
        try:
            import pandas as pd
        except ImportError as error:  # pragma: no cover - exercised by monkeypatching in the tests
            raise ImportError("Riposte.dataframe needs pandas: pip install pandas (or use Riposte.query for dicts)") from error
        result = self.result(name_or_path, **params)
        return pd.DataFrame(result.records(), columns=result.columns)

    def explain(self, subject: str | Term | None, predicate: str | Term | None,
                obj: str | Term | None) -> list[dict[str, object]]:
        """The sentences behind a fact, with their articles (see :func:`builder.explain.explain`)."""
        return explain(self.store, subject, predicate, obj)

    def stats(self) -> Stats:
        return store_stats(self.store)

    # ------------------------------------------------------------------ exporting
    def export(self, fmt: str, out: str | Path, **options: object) -> ExportSummary:
        """Write the store as ``gexf``, ``gephi-csv``, ``graphml``, ``nquads``, ``trig`` or ``turtle``."""
        return export(self.store, fmt, Path(out), **options)  # type: ignore[arg-type]
