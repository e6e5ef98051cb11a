"""``riposte serve``: the SPARQL 1.1 Protocol over the store, with Starlette and uvicorn.

Routes (``create_app`` builds them, ``serve`` runs them with uvicorn):

* ``/sparql`` — queries by ``GET ?query=``, ``POST`` form (``query=``) or ``POST``
  ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` set
  the dataset, otherwise the default graph is the union of all graphs.  Updates
  (``update=`` form field or ``application/sparql-update``) are refused with 403
  unless the app is writable; ``/update`` takes updates only.
* ``/api/explain?s=&p=&o=`` — the supporting sentences of a fact as JSON
  (:func:`builder.explain.explain`).
* ``/api/network`` — the entity/event network the page draws, as JSON
  (:func:`network_json`: :func:`builder.export.build_network` with the colours of
  the GEXF export); ``/api/prefixes`` — Riposte's prefixes, for shortening IRIs.
* ``/`` and ``/static/…`` (and ``/app.js`` etc., for relative links) — the
  browser page from ``builder/web`` when present;
  ``/vendor/NAME`` — a few whitelisted files from ``web/node_modules``.

Queries may use Riposte's prefixes (``rip:``, ``ripid:``, ``rdfs:``, ``skos:``,
``dcterms:``…) without declaring them.  Results come from pyoxigraph's own
serialisers, chosen by the ``Accept`` header
(or a ``format``/``output`` parameter): SELECT and ASK as SPARQL JSON (default),
XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default), N-Triples, N-Quads,
TriG, RDF/XML or JSON-LD.  RDF 1.2 triple terms (the reifiers' ``rdf:reifies``
objects) travel in every format except JSON-LD, which pyoxigraph cannot write
for them yet (406), and CSV, which flattens them to "s p o" text as it flattens
every term.

Status codes: 400 malformed request or query (the parser's message), 403 update
on a read-only endpoint or a query using SERVICE (pyoxigraph would fetch the
remote endpoint from this server), 404 unknown term in ``/api/explain``, 405 wrong method,
406 no acceptable result format, 415 unknown request content type, 500 result
larger than ``max_results`` rows or triples, 503 time limit passed.

Time limit, honestly: pyoxigraph releases the GIL while it evaluates, evaluates
lazily (rows come as the serialiser pulls them) and has no cancel call.  Each
query runs in a worker thread of a bounded pool; the client gets the 503 as soon
as the limit passes.  A streaming query stops there, since its serialiser writes
through a guard that raises once the deadline is past.  A query that is still
inside one pyoxigraph call (an ORDER BY, GROUP BY or COUNT over a large product,
a filter that rejects every row) cannot be stopped: its thread finishes in the
background and holds its pool slot meanwhile, so at most ``workers`` queries ever
run at once, and a query that waits for a slot past its own deadline gets the 503
without running.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import queue
import re
import socket
import threading
import time
import traceback
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as Kind
from typing import TypeVar
from urllib.parse import parse_qs

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    parse_query_results,
    serialize,
)
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .resources import resource_dir
from .vocab import PREFIXES

__all__ = [
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "GRAPH_FORMATS",
    "SOLUTION_FORMATS",
    "create_app",
    "negotiate",
    "serve",
    "serving",
    "uses_service",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_WORKERS = 4

WEB_DIR = Path(__file__).resolve().parent / "web"
#: ``/vendor/NAME`` -> file under ``web/node_modules`` (installed by ``make install``)
VENDOR_FILES: dict[str, str] = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
}

T = TypeVar("T")


# --------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class ResultFormat:
    """One way to write results: its media type, other names for it, pyoxigraph's writer."""

    name: str
    media_type: str
    writer: QueryResultsFormat | RdfFormat
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return self.writer.media_type  # pyoxigraph's, with "; charset=utf-8" for CSV and TSV

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


