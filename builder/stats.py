"""``riposte stats``: articles, entities by type, events, facts by relation."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Store

from .queries import run_query


@dataclass
class Stats:
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"articles: {self.articles}"]
        for title, table in (("entities", self.entities), ("events", self.events), ("facts", self.facts)):
            out.append(f"{title}: {sum(table.values())}")
            out += [f"  {kind}: {n}" for kind, n in table.items()]
        return out


def store_stats(store: Store) -> Stats:
    """Count what the store holds, as ``riposte stats`` prints it."""
    stats = Stats()
    for row in run_query(store, "_stats").records():
        what, kind, n = row["what"], row["kind"], int(row["n"])
        if what == "articles":
            stats.articles = n
        else:
            getattr(stats, what)[kind] = n
    return stats
