"""Find the files that are data, not code: ontology, queries, sample corpus, lexicons.

In a source checkout they sit at the top of the repository; a built wheel carries
them under ``builder/_bundled`` (see ``pyproject.toml``).  Everything that reads
them goes through this module, so there is one place that knows where they are.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``ontology``, ``queries`` or ``corpus``).

    >>> (resource_dir("ontology") / "riposte.ttl").is_file()
    True
    """
    bundled = _PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Riposte's {name!r} folder is missing (looked in {bundled} and {checkout})")


def data_file(name: str) -> Path:
    """Return a lexicon or gazetteer file shipped inside the package (``builder/data``)."""
    path = _PACKAGE / "data" / name
    if not path.is_file():
        raise FileNotFoundError(f"Riposte's data file {name!r} is missing ({path})")
    return path
