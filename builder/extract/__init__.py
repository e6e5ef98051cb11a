"""Extraction: a parsed ``Doc`` in, an ``Extraction`` (entities, events, facts) out."""

from .article import read_article

__all__ = ["read_article"]
