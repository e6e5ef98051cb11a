"""Accuracy: the development articles per theatre, the samples, and the fixture suite.

    python bench/accuracy.py [--eval DIR] [--coreference] [--failures]

1. The development set of whole articles (``DIR/score-dev``, by default
   ``../shared/eval``): each theatre built and scored on its own with the reference
   scorer, then all 24 together, then the five sample articles (``--seeds``).  The
   folder is development data kept outside the project; without it this part says so
   and the rest still runs.
2. The five sample articles scored with Riposte's own evaluator against
   ``tests/data/seeds_gold.json`` (per relation).
3. The fixture sentences of ``tests/fixtures/sentences*.jsonl``: how many hold, per file.

``--coreference`` repeats 2 and 3 without the entity coreference rules, so that their
gain is measured rather than claimed; ``--failures`` lists the fixtures that fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

THEATRES = [("w1", "Iraq / Syria / Jordan"), ("w2", "Red Sea / Lebanon / Iran-Israel"),
            ("w3", "wider Middle East"), ("w4", "Sahel / Somalia / Nigeria / Ukraine")]
_LAST = re.compile(r"core micro-F1 ([0-9.]+) \(P ([0-9.]+) R ([0-9.]+)\) · all micro-F1 ([0-9.]+)")


def score_dev(eval_dir: Path, *args: str) -> tuple[float, float, float, float] | str:
    """(core F1, core P, core R, all F1) from the reference scorer's last line, or the error."""
    run = subprocess.run([str(eval_dir / "score-dev"), *args], cwd=ROOT, capture_output=True, text=True)
    found = _LAST.search(run.stdout)
    if run.returncode != 0 or found is None:
        return (run.stderr or run.stdout).strip().splitlines()[-1] if (run.stderr or run.stdout).strip() else "failed"
    return tuple(float(x) for x in found.groups())  # type: ignore[return-value]


def dev_table(eval_dir: Path) -> None:
    if not (eval_dir / "score-dev").exists():
        print(f"Development articles: {eval_dir}/score-dev not found (give --eval DIR); skipped\n")
        return
    print(f"Development articles ({eval_dir}/score-dev, the reference scorer)")
    print(f"{'set':<44}{'core F1':>9}{'P':>8}{'R':>8}{'all F1':>9}")
    rows = [(f"{code} {name}", ("--only", code)) for code, name in THEATRES]
    rows += [("all 24", ()), ("samples (--seeds)", ("--seeds",))]
    for label, args in rows:
        result = score_dev(eval_dir, *args)
        if isinstance(result, str):
            print(f"{label:<44}  {result}")
            continue
        core, p, r, every = result
        print(f"{label:<44}{core:>9.3f}{p:>8.3f}{r:>8.3f}{every:>9.3f}")
    print()


def samples(coreference: bool):
    from builder.config import Settings
    from builder.evaluate import evaluate
    from builder.pipeline import build
    from builder.resources import resource_dir
    from builder.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store")
        build([resource_dir("corpus")], store, Settings(coreference=coreference))
        return evaluate(store, ROOT / "tests" / "data" / "seeds_gold.json")


def fixtures(coreference: bool) -> dict[str, tuple[int, int, list[str]]]:
    """file name -> (cases that hold, cases, ids of those that fail)."""
    from builder.extract import read_article
    from builder.gazetteer import load_gazetteer
    from builder.nlp import load_pipeline
    from builder.normalize import compose, normalize_text
    from builder.records import Article
    from test_extraction import holds

    nlp, gazetteer = load_pipeline(), load_gazetteer()
    out: dict[str, tuple[int, int, list[str]]] = {}
    for path in sorted((ROOT / "tests" / "fixtures").glob("sentences*.jsonl")):
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        failed = []
        for case in cases:
            full = compose(case.get("title"), normalize_text(case["text"]))
            published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
            article = Article(text=full, sha256=hashlib.sha256(full.encode()).hexdigest(), source="<fixture>",
                              title=case.get("title"), published=published)
            extraction = read_article(nlp(full), article, gazetteer, coreference=coreference)
            ok = all(holds(extraction, e) for e in case["expect"]) and not any(
                holds(extraction, a) for a in case.get("absent", []))
            if not ok:
                failed.append(case["id"])
        out[path.name] = (len(cases) - len(failed), len(cases), failed)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval",
                    help="folder holding score-dev and the development articles")
    ap.add_argument("--coreference", action="store_true", help="also measure without the coreference rules")
    ap.add_argument("--failures", action="store_true", help="list the fixtures that fail")
    args = ap.parse_args()
    from builder.evaluate import CORE

    dev_table(args.eval)
    modes = [("with coreference", True)] + ([("without coreference", False)] if args.coreference else [])
    for name, flag in modes:
        result = samples(flag)
        core, every = result.micro(CORE), result.micro()
        if flag:
            print("Samples, Riposte's own evaluator (tests/data/seeds_gold.json):")
            print(result.table())
        print(f"samples {name:<22} core F1 {core.f1:.3f} (P {core.precision:.3f} R {core.recall:.3f})   "
              f"all F1 {every.f1:.3f} (P {every.precision:.3f} R {every.recall:.3f})")
    print()
    for name, flag in modes:
        per_file = fixtures(flag)
        held = sum(p for p, _, _ in per_file.values())
        total = sum(t for _, t, _ in per_file.values())
        print(f"Fixture suite {name}: {held}/{total} hold")
        for file, (passed, count, failed) in per_file.items():
            print(f"  {file:<28}{passed:>4}/{count}")
            if args.failures and failed:
                print("    failing: " + ", ".join(failed))


if __name__ == "__main__":
    main()
