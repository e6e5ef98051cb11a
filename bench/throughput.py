"""Throughput of a whole build beside a bare ``nlp.pipe`` over the same texts.

    python bench/throughput.py [--copies 40] [--processes 2] [--batch-size 16]

Builds ``copies`` × the sample corpus (each copy made distinct by a trailing
line so that the store does not skip it as already built) into a fresh on-disk
store, then runs the bare spaCy pipeline with the same model, process count and
batch size over the same texts.  Each phase runs in its own Python process so
that peak RSS (the process plus its spaCy workers) belongs to that phase alone.
Prints docs/s, words/s, peak RSS and the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, copies: int) -> list[str]:
    samples = sorted((ROOT / "corpus").glob("*.txt"))
    texts = []
    for k in range(copies):
        for sample in samples:
            text = sample.read_text(encoding="utf-8") + f"\nCopie de banc d'essai numéro {k}.\n"
            (folder / f"{k:04d}_{sample.name}").write_text(text, encoding="utf-8")
            texts.append(text)
    return texts


def peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024  # ru_maxrss is in KiB on Linux


def phase(name: str, folder: Path, processes: int, batch_size: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from builder.config import Settings
    from builder.nlp import load_pipeline
    from builder.readers import read_inputs

    articles = [a for a in read_inputs([folder]) if hasattr(a, "text")]
    words = sum(len(a.text.split()) for a in articles)
    if name == "pipe":
        import spacy

        nlp = spacy.load(Settings().model)
        start = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=processes):
            pass
    elif name == "pipe+ruler":
        nlp = load_pipeline(Settings().model)
        start = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=processes):
            pass
    else:
        from builder.pipeline import build

        load_pipeline(Settings().model)  # model load is not throughput: both phases exclude it
        with tempfile.TemporaryDirectory() as store:
            start = time.perf_counter()
            report = build([folder], Path(store) / "s", Settings(n_process=processes, batch_size=batch_size))
            assert len(report.built) == len(articles), report.summary()
    seconds = time.perf_counter() - start
    return {"phase": name, "docs": len(articles), "words": words, "seconds": seconds, "peak_rss_mib": peak_rss_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, Path(args.folder), args.processes, args.batch_size)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_corpus(folder, args.copies)
        results = {}
        for name in ("pipe", "pipe+ruler", "build"):
            cmd = [sys.executable, __file__, "--phase", name, "--folder", str(folder),
                   "--processes", str(args.processes), "--batch-size", str(args.batch_size)]
            line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            results[name] = json.loads(line)
    print(f"{args.copies} copies x 5 samples = {results['build']['docs']} docs, {results['build']['words']} words; "
          f"n_process={args.processes}, batch_size={args.batch_size}")
    print(f"{'phase':<12}{'docs/s':>10}{'words/s':>12}{'seconds':>10}{'peak RSS MiB':>15}")
    for name, r in results.items():
        print(f"{name:<12}{r['docs'] / r['seconds']:>10.1f}{r['words'] / r['seconds']:>12.0f}"
              f"{r['seconds']:>10.2f}{r['peak_rss_mib']:>15.0f}")
    b, p = results["build"], results["pipe"]
    print(f"build / bare nlp.pipe: time x{b['seconds'] / p['seconds']:.2f}, "
          f"throughput {p['seconds'] / b['seconds']:.2f} of bare, peak RSS x{b['peak_rss_mib'] / p['peak_rss_mib']:.2f}")


if __name__ == "__main__":
    main()
