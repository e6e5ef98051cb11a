"""Accuracy on the development set and the fixture suite, with and without coreference.

    python bench/accuracy.py

Builds the sample corpus into a temporary store and scores it against
``tests/data/seeds_gold.json`` (per relation, micro-averaged), then runs the
fixture sentences of ``tests/fixtures/sentences*.jsonl`` and counts how many hold.
Both are done twice: with the entity coreference rules, and without them, so
the rules' gain is measured rather than claimed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def dev_set(coreference: bool):
    from builder.config import Settings
    from builder.evaluate import evaluate
    from builder.pipeline import build
    from builder.resources import resource_dir
    from builder.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store")
        build([resource_dir("corpus")], store, Settings(coreference=coreference))
        return evaluate(store, ROOT / "tests" / "data" / "seeds_gold.json")


def fixtures(coreference: bool) -> tuple[int, int, list[str]]:
    import datetime as dt
    import hashlib

    from builder.extract import read_article
    from builder.gazetteer import load_gazetteer
    from builder.nlp import load_pipeline
    from builder.normalize import compose, normalize_text
    from builder.records import Article
    from test_extraction import FIXTURES, holds

    nlp, gazetteer = load_pipeline(), load_gazetteer()
    passed, failed = 0, []
    for case in FIXTURES:
        full = compose(case.get("title"), normalize_text(case["text"]))
        published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
        article = Article(text=full, sha256=hashlib.sha256(full.encode()).hexdigest(), source="<fixture>",
                          title=case.get("title"), published=published)
        extraction = read_article(nlp(full), article, gazetteer, coreference=coreference)
        ok = all(holds(extraction, e) for e in case["expect"]) and not any(holds(extraction, a) for a in case.get("absent", []))
        if ok:
            passed += 1
        else:
            failed.append(case["id"])
    return passed, len(FIXTURES), failed


def main() -> None:
    from builder.evaluate import CORE

    with_coref = dev_set(True)
    without = dev_set(False)
    print("Development set (5 sample articles), with coreference:")
    print(with_coref.table())
    print()
    for name, result in (("with coreference", with_coref), ("without coreference", without)):
        core, every = result.micro(CORE), result.micro()
        print(f"{name:<22} core F1 {core.f1:.3f} (P {core.precision:.3f} R {core.recall:.3f})   "
              f"all F1 {every.f1:.3f} (P {every.precision:.3f} R {every.recall:.3f})")
    print()
    for name, flag in (("with coreference", True), ("without coreference", False)):
        passed, total, failed = fixtures(flag)
        print(f"fixture suite {name:<20} {passed}/{total} hold ({passed / total:.1%})")
        if "--failures" in sys.argv:
            print("  failing: " + ", ".join(failed))


if __name__ == "__main__":
    main()