#: SELECT and ASK results, the default first.
SOLUTION_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("json", "application/sparql-results+json", QueryResultsFormat.JSON, ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ResultFormat("csv", "text/csv", QueryResultsFormat.CSV),
    ResultFormat("tsv", "text/tab-separated-values", QueryResultsFormat.TSV),
)
#: CONSTRUCT and DESCRIBE results, the default first.
GRAPH_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("turtle", "text/turtle", RdfFormat.TURTLE, ("application/x-turtle",)),
    ResultFormat("ntriples", "application/n-triples", RdfFormat.N_TRIPLES),
    ResultFormat("nquads", "application/n-quads", RdfFormat.N_QUADS),
    ResultFormat("trig", "application/trig", RdfFormat.TRIG),
    ResultFormat("rdfxml", "application/rdf+xml", RdfFormat.RDF_XML),
    ResultFormat("jsonld", "application/ld+json", RdfFormat.JSON_LD, ("application/json",)),
)
# other short names a ``format``/``output`` parameter may use, for each kind of result
# (SPARQLWrapper sends format=xml for RDF/XML and format=json for JSON-LD)
_SOLUTION_SYNONYMS: dict[str, str] = {}
_GRAPH_SYNONYMS = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld", "rdf": "rdfxml",
                   "xml": "rdfxml", "json": "jsonld"}


def _media_ranges(accept: str) -> list[tuple[str, str, float, int]]:
    """(type, subtype, q, position) for each range of an Accept header; bad q values count as 0."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        kind, _, sub = fields[0].lower().partition("/")
        if not kind or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub, q, position))
    return ranges


def negotiate(accept: str | None, formats: Sequence[ResultFormat]) -> ResultFormat | None:
    """The format the client prefers among ``formats``; None if it accepts none of them.

    Each format takes the q of the most specific range that matches it; the
    highest q wins, then the more specific match, then the client's order, then
    ours.  No header (or an empty one) means our default.

    >>> negotiate("text/csv, application/sparql-results+json;q=0.5", SOLUTION_FORMATS).name
    'csv'
    >>> negotiate("*/*", SOLUTION_FORMATS).name
    'json'
    >>> negotiate("text/turtle", SOLUTION_FORMATS) is None
    True
    """
    if not accept or not accept.strip():
        return formats[0]
    ranges = _media_ranges(accept)
    best: tuple[tuple[float, int, int, int], ResultFormat] | None = None
    for order, fmt in enumerate(formats):
        for name in fmt.names():
            matches = [
                (specificity, q, position)
                for kind, sub, q, position in ranges
                if (specificity := _specificity(kind, sub, name)) >= 0
            ]
            if not matches:
                continue
            specificity, q, position = max(matches)
            score = (q, specificity, -position, -order)
            if q > 0 and (best is None or score > best[0]):
                best = (score, fmt)
    return best[1] if best else None


def _specificity(kind: str, sub: str, media_type: str) -> int:
    """How closely the range ``kind/sub`` matches ``media_type``: 2 exactly, 1 ``type/*``, 0 ``*/*``, -1 not."""
    own_kind, _, own_sub = media_type.partition("/")
    if (kind, sub) == (own_kind, own_sub):
        return 2
    if kind == own_kind and sub == "*":
        return 1
    return 0 if (kind, sub) == ("*", "*") else -1


def _format_by_name(names: Sequence[str], formats: Sequence[ResultFormat], synonyms: dict[str, str]) -> ResultFormat | None:
    """The first of ``names`` (short names or media types) that names one of ``formats``."""
    for name in names:
        key = name.strip().lower()
        key = synonyms.get(key, key)
        for fmt in formats:
            if key == fmt.name or key in fmt.names():
                return fmt
    return None


def _offered(formats: Iterable[ResultFormat]) -> str:
    return ", ".join(f.media_type for f in formats)


# --------------------------------------------------------------------------- errors


class EndpointError(Exception):
    """An error answered to the client with ``status`` and a plain-text ``message``."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class QueryTimeout(EndpointError):
    status = 503


class ResultTooLarge(EndpointError):
    status = 500


class NotAcceptable(EndpointError):
    status = 406


