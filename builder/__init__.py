"""Riposte: a knowledge-graph builder for conflict news (French first).

Data flows one way: text -> spaCy ``Doc`` -> mentions -> resolved entities and
events -> triples -> store -> queries and exports.  Each stage is its own module.
"""

__version__ = "0.1.0"
