"""Trigger words, loaded from ``builder/data/triggers.json`` (data, not code)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .resources import data_file


@lru_cache(maxsize=None)
def word_set(*path: str) -> frozenset[str]:
    """A word list of the lexicon as a set, built once: ``word_set("deny", "verbs")``."""
    node: Any = triggers()
    for key in path:
        node = node[key]
    return frozenset(node)


@lru_cache(maxsize=1)
def triggers() -> dict[str, Any]:
    """Return the trigger lexicon (read once per process)."""
    with data_file("triggers.json").open(encoding="utf-8") as handle:
        return json.load(handle)