class _Deadline:
    """The moment a query must be done by; ``check`` raises :class:`QueryTimeout` after it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() > self.at

    def check(self) -> None:
        if self.passed():
            raise QueryTimeout(self.message())

    def message(self) -> str:
        return (
            f"query timeout: the query ran longer than this endpoint's limit of {self.seconds:g} s "
            "(riposte serve --timeout); narrow it or add a LIMIT"
        )


def _too_large(limit: int, what: str) -> ResultTooLarge:
    return ResultTooLarge(
        f"result too large: the query gives more than {limit} {what}, this endpoint's limit "
        "(riposte serve --max-results); add a LIMIT or narrow the query"
    )


# --------------------------------------------------------------------------- evaluation (worker threads)


class _GuardedSink(io.RawIOBase):
    """Where pyoxigraph writes SELECT results as TSV: a header line, then one line per row.

    Each write checks the deadline and counts rows, raising once either limit is
    passed: pyoxigraph then stops evaluating and the exception comes out of its
    ``serialize`` call.  (TSV escapes line breaks inside literals, so lines are rows.)
    """

    def __init__(self, deadline: _Deadline, max_rows: int) -> None:
        super().__init__()
        self.deadline = deadline
        self.max_rows = max_rows
        self.lines = 0
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.deadline.check()
        data = bytes(chunk)
        self.lines += data.count(b"\n")
        if self.lines - 1 > self.max_rows:
            raise _too_large(self.max_rows, "rows")
        self.parts.append(data)
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


@dataclass(frozen=True)
class _Dataset:
    """The RDF dataset of a request: the union of all graphs unless the protocol names graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def query_options(self) -> dict[str, object]:
        if not self.default_graphs and not self.named_graphs:
            return {"use_default_graph_as_union": True}
        # as the protocol says: only the graphs named make the dataset
        return {
            "default_graph": [NamedNode(iri) for iri in self.default_graphs],
            "named_graphs": [NamedNode(iri) for iri in self.named_graphs],
        }


@dataclass(frozen=True)
class _Payload:
    body: bytes
    content_type: str


def _evaluate(
    store: Store,
    text: str,
    dataset: _Dataset,
    solution_format: ResultFormat | None,
    graph_format: ResultFormat | None,
    max_results: int,
    deadline: _Deadline,
) -> _Payload:
    """Run one query and serialise it; runs in a worker thread, start to end.

    pyoxigraph's result iterators must be used and dropped on the thread that
    made them, so everything from ``Store.query`` to the bytes happens here.
    """
    deadline.check()  # waited for a worker past the deadline: do not start
    result = store.query(text, prefixes=dict(PREFIXES), **dataset.query_options())
    deadline.check()  # a blocking operator (ORDER BY, aggregates) has run inside query()
    if isinstance(result, QueryBoolean):
        if solution_format is None:
            raise _not_acceptable("ASK", SOLUTION_FORMATS)
        return _Payload(result.serialize(format=solution_format.writer), solution_format.content_type)
    if isinstance(result, QuerySolutions):
        if solution_format is None:
            raise _not_acceptable("SELECT", SOLUTION_FORMATS)
        # TSV is one line per row, so counting lines counts rows; it is lossless, so
        # pyoxigraph's parser gives the very solutions back for the format asked for
        sink = _GuardedSink(deadline, max_results)
        result.serialize(output=sink, format=QueryResultsFormat.TSV)
        deadline.check()
        tsv = sink.getvalue()
        if solution_format.writer == QueryResultsFormat.TSV:
            return _Payload(tsv, solution_format.content_type)
        solutions = parse_query_results(tsv, QueryResultsFormat.TSV)
        return _Payload(solutions.serialize(format=solution_format.writer), solution_format.content_type)
    if graph_format is None:
        raise _not_acceptable("CONSTRUCT/DESCRIBE", GRAPH_FORMATS)
    triples = []
    for triple in result:  # lazy: each step evaluates a little more
        deadline.check()
        if len(triples) == max_results:
            raise _too_large(max_results, "triples")
        triples.append(triple)
    try:
        body = serialize(triples, format=graph_format.writer)
    except OSError as error:  # JSON-LD and RDF 1.2 triple terms
        raise NotAcceptable(
            f"not acceptable: {graph_format.media_type} cannot carry this result ({error}); "
            f"ask for one of {_offered(f for f in GRAPH_FORMATS if f is not graph_format)}"
        ) from None
    return _Payload(body, graph_format.content_type)


