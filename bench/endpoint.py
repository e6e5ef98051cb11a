"""What the HTTP endpoint costs: N sequential SELECTs through ``riposte serve`` vs on the store.

    python bench/endpoint.py [--store DIR] [--n 100]

Without ``--store`` the sample corpus is built into a temporary store first
(this needs the spaCy model).  The same query (``groups_backed_by`` for Iran,
with its variable bound in the text) is run ``n`` times each way, sequentially:

* direct: ``Store.query`` plus pyoxigraph's SPARQL JSON serialiser, in process;
* direct via ``builder.queries.run_query`` (Python rows, as the CLI does);
* HTTP: GET ``/sparql`` to a uvicorn server in a thread of this process, over one
  kept-alive connection (httpx, and the standard library's http.client) and
  with a new connection per query (urllib).

Prints the mean and median per query and queries per second for each.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(label: str, n: int, run: Callable[[], object]) -> dict[str, float]:
    run()  # warm up
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    total = sum(times)
    print(
        f"{label:<34} mean {1000 * total / n:7.3f} ms   median {1000 * statistics.median(times):7.3f} ms   "
        f"{n / total:8.1f} queries/s"
    )
    return {"mean": total / n}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an existing store (default: build the sample corpus into a temporary one)")
    parser.add_argument("--n", type=int, default=100, help="queries per way (default 100)")
    args = parser.parse_args()

    import httpx
    import pyoxigraph as ox

    from builder.queries import query_text, run_query
    from builder.serve import create_app, serving
    from builder.store import open_existing, open_store
    from builder.vocab import PREFIXES

    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            store = open_existing(args.store)
        else:
            from builder.pipeline import build
            from builder.resources import resource_dir

            store = open_store(Path(tmp) / "store")
            build([resource_dir("corpus")], store)
        # the bundled question with its parameter as a VALUES clause (ripid: is predeclared by the endpoint)
        query = query_text("groups_backed_by").replace("WHERE {", "WHERE {\n  VALUES ?backer { ripid:iran }", 1)
        rows = len(list(store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)))
        print(f"{len(store)} quads; the query gives {rows} row(s); {args.n} sequential queries each way\n")

        def direct() -> bytes:
            result = store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
            return result.serialize(format=ox.QueryResultsFormat.JSON)

        def python_rows() -> object:
            return run_query(store, "groups_backed_by", {"backer": "ripid:iran"}).records()

        figures = {"direct": timed("direct (Store.query + JSON)", args.n, direct)}
        timed("direct (run_query, Python rows)", args.n, python_rows)
        with serving(create_app(store)) as url:
            endpoint = url + "/sparql"
            with httpx.Client() as client:

                def kept_alive() -> bytes:
                    answer = client.get(endpoint, params={"query": query})
                    answer.raise_for_status()
                    return answer.content

                timed("HTTP GET, kept-alive (httpx)", args.n, kept_alive)
            host, port = url.removeprefix("http://").rsplit(":", 1)
            connection = http.client.HTTPConnection(host, int(port))
            target = "/sparql?" + urllib.parse.urlencode({"query": query})

            def stdlib_kept_alive() -> bytes:
                connection.request("GET", target)
                answer = connection.getresponse()
                body = answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"{answer.status}: {body!r}")
                return body

            figures["http"] = timed("HTTP GET, kept-alive (http.client)", args.n, stdlib_kept_alive)
            connection.close()
            address = endpoint + "?" + urllib.parse.urlencode({"query": query})

            def new_connection() -> bytes:
                with urllib.request.urlopen(address) as answer:
                    return answer.read()

            timed("HTTP GET, new connection (urllib)", args.n, new_connection)
        overhead = 1000 * (figures["http"]["mean"] - figures["direct"]["mean"])
        print(f"\nendpoint overhead per query (kept-alive, http.client): {overhead:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
