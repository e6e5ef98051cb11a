"""``riposte``: a thin command line over the library (build, query, export, stats)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .config import Settings

console = Console(stderr=True, soft_wrap=True)
# piped or in `make run`, tables get room rather than the 80 columns of a dumb terminal
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _param(value: str) -> tuple[str, str]:
    name, sep, term = value.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {value!r}")
    return name, term


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build
    from .readers import read_inputs  # noqa: F401  (imported here so errors surface before the model loads)

    settings = Settings(
        n_process=args.processes,
        batch_size=args.batch_size,
        min_confidence=args.min_confidence,
        published=args.published,
        force=args.force,
    )
    with Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=console, transient=True, disable=args.quiet,
    ) as progress:
        task = progress.add_task("", total=None)

        def step(source: str) -> None:
            progress.update(task, advance=1, description=Path(source).name)

        report = build(args.paths, args.store, settings, progress=step)
    for skipped in report.skipped:
        console.print(f"[yellow]skipped[/] {escape(str(skipped))}", highlight=False)
    console.print(
        f"built {len(report.built)} article(s) into {escape(str(args.store))}: {report.events} event(s), {report.facts} fact(s); "
        f"{len(report.unchanged)} already stored; {len(report.skipped)} skipped",
        highlight=False,
    )
    if report.rejected:
        line = next(line for line in report.summary().splitlines() if "not written" in line)
        console.print(escape(line), highlight=False)
    if report.undated:
        console.print(escape(report.summary().splitlines()[-1]), highlight=False)
    if not report.ok:
        console.print("[red]error:[/] nothing could be built from the inputs given")
        return 1
    return 0


def _show(result, fmt: str) -> None:
    from .queries import to_python

    if fmt == "csv":
        sys.stdout.write(result.to_csv())
    elif fmt == "json":
        sys.stdout.write(result.to_json() + "\n")
    else:
        # a table is for reading: show a label instead of the IRI it names (csv and json keep both)
        columns = [c for c in result.columns if f"{c}Label" not in result.columns]
        table = Table(*columns, show_lines=False)
        for row in result.rows:
            table.add_row(*["" if row[c] is None else _short(to_python(row[c])) for c in columns])
        out.print(table)
        out.print(f"{len(result.rows)} row(s)")


def _short(value: object) -> str:
    from .vocab import PREFIXES

    text = str(value)
    for prefix, base in PREFIXES.items():
        if text.startswith(base) and prefix in {"ripid", "rip", "wd"}:
            return f"{prefix}:{text[len(base):]}"
    return text


def cmd_query(args: argparse.Namespace) -> int:
    from .queries import run_query
    from .store import open_existing

    store = open_existing(args.store)
    result = run_query(store, args.query, dict(args.param or []))
    _show(result, args.format)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    from .store import open_existing

    store = open_existing(args.store)
    summary = export(store, args.format, Path(args.out), dynamic=args.dynamic)
    console.print(f"wrote {escape(str(summary))}", highlight=False)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .stats import store_stats
    from .store import open_existing

    for line in store_stats(open_existing(args.store)).lines():
        out.print(line)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate
    from .store import open_existing

    result = evaluate(open_existing(args.store), Path(args.gold))
    if args.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        out.print(result.table())
        if result.not_found:
            console.print(f"not in the store: {escape(', '.join(result.not_found))}", highlight=False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    mode = "read-write: SPARQL updates allowed" if args.writable else "read-only"
    console.print(
        f"SPARQL endpoint on http://{args.host}:{args.port}/sparql ({mode}; "
        f"time limit {args.timeout:g} s, at most {args.max_results} results per query)",
        highlight=False,
    )
    if args.writable and args.host not in {"127.0.0.1", "localhost", "::1"}:
        console.print(f"[yellow]warning:[/] anyone who can reach {escape(args.host)} can change the store", highlight=False)
    serve(args.store, host=args.host, port=args.port, writable=args.writable, timeout=args.timeout,
          max_results=args.max_results)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    import json

    from .explain import explain, shorten
    from .store import open_existing

    rows = explain(open_existing(args.store), args.subject, args.predicate, args.object)
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0 if rows else 1
    if not rows:
        console.print(
            f"no sentence in the store supports {escape(args.subject)} {escape(args.predicate)} {escape(args.object)}",
            highlight=False,
        )
        return 1
    for number, row in enumerate(rows, 1):
        fact = " ".join(shorten(str(row[k])) for k in ("subject", "predicate", "object"))
        out.print(f"{number}. {escape(fact)}  (confidence {row['confidence']})", highlight=False)
        out.print(f"   « {escape(str(row['evidence']))} »", highlight=False)
        out.print(f"   article: {escape(str(row['title'] or '(no title)'))}", highlight=False)
        out.print(f"   date: {row['date'] or '(no date)'}   source: {escape(str(row['source']))}", highlight=False)
    out.print(f"{len(rows)} supporting sentence(s)", highlight=False)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="riposte", description="Build and query a knowledge graph of conflict news.")
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read articles (.txt, .html, .jsonl, or folders of them) into the store")
    b.add_argument("paths", nargs="+", help="files or folders")
    b.add_argument("--store", required=True, help="store folder (created if missing)")
    b.add_argument("--published", type=_date, help="publication date for inputs that carry none (YYYY-MM-DD)")
    b.add_argument("--min-confidence", type=float, default=0.0, help="drop facts below this confidence")
    b.add_argument("--processes", type=int, default=1, help="spaCy worker processes (default 1)")
    b.add_argument("--batch-size", type=int, default=16)
    b.add_argument("--force", action="store_true", help="re-extract articles already in the store")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a bundled query by name or a .rq file")
    q.add_argument("query", help="query name (see queries/) or path to a .rq file")
    q.add_argument("--store", required=True)
    q.add_argument("--param", "-p", action="append", type=_param, metavar="NAME=VALUE",
                   help="bind a query variable (ripid:iran, <http://…>, or a plain string)")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="export the graph for Gephi or as RDF")
    e.add_argument("--store", required=True)
    e.add_argument("--format", required=True, choices=["gexf", "gephi-csv", "graphml", "nquads", "trig", "turtle"])
    e.add_argument(
        "--out",
        required=True,
        help="file to write; for gephi-csv a prefix: PREFIX-nodes.csv and PREFIX-edges.csv",
    )
    e.add_argument(
        "--dynamic",
        action="store_true",
        help="gexf and gephi-csv: give events, and the edges that come from them, their dates for Gephi's timeline",
    )
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("evaluate", help="score the store against hand-annotated facts (a gold file)")
    v.add_argument("--store", required=True)
    v.add_argument("--gold", required=True, help="gold JSON file (see tests/data/seeds_gold.json)")
    v.add_argument("--json", action="store_true", help="full result with every miss and spurious fact")
    v.set_defaults(func=cmd_evaluate)

    s = sub.add_parser("stats", help="articles, entities by type, events, facts by relation")
    s.add_argument("--store", required=True)
    s.set_defaults(func=cmd_stats)

    x = sub.add_parser("explain", help="the sentences that support a fact: SUBJECT PREDICATE OBJECT")
    x.add_argument("subject", help="label, CURIE (ripid:iran) or IRI")
    x.add_argument("predicate", help="backedBy, rip:backedBy, a label ('backed by') or an IRI")
    x.add_argument("object", help="label, CURIE or IRI (or a number for rip:killed and rip:wounded)")
    x.add_argument("--store", required=True)
    x.add_argument("--json", action="store_true", help="one JSON object per sentence")
    x.set_defaults(func=cmd_explain)

    w = sub.add_parser("serve", help="SPARQL 1.1 endpoint over the store (read-only unless --writable)")
    w.add_argument("--store", required=True)
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    w.add_argument("--port", type=int, default=7878)
    w.add_argument("--writable", action="store_true", help="allow SPARQL updates (refused with 403 otherwise)")
    w.add_argument("--timeout", type=float, default=30.0, help="time limit per query in seconds (default 30)")
    w.add_argument("--max-results", type=int, default=10000, help="most rows or triples one query may return (default 10000)")
    w.set_defaults(func=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (OSError, ValueError, SyntaxError) as error:
        # FileNotFoundError is an OSError: a missing store or query, a full disk
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        return 2


if __name__ == "__main__":
    sys.exit(main())