def _not_acceptable(form: str, formats: Sequence[ResultFormat]) -> NotAcceptable:
    return NotAcceptable(
        f"not acceptable: no format in the request's Accept header (or format parameter) fits a {form} result; "
        f"this endpoint gives {_offered(formats)}"
    )


def _update(store: Store, text: str, deadline: _Deadline) -> None:
    deadline.check()
    store.update(text, prefixes=dict(PREFIXES))


# --------------------------------------------------------------------------- the service


def _forget_frames(error: BaseException | None) -> None:
    """Clear the locals of every frame an exception (and its chain) holds.

    pyoxigraph's result iterators panic when dropped on a thread other than the
    one that made them; an exception carried to the event loop would otherwise
    keep them alive in its traceback's frames and drop them there.
    """
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


class _WorkerPool:
    """A fixed number of daemon threads running jobs in order of arrival.

    Unlike ``concurrent.futures.ThreadPoolExecutor``, whose threads the
    interpreter joins at exit, these do not hold up the server's shutdown (Ctrl-C)
    while a query pyoxigraph cannot stop is still running.
    """

    def __init__(self, size: int, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Future] | None] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{i}", daemon=True) for i in range(size)]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Callable[[], T]) -> Future:
        future: Future = Future()
        self._jobs.put((job, future))
        return future

    def shutdown(self) -> None:
        """Let each thread end once it is idle (jobs still queued are cancelled)."""
        while True:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[1].cancel()
        for _ in self._threads:
            self._jobs.put(None)

    def _work(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, future = item
            del item
            if not future.set_running_or_notify_cancel():
                continue  # the client gave up (its deadline passed) before a worker was free
            try:
                result = job()
            except BaseException as error:  # noqa: BLE001 (handed to the waiting request, as concurrent.futures does)
                _forget_frames(error)
                future.set_exception(error)
            else:
                future.set_result(result)
                del result
            del job, future


class _Service:
    """The store, the limits and the pool of worker threads queries run in."""

    def __init__(self, store: Store, *, writable: bool, timeout: float, max_results: int, workers: int) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        if max_results < 1:
            raise ValueError(f"max_results must be at least 1, got {max_results}")
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.store = store
        self.writable = writable
        self.timeout = timeout
        self.max_results = max_results
        self.pool = _WorkerPool(workers, "riposte-sparql")

    async def run(self, job: Callable[[_Deadline], T], *, update: bool = False) -> T:
        """Run ``job`` in a worker with this service's deadline; 503 when it passes."""
        deadline = _Deadline(self.timeout)
        future = self.pool.submit(lambda: job(deadline))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout=self.timeout)
        except asyncio.TimeoutError:
            started = not future.cancel()  # cancel() only stops a job still waiting for a worker
            if update:
                raise QueryTimeout(
                    f"update timeout: the update ran longer than this endpoint's limit of {self.timeout:g} s; "
                    + (
                        "it cannot be cancelled and is still running: it will be applied in full or not at all, "
                        "check the store before sending it again"
                        if started
                        else "it was not started"
                    )
                ) from None
            raise QueryTimeout(deadline.message()) from None

    async def query(self, text: str, dataset: _Dataset, solution: ResultFormat | None, graph: ResultFormat | None) -> _Payload:
        def job(deadline: _Deadline) -> _Payload:
            return _evaluate(self.store, text, dataset, solution, graph, self.max_results, deadline)

        return await self.run(job)

    async def update(self, text: str) -> None:
        def job(deadline: _Deadline) -> None:
            _update(self.store, text, deadline)

        await self.run(job, update=True)


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class _Operation:
    kind: Kind["query", "update"]
    text: str
    dataset: _Dataset
    formats: tuple[str, ...] = ()  # the values of ``format`` and ``output`` parameters, if any


_QUERY_TYPE = "application/sparql-query"
_UPDATE_TYPE = "application/sparql-update"
_FORM_TYPE = "application/x-www-form-urlencoded"
_USAGE = (
    "send a query as GET /sparql?query=..., as POST with Content-Type application/x-www-form-urlencoded "
    "(query=...), or as POST with Content-Type application/sparql-query"
)


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key, [])
    if len(values) > 1:
        raise EndpointError(f"bad request: the {key!r} parameter is given {len(values)} times, give it once")
    return values[0] if values else None


async def _read_operation(request: Request, *, updates_only: bool = False) -> _Operation:
    """The query or update a request carries, with its dataset and format parameters."""
    url_params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        url_params.setdefault(key, []).append(value)
    params = dict(url_params)
    body_text: str | None = None
    body_kind: str | None = None
    if request.method == "POST":
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        raw = await request.body()
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise EndpointError("bad request: the request body is not UTF-8") from None
        if media_type == _FORM_TYPE:
            for key, values in parse_qs(decoded, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media_type in (_QUERY_TYPE, _UPDATE_TYPE):
            body_text, body_kind = decoded, ("query" if media_type == _QUERY_TYPE else "update")
        else:
            raise EndpointError(
                f"unsupported media type {media_type or '(none)'!r}: POST {_FORM_TYPE}, {_QUERY_TYPE} or {_UPDATE_TYPE}",
                415,
            )
    query, update = _one(params, "query"), _one(params, "update")
    if body_kind == "query":
        if query is not None or update is not None:
            raise EndpointError("bad request: an application/sparql-query body takes no query or update parameter")
        query = body_text
    elif body_kind == "update":
        if query is not None or update is not None:
            raise EndpointError("bad request: an application/sparql-update body takes no query or update parameter")
        update = body_text
    if query is not None and update is not None:
        raise EndpointError("bad request: give a query or an update, not both")
    if update is not None:
        for key in ("using-graph-uri", "using-named-graph-uri"):
            if key in params:
                raise EndpointError(f"bad request: {key} is not supported; name the graphs in the update (USING, WITH, GRAPH)")
        return _Operation("update", update, _Dataset())
    if updates_only:
        raise EndpointError(
            f"bad request: /update takes SPARQL updates (POST {_FORM_TYPE} update=..., or {_UPDATE_TYPE}); "
            "send queries to /sparql"
        )
    if query is None:
        raise EndpointError(f"bad request: no query given; {_USAGE}")
    if not query.strip():
        raise EndpointError("bad request: the query is empty")
    try:
        dataset = _Dataset(
            tuple(str(NamedNode(iri).value) for iri in params.get("default-graph-uri", [])),
            tuple(str(NamedNode(iri).value) for iri in params.get("named-graph-uri", [])),
        )
    except ValueError as error:
        raise EndpointError(f"bad request: a graph IRI is not valid: {error}") from None
    return _Operation("query", query, dataset, tuple(params.get("format", []) + params.get("output", [])))


def _choose(op: _Operation, accept: str | None) -> tuple[ResultFormat | None, ResultFormat | None]:
    """The formats for a solutions result and for a graph result; 406 when neither is possible."""
    if op.formats:  # a format parameter wins over the Accept header
        solution = _format_by_name(op.formats, SOLUTION_FORMATS, _SOLUTION_SYNONYMS)
        graph = _format_by_name(op.formats, GRAPH_FORMATS, _GRAPH_SYNONYMS)
        if solution is None and graph is None:
            names = sorted({f.name for f in (*SOLUTION_FORMATS, *GRAPH_FORMATS)})
            raise NotAcceptable(
                f"not acceptable: unknown format {', '.join(map(repr, op.formats))}; use one of {', '.join(names)} or a media type"
            )
        return solution, graph
    solution, graph = negotiate(accept, SOLUTION_FORMATS), negotiate(accept, GRAPH_FORMATS)
    if solution is None and graph is None:
        raise NotAcceptable(
            f"not acceptable: this endpoint cannot answer in {accept!r}; it gives "
            f"{_offered(SOLUTION_FORMATS)} for SELECT and ASK, {_offered(GRAPH_FORMATS)} for CONSTRUCT and DESCRIBE"
        )
    return solution, graph


# What may hide the word SERVICE without it being the keyword: strings, IRIs, comments.
_NOT_KEYWORDS = re.compile(
    r"""
      "{3}(?:[^"\\]|\\.|"(?!""))*"{3}
    | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
    | "(?:[^"\\\n]|\\.)*"
    | '(?:[^'\\\n]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n]*
    """,
    re.VERBOSE,
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(text: str) -> bool:
    """Whether a query or update calls another endpoint (the SERVICE keyword, not the word).

    pyoxigraph evaluates ``SERVICE <url>`` by fetching ``url`` from this server,
    which would let anyone who reaches the endpoint make it send requests to
    hosts only it can reach; the endpoint refuses such queries.

    >>> uses_service("SELECT * { SERVICE <http://h/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?service ex:service "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", text)))


def _error_response(error: EndpointError) -> Response:
    return PlainTextResponse(error.message + "\n", status_code=error.status)


async def _sparql(request: Request, *, updates_only: bool = False) -> Response:
    service: _Service = request.app.state.service
    kind = "update" if updates_only else "query"
    try:
        op = await _read_operation(request, updates_only=updates_only)
        kind = op.kind
        if uses_service(op.text):
            raise EndpointError(
                "forbidden: SERVICE (federated query) is not allowed here: it would make this server "
                "send requests to other hosts",
                403,
            )
        if op.kind == "update":
            if not service.writable:
                raise EndpointError(
                    "forbidden: this endpoint is read-only, SPARQL updates are refused "
                    "(start it with riposte serve --writable to allow them)",
                    403,
                )
            if request.method != "POST":
                raise EndpointError("method not allowed: send SPARQL updates with POST", 405)
            await service.update(op.text)
            return Response(status_code=204)
        solution, graph = _choose(op, request.headers.get("accept"))
        payload = await service.query(op.text, op.dataset, solution, graph)
    except EndpointError as error:
        return _error_response(error)
    except SyntaxError as error:  # pyoxigraph's parser: "error at 1:9: expected ..."
        return PlainTextResponse(f"malformed {kind}: {error}\n", status_code=400)
    except (OSError, ValueError, RuntimeError) as error:  # what pyoxigraph raises while evaluating
        return PlainTextResponse(f"{kind} failed: {error}\n", status_code=500)
    return Response(payload.body, media_type=payload.content_type, headers={"Vary": "Accept"})


async def sparql_endpoint(request: Request) -> Response:
    """``/sparql``: queries (GET or POST) and, on a writable endpoint, updates (POST)."""
    return await _sparql(request)


async def update_endpoint(request: Request) -> Response:
    """``/update``: SPARQL updates only (POST)."""
    return await _sparql(request, updates_only=True)


async def explain_endpoint(request: Request) -> Response:
    """``/api/explain?s=&p=&o=``: the sentences that support a fact, as a JSON list."""
    from .explain import TermError, explain

    service: _Service = request.app.state.service
    names = {k: request.query_params.get(k) or None for k in ("s", "p", "o")}
    if not any(names.values()):
        return JSONResponse({"error": "give at least one of s, p, o (label, CURIE or IRI)"}, status_code=400)

    def job(deadline: _Deadline) -> list[dict[str, object]]:
        deadline.check()
        return explain(service.store, names["s"], names["p"], names["o"])

    try:
        rows = await service.run(job)
    except TermError as error:
        status = 400 if error.ambiguous else 404
        matches = [{"iri": iri, "label": label} for iri, label in error.matches]
        return JSONResponse({"error": error.message, "matches": matches}, status_code=status)
    except EndpointError as error:
        return JSONResponse({"error": error.message}, status_code=error.status)
    if len(rows) > service.max_results:
        return JSONResponse({"error": _too_large(service.max_results, "sentences").message}, status_code=500)
    return JSONResponse(rows)


# --------------------------------------------------------------------------- the page's data


#: Edge colour by relation on the page; node colours are export's NODE_PALETTE, so
#: that the page and Gephi agree.  Related relations get related hues: who did it
#: (reds and purples), what was hit (oranges and browns), where (blues), who
#: backs whom (greens).
RELATION_COLOURS: dict[str, str] = {
    "perpetrator": "#d62728",
    "claimed": "#e7298a",
    "attributedTo": "#9467bd",
    "attributedBy": "#c5b0d5",
    "denied": "#7f7f7f",
    "target": "#ff7f0e",
    "struck": "#8c564b",
    "retaliatedFor": "#111111",
    "location": "#4292c6",
    "locatedIn": "#9ecae1",
    "weapon": "#b8b8b8",
    "backedBy": "#1b9e77",
    "affiliatedWith": "#66a61e",
    "partOf": "#a6d854",
}
OTHER_RELATION_COLOUR = "#999999"
#: Relations drawn dashed: what someone says, rather than what the article states.
DASHED_RELATIONS = frozenset({"attributedTo", "attributedBy", "denied"})


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def network_json(store: Store) -> dict[str, object]:
    """The network of :func:`builder.export.build_network` as the page's JSON.

    ``nodes``: id (IRI), label, type (most specific rip: class, "" if none),
    colour (``#rrggbb``, the GEXF's), wikidata, articles, date and lastDate
    (earliest and latest ISO day, or None), killed, wounded, event (attacks,
    strikes and dated nodes), start and end (the dynamic export's bounds).
    ``edges``: id, source, target, relation (local name), predicate (IRI),
    colour, dashed, confidence, articles, start and end (ISO days of the events
    the edge comes from, or None).  ``types`` and ``relations`` are the legends,
    in palette order.
    """
    from .export import NODE_PALETTE, UNTYPED_COLOUR, build_network

    network = build_network(store)
    nodes = [
        {
            "id": node.iri,
            "label": node.label,
            "type": node.type,
            "colour": _hex(node.colour),
            "wikidata": node.wikidata,
            "articles": node.articles,
            "date": node.date or None,
            "lastDate": node.last_date or node.date or None,
            "killed": node.killed,
            "wounded": node.wounded,
            "event": node.type in ("Event", "Attack", "Strike") or bool(node.date),
            "start": node.start,
            "end": node.end,
        }
        for node in network.nodes
    ]
    edges = [
        {
            "id": f"e{number}",
            "source": edge.source,
            "target": edge.target,
            "relation": edge.relation,
            "predicate": PREFIXES["rip"] + edge.relation,
            "colour": RELATION_COLOURS.get(edge.relation, OTHER_RELATION_COLOUR),
            "dashed": edge.relation in DASHED_RELATIONS,
            "confidence": edge.confidence,
            "articles": edge.articles,
            "start": edge.start,
            "end": edge.end,
        }
        for number, edge in enumerate(network.edges)
    ]
    types = [{"type": cls.value.rsplit("#", 1)[-1], "colour": _hex(rgb)} for cls, rgb in NODE_PALETTE.items()]
    types.append({"type": "", "colour": _hex(UNTYPED_COLOUR)})
    relations = [{"relation": name, "colour": colour, "dashed": name in DASHED_RELATIONS}
                 for name, colour in RELATION_COLOURS.items()]
    return {"nodes": nodes, "edges": edges, "types": types, "relations": relations}


async def network_endpoint(request: Request) -> Response:
    """``/api/network``: the network the page draws (:func:`network_json`)."""
    service: _Service = request.app.state.service

    def job(deadline: _Deadline) -> dict[str, object]:
        deadline.check()
        return network_json(service.store)

    try:
        network = await service.run(job)
    except EndpointError as error:
        return JSONResponse({"error": error.message}, status_code=error.status)
    if len(network["edges"]) > service.max_results:  # type: ignore[arg-type]
        return JSONResponse({"error": _too_large(service.max_results, "edges").message}, status_code=500)
    return JSONResponse(network)


async def prefixes_endpoint(request: Request) -> Response:
    """``/api/prefixes``: prefix -> namespace, the ones queries may use undeclared."""
    return JSONResponse(dict(PREFIXES))


# --------------------------------------------------------------------------- the page and its vendored files


async def index(request: Request) -> Response:
    """``/``: the browser page when ``builder/web`` has one, otherwise what this server offers."""
    page = WEB_DIR / "index.html"
    if page.is_file():
        return FileResponse(page, media_type="text/html")
    return PlainTextResponse(
        "Riposte SPARQL endpoint.\n"
        "  /sparql       SPARQL 1.1 Protocol (GET ?query=, POST form or application/sparql-query)\n"
        "  /api/explain  ?s=&p=&o= : the sentences that support a fact (JSON)\n"
        "  /api/network  the entity/event network (JSON)\n"
        "The browser page is not installed (no builder/web/index.html).\n"
    )


def node_modules() -> Path:
    """``web/node_modules`` of the checkout (or a wheel's bundled copy); raises if not installed."""
    folder = resource_dir("web") / "node_modules"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is missing")
    return folder


async def vendor(request: Request) -> Response:
    """``/vendor/NAME``: one of :data:`VENDOR_FILES` from the npm packages."""
    name = request.path_params["name"]
    if name not in VENDOR_FILES:
        return PlainTextResponse(f"not found: no vendored file {name!r} (known: {', '.join(sorted(VENDOR_FILES))})\n", 404)
    try:
        path = node_modules() / VENDOR_FILES[name]
    except FileNotFoundError:
        path = None
    if path is None or not path.is_file():
        return PlainTextResponse(
            f"not found: {name} comes from the npm packages in web/node_modules, which are not installed; "
            "run `make install` (npm ci --prefix web)\n",
            404,
        )
    return FileResponse(path, media_type="text/javascript")


# --------------------------------------------------------------------------- app and server


def create_app(
    store_path_or_store: str | Path | Store,
    *,
    writable: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_results: int = DEFAULT_MAX_RESULTS,
    workers: int = DEFAULT_WORKERS,
) -> Starlette:
    """The ASGI app serving ``store_path_or_store`` (a ``Store``, or the folder of one built before).

    ``writable`` lets SPARQL updates through (refused with 403 otherwise);
    ``timeout`` is the per-query limit in seconds (503 past it); ``max_results``
    the most rows or triples one query may return (500 past it); ``workers`` the
    size of the pool queries run in.
    """
    if isinstance(store_path_or_store, Store):
        store = store_path_or_store
    else:
        from .store import open_existing

        store = open_existing(store_path_or_store)
    service = _Service(store, writable=writable, timeout=timeout, max_results=max_results, workers=workers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        # queries already running cannot be stopped: do not wait for them
        service.pool.shutdown()

    routes: list[Route | Mount] = [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/update", update_endpoint, methods=["POST"]),
        Route("/api/explain", explain_endpoint, methods=["GET"]),
        Route("/api/network", network_endpoint, methods=["GET"]),
        Route("/api/prefixes", prefixes_endpoint, methods=["GET"]),
        Route("/vendor/{name}", vendor, methods=["GET", "HEAD"]),
    ]
    if WEB_DIR.is_dir():
        routes.append(Mount("/static", app=StaticFiles(directory=WEB_DIR), name="static"))
        # last: the page's files at the top too, so that index.html may also name them relatively
        routes.append(Mount("/", app=StaticFiles(directory=WEB_DIR), name="page"))
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"]),
        ],
    )
    app.state.service = service
    app.state.store = store
    return app


def serve(
    store_path_or_store: str | Path | Store,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_results: int = DEFAULT_MAX_RESULTS,
    workers: int = DEFAULT_WORKERS,
    log_level: str = "info",
) -> None:
    """Serve the store over HTTP with uvicorn until interrupted (127.0.0.1 unless told otherwise)."""
    import uvicorn

    app = create_app(store_path_or_store, writable=writable, timeout=timeout, max_results=max_results, workers=workers)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


@contextlib.contextmanager
def serving(app: Starlette, *, host: str = DEFAULT_HOST, port: int = 0, log_level: str = "warning") -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread; yields its base URL (``http://host:port``).

    ``port=0`` takes a free port.  For tests, benchmarks and notebooks: the
    server stops when the ``with`` block ends.
    """
    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it each kept-alive response waits ~40 ms for a delayed ACK (Nagle)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="riposte-uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        bound = sock.getsockname()[1]
        yield f"http://{'[' + host + ']' if family == socket.AF_INET6 else host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
