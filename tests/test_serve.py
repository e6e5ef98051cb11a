"""``riposte serve``: the SPARQL 1.1 Protocol over a real uvicorn server.

Each server runs in a background thread of the test process over a Store object
(the on-disk sample store is locked by the process that opened it).  Answers
are compared with the same query run directly on the store, never hard-coded.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from xml.dom.minidom import Document

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed

from builder import serve as serve_module
from builder.explain import explain
from builder.queries import run_query
from builder.serve import WEB_DIR, create_app, serving
from builder.store import open_store
from builder.vocab import GAZETTEER_GRAPH, PREFIXES

RIP = PREFIXES["rip"]
RIPID = PREFIXES["ripid"]
HEAD = "PREFIX rip: <https://w3id.org/riposte/ontology#>\nPREFIX ripid: <https://w3id.org/riposte/id/>\n"
BACKED_BY_IRAN = HEAD + "SELECT DISTINCT ?group WHERE { ?group rip:backedBy ripid:iran } ORDER BY ?group"
BACKING_GRAPH = HEAD + "CONSTRUCT { ?group rip:backedBy ?backer } WHERE { ?group rip:backedBy ?backer }"
REIFIERS = HEAD + (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "CONSTRUCT { ?r rdf:reifies ?t ; rip:confidence ?c } WHERE { ?r rdf:reifies ?t ; rip:confidence ?c }"
)
SPARQL_JSON = "application/sparql-results+json"
EX = "http://example.org/"


def direct(store: ox.Store, query: str):
    """The query run on the store as the endpoint runs it: union default graph, project prefixes."""
    return store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)


def bindings(payload: dict) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in payload["results"]["bindings"]]


def syntax_error(query: str) -> str:
    try:
        ox.Store().query(query, prefixes=dict(PREFIXES))
    except SyntaxError as error:
        return str(error)
    raise AssertionError(f"{query!r} parses")


def as_rq(tmp_path: Path, query: str) -> Path:
    path = tmp_path / "q.rq"
    path.write_text(query, encoding="utf-8")
    return path


def filled_store(n: int) -> ox.Store:
    """An in-memory store of ``n`` triples with distinct string objects: products of it are slow."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i))) for i in range(n))
    return store


# --------------------------------------------------------------------------- the sample store over HTTP


@pytest.fixture(scope="module")
def endpoint(sample_store) -> Iterator[str]:
    with serving(create_app(sample_store)) as url:
        yield url + "/sparql"


@pytest.fixture(scope="module")
def base(endpoint: str) -> str:
    return endpoint.removesuffix("/sparql")


@pytest.fixture(scope="module")
def expected_groups(sample_store, tmp_path_factory) -> list[str]:
    """The groups backed by Iran: the endpoint's query, run through builder.queries on the store."""
    rows = run_query(sample_store, as_rq(tmp_path_factory.mktemp("rq"), BACKED_BY_IRAN)).records()
    groups = [row["group"] for row in rows]
    # the bundled question gives the same groups
    bundled = run_query(sample_store, "groups_backed_by", {"backer": "ripid:iran"}).records()
    assert sorted(groups) == sorted({row["group"] for row in bundled})
    assert RIPID + "iran-backed-militias" in groups
    return groups



@pytest.mark.slow
def test_sparqlwrapper_select_json(endpoint, expected_groups):
    client = SPARQLWrapper(endpoint)
    client.setQuery(BACKED_BY_IRAN)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert result["head"]["vars"] == ["group"]
    assert [row["group"] for row in bindings(result)] == expected_groups


@pytest.mark.slow
def test_sparqlwrapper_select_xml_by_post(endpoint, expected_groups):
    client = SPARQLWrapper(endpoint)
    client.setQuery(BACKED_BY_IRAN)
    client.setReturnFormat(XML)
    client.setMethod("POST")
    document = client.query().convert()
    assert isinstance(document, Document)
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == expected_groups


@pytest.mark.slow
def test_sparqlwrapper_ask(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    client.setQuery(HEAD + "ASK { ripid:iran-backed-militias rip:backedBy ripid:iran }")
    assert client.query().convert() == {"head": {}, "boolean": True}
    client.setQuery(HEAD + "ASK { ripid:iran rip:backedBy ripid:iran-backed-militias }")
    assert client.query().convert() == {"head": {}, "boolean": False}


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # SPARQLWrapper's rdflib use
def test_sparqlwrapper_construct(endpoint, sample_store):
    expected = set(direct(sample_store, BACKING_GRAPH))
    assert expected
    client = SPARQLWrapper(endpoint)
    client.setQuery(BACKING_GRAPH)
    # the default, RDF/XML, read back by rdflib
    graph = client.query().convert()
    assert {(str(s), str(p), str(o)) for s, p, o in graph} == {(t.subject.value, t.predicate.value, t.object.value) for t in expected}
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    assert {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)} == expected


@pytest.mark.slow
def test_sparqlwrapper_sees_errors(endpoint):
    client = SPARQLWrapper(endpoint)
    query = "SELECT ?x WHERE { ?x ?y }"
    client.setQuery(query)
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match=re.escape(f"malformed query: {syntax_error(query)}")):
        client.query()


@pytest.mark.slow
def test_get_and_both_posts_give_the_same_answer(endpoint, sample_store, expected_groups):
    expected = json.loads(direct(sample_store, BACKED_BY_IRAN).serialize(format=ox.QueryResultsFormat.JSON))
    answers = [
        httpx.get(endpoint, params={"query": BACKED_BY_IRAN}),
        httpx.post(endpoint, data={"query": BACKED_BY_IRAN}),
        httpx.post(endpoint, content=BACKED_BY_IRAN.encode("utf-8"), headers={"Content-Type": "application/sparql-query"}),
    ]
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == SPARQL_JSON
        assert answer.json() == expected
        assert [row["group"] for row in bindings(answer.json())] == expected_groups


@pytest.mark.slow
def test_default_graph_is_the_union_of_all_graphs(endpoint, sample_store):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answer = httpx.get(endpoint, params={"query": query})
    union = sum(1 for _ in sample_store.quads_for_pattern(None, None, None, None))
    assert int(bindings(answer.json())[0]["n"]) == union


@pytest.mark.slow
def test_protocol_dataset_parameters(endpoint, sample_store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    in_gazetteer = len(list(sample_store.quads_for_pattern(None, None, None, GAZETTEER_GRAPH)))
    answer = httpx.get(endpoint, params={"query": count, "default-graph-uri": GAZETTEER_GRAPH.value})
    assert int(bindings(answer.json())[0]["n"]) == in_gazetteer
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = httpx.post(endpoint, data={"query": graphs, "named-graph-uri": GAZETTEER_GRAPH.value})
    assert bindings(answer.json()) == [{"g": GAZETTEER_GRAPH.value}]
    bad = httpx.get(endpoint, params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400
    assert bad.text.startswith("bad request: a graph IRI is not valid")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("accept", "fmt", "content_type"),
    [
        ("text/csv", ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
        ("text/csv;q=0.4, application/sparql-results+json", ox.QueryResultsFormat.JSON, SPARQL_JSON),
    ],
)
def test_select_formats_by_accept(endpoint, sample_store, accept, fmt, content_type):
    query = HEAD + (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?group ?label ?evidence WHERE { GRAPH ?a { ?group rip:backedBy ripid:iran ; rdfs:label ?label . "
        "?r rip:evidence ?evidence } } ORDER BY ?group ?label ?evidence"
    )
    answer = httpx.get(endpoint, params={"query": query}, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == content_type
    assert answer.headers["vary"].startswith("Accept")
    assert answer.content == direct(sample_store, query).serialize(format=fmt)


@pytest.mark.slow
def test_csv_reads_back(endpoint, expected_groups):
    answer = httpx.get(endpoint, params={"query": BACKED_BY_IRAN, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [row["group"] for row in rows] == expected_groups


@pytest.mark.slow
def test_triple_terms_travel_in_turtle_ntriples_and_results(endpoint, sample_store):
    expected = set(direct(sample_store, REIFIERS))
    assert any(isinstance(t.object, ox.Triple) for t in expected)
    for accept, fmt in [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES)]:
        answer = httpx.get(endpoint, params={"query": REIFIERS}, headers={"Accept": accept})
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith(accept)
        assert {q.triple for q in ox.parse(answer.content, format=fmt)} == expected
    select = HEAD + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nSELECT ?t WHERE { ?r rdf:reifies ?t } LIMIT 1"
    answer = httpx.get(endpoint, params={"query": select})
    assert answer.json()["results"]["bindings"][0]["t"]["type"] == "triple"


@pytest.mark.slow
def test_json_ld(endpoint, sample_store):
    answer = httpx.get(endpoint, params={"query": BACKING_GRAPH}, headers={"Accept": "application/ld+json"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/ld+json"
    assert {q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.JSON_LD)} == set(direct(sample_store, BACKING_GRAPH))
    # pyoxigraph 0.5 cannot write RDF 1.2 triple terms as JSON-LD
    answer = httpx.get(endpoint, params={"query": REIFIERS}, headers={"Accept": "application/ld+json"})
    assert answer.status_code == 406
    assert answer.text == (
        "not acceptable: application/ld+json cannot carry this result (JSON-LD does not support RDF 1.2 yet); "
        "ask for one of text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml\n"
    )


@pytest.mark.slow
def test_not_acceptable(endpoint):
    answer = httpx.get(endpoint, params={"query": BACKED_BY_IRAN}, headers={"Accept": "text/turtle"})
    assert answer.status_code == 406
    assert answer.text == (
        "not acceptable: no format in the request's Accept header (or format parameter) fits a SELECT result; "
        "this endpoint gives application/sparql-results+json, application/sparql-results+xml, text/csv, "
        "text/tab-separated-values\n"
    )
    answer = httpx.get(endpoint, params={"query": BACKED_BY_IRAN}, headers={"Accept": "image/png, text/html;q=0.9"})
    assert answer.status_code == 406
    assert answer.text.startswith("not acceptable: this endpoint cannot answer in 'image/png, text/html;q=0.9'; it gives ")
    answer = httpx.get(endpoint, params={"query": BACKED_BY_IRAN, "format": "yaml"})
    assert answer.status_code == 406
    assert answer.text.startswith("not acceptable: unknown format 'yaml'; use one of csv, json, jsonld,")


@pytest.mark.slow
def test_syntax_error_is_400_with_the_parsers_message(endpoint):
    for query in ["SELECT ?x WHERE { ?x ?y }", "SELEC * WHERE { ?s ?p ?o }"]:
        answer = httpx.get(endpoint, params={"query": query})
        assert answer.status_code == 400
        assert answer.headers["content-type"] == "text/plain; charset=utf-8"
        assert answer.text == f"malformed query: {syntax_error(query)}\n"


@pytest.mark.slow
def test_bad_requests(endpoint):
    answer = httpx.get(endpoint)
    assert answer.status_code == 400
    assert answer.text.startswith("bad request: no query given; send a query as GET /sparql?query=")
    answer = httpx.post(endpoint, content=b"SELECT * {}", headers={"Content-Type": "text/plain"})
    assert answer.status_code == 415
    assert answer.text.startswith("unsupported media type 'text/plain'")
    answer = httpx.get(endpoint + "?query=ASK%7B%7D&query=ASK%7B%7D")
    assert answer.status_code == 400
    assert answer.text == "bad request: the 'query' parameter is given 2 times, give it once\n"
    assert httpx.put(endpoint, content=b"").status_code == 405


@pytest.mark.slow
def test_updates_are_refused_when_read_only(endpoint, base, sample_store):
    before = len(sample_store)
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    refused = (
        "forbidden: this endpoint is read-only, SPARQL updates are refused "
        "(start it with riposte serve --writable to allow them)\n"
    )
    answers = [
        httpx.post(endpoint, data={"update": update}),
        httpx.post(endpoint, content=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        httpx.post(base + "/update", data={"update": update}),
        httpx.get(endpoint, params={"update": update}),
    ]
    for answer in answers:
        assert answer.status_code == 403
        assert answer.text == refused
    assert len(sample_store) == before


@pytest.mark.slow
def test_federated_queries_are_refused(endpoint, base):
    # pyoxigraph would fetch the SERVICE endpoint from the server: here, the server itself
    query = f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
    refused = (
        "forbidden: SERVICE (federated query) is not allowed here: it would make this server "
        "send requests to other hosts\n"
    )
    for answer in [
        httpx.get(endpoint, params={"query": query}),
        httpx.post(endpoint, content=query.encode(), headers={"Content-Type": "application/sparql-query"}),
        httpx.get(endpoint, params={"query": query.replace("SERVICE", "service silent")}),
    ]:
        assert (answer.status_code, answer.text) == (403, refused)
    # the word is fine in strings, IRIs, comments and names
    harmless = (
        'SELECT ?service WHERE { ?r rip:evidence ?service FILTER(CONTAINS(?service, "service en ligne")) } '
        "# not a SERVICE call"
    )
    answer = httpx.get(endpoint, params={"query": harmless})
    assert answer.status_code == 200
    assert any("service en ligne" in row["service"] for row in bindings(answer.json()))


@pytest.mark.slow
def test_cors(endpoint):
    answer = httpx.get(endpoint, params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert answer.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(
        endpoint,
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.slow
def test_explain_api(base, sample_store):
    answer = httpx.get(base + "/api/explain", params={"s": "iran-backed militias", "p": "backedBy", "o": "ripid:iran"})
    assert answer.status_code == 200
    rows = answer.json()
    assert rows == explain(sample_store, "iran-backed militias", "backedBy", "ripid:iran")
    assert rows and {row["predicate"] for row in rows} == {RIP + "backedBy"}
    unknown = httpx.get(base + "/api/explain", params={"s": "militias", "p": "backedBy", "o": "iran"})
    assert unknown.status_code == 404
    assert unknown.json()["error"].startswith("no subject labelled 'militias' (close matches: ")
    assert RIPID + "iran-backed-militias" in [m["iri"] for m in unknown.json()["matches"]]
    assert httpx.get(base + "/api/explain").status_code == 400


@pytest.mark.slow
def test_result_size_limit(sample_store):
    with serving(create_app(sample_store, max_results=5)) as url:
        at_limit = httpx.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
        assert at_limit.status_code == 200
        assert len(bindings(at_limit.json())) == 5
        for query, what in [
            ("SELECT * WHERE { ?s ?p ?o }", "rows"),
            ("CONSTRUCT WHERE { ?s ?p ?o }", "triples"),
        ]:
            answer = httpx.get(url + "/sparql", params={"query": query})
            assert answer.status_code == 500
            assert answer.text == (
                f"result too large: the query gives more than 5 {what}, this endpoint's limit "
                "(riposte serve --max-results); add a LIMIT or narrow the query\n"
            )


# --------------------------------------------------------------------------- in-memory stores (no spaCy)


def test_updates_run_when_writable():
    store = open_store(None)
    before = len(store)
    with serving(create_app(store, writable=True)) as url:
        insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> rip:backedBy <http://example.org/b> } }"
        answer = httpx.post(url + "/sparql", data={"update": insert})
        assert answer.status_code == 204, answer.text
        ask = "ASK { <http://example.org/a> rip:backedBy <http://example.org/b> }"
        assert httpx.get(url + "/sparql", params={"query": ask}).json()["boolean"] is True
        delete = "DELETE DATA { GRAPH <http://example.org/g> { <http://example.org/a> rip:backedBy <http://example.org/b> } }"
        answer = httpx.post(url + "/update", content=delete.encode(), headers={"Content-Type": "application/sparql-update"})
        assert answer.status_code == 204
        assert httpx.get(url + "/sparql", params={"query": ask}).json()["boolean"] is False
        # an update must be POSTed, a malformed one says why, and /update takes no queries
        answer = httpx.get(url + "/sparql", params={"update": insert})
        assert (answer.status_code, answer.text) == (405, "method not allowed: send SPARQL updates with POST\n")
        answer = httpx.post(url + "/update", data={"update": "INSERT DATA { <a:b> <a:c> }"})
        assert answer.status_code == 400
        assert answer.text.startswith("malformed update: error at ")
        answer = httpx.post(url + "/update", data={"query": ask})
        assert answer.status_code == 400
        assert answer.text.startswith("bad request: /update takes SPARQL updates")
    assert len(store) == before


@pytest.fixture(scope="module")
def slow_store() -> ox.Store:
    return filled_store(3000)


# a COUNT has to see the whole product before its one row: it runs inside one pyoxigraph call
BLOCKING = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . FILTER(STR(?x) < STR(?y)) }'
# rows come as the serialiser pulls them: the deadline is checked between writes
STREAMING = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
TIMEOUT_TEXT = (
    "query timeout: the query ran longer than this endpoint's limit of 0.3 s "
    "(riposte serve --timeout); narrow it or add a LIMIT\n"
)


def wait_until_free(url: str, limit: float = 60.0) -> None:
    """Wait for the worker still busy with an abandoned query."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if httpx.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 200:
            return
    raise AssertionError("the worker never came free")


def test_timeout_of_a_streaming_query_stops_it(slow_store):
    with serving(create_app(slow_store, timeout=0.3, max_results=10**9, workers=1)) as url:
        start = time.monotonic()
        answer = httpx.get(url + "/sparql", params={"query": STREAMING}, timeout=30)
        elapsed = time.monotonic() - start
        assert (answer.status_code, answer.text) == (503, TIMEOUT_TEXT)
        assert elapsed < 2.0
        # the only worker is free at once: the query really stopped
        quick = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert (quick.status_code, quick.json()["boolean"]) == (200, True)


def test_timeout_of_a_blocking_query_answers_at_once_but_cannot_stop_it(slow_store):
    start = time.monotonic()
    direct(slow_store, BLOCKING)  # how long the query takes
    takes = time.monotonic() - start
    assert takes > 1.0, "the test store is too small to be slow on this machine"
    with serving(create_app(slow_store, timeout=0.3, workers=1)) as url:
        start = time.monotonic()
        answer = httpx.get(url + "/sparql", params={"query": BLOCKING}, timeout=60)
        elapsed = time.monotonic() - start
        assert (answer.status_code, answer.text) == (503, TIMEOUT_TEXT)
        assert elapsed < takes / 2
        # the abandoned query still holds the only worker: the next one cannot start in time
        queued = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert (queued.status_code, queued.text) == (503, TIMEOUT_TEXT)
        wait_until_free(url)


def test_an_update_past_the_time_limit_is_still_applied_whole():
    store = filled_store(2000)
    before = len(store)
    slow_insert = (
        "INSERT { ?a <http://example.org/same> ?b } WHERE { ?a ?p ?x . ?b ?q ?y . FILTER(STR(?x) = STR(?y)) }"
    )
    with serving(create_app(store, writable=True, timeout=0.1, workers=1)) as url:
        answer = httpx.post(url + "/update", data={"update": slow_insert}, timeout=60)
        assert answer.status_code == 503
        assert answer.text == (
            "update timeout: the update ran longer than this endpoint's limit of 0.1 s; it cannot be cancelled "
            "and is still running: it will be applied in full or not at all, check the store before sending it again\n"
        )
        wait_until_free(url)
    assert len(store) == 2 * before  # one <same> triple per subject: the whole update, once


# --------------------------------------------------------------------------- the page routes


def test_index_and_vendor_files(monkeypatch):
    with serving(create_app(open_store(None))) as url:
        index = httpx.get(url + "/")
        assert index.status_code == 200
        if (WEB_DIR / "index.html").is_file():
            assert index.content == (WEB_DIR / "index.html").read_bytes()
            assert index.headers["content-type"].startswith("text/html")
        else:
            assert index.text.startswith("Riposte SPARQL endpoint.\n")
        unknown = httpx.get(url + "/vendor/jquery.js")
        assert unknown.status_code == 404
        assert unknown.text == "not found: no vendored file 'jquery.js' (known: cytoscape.min.js)\n"
        try:
            installed = serve_module.node_modules() / serve_module.VENDOR_FILES["cytoscape.min.js"]
        except FileNotFoundError:
            installed = None
        answer = httpx.get(url + "/vendor/cytoscape.min.js")
        if installed is not None and installed.is_file():
            assert answer.status_code == 200
            assert answer.content == installed.read_bytes()
            assert answer.headers["content-type"].startswith("text/javascript")

        def missing() -> Path:
            raise FileNotFoundError("no web/node_modules")

        monkeypatch.setattr(serve_module, "node_modules", missing)
        answer = httpx.get(url + "/vendor/cytoscape.min.js")
        assert answer.status_code == 404
        assert "run `make install`" in answer.text


def test_the_page_is_served_from_builder_web(tmp_path, monkeypatch):
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><title>Riposte</title><script src='/static/app.js'></script>")
    (web / "app.js").write_text("console.log('riposte');\n")
    monkeypatch.setattr(serve_module, "WEB_DIR", web)
    with serving(create_app(open_store(None))) as url:
        index = httpx.get(url + "/")
        assert (index.status_code, index.text) == (200, (web / "index.html").read_text())
        assert index.headers["content-type"].startswith("text/html")
        for path in ["/static/app.js", "/app.js"]:
            script = httpx.get(url + path)
            assert (script.status_code, script.text) == (200, "console.log('riposte');\n")
        assert httpx.get(url + "/static/nothing.js").status_code == 404
        # the endpoint's own routes come first
        assert httpx.get(url + "/sparql", params={"query": "ASK {}"}).json() == {"head": {}, "boolean": True}


def test_bad_limits_are_refused():
    with pytest.raises(ValueError, match="timeout must be positive"):
        create_app(open_store(None), timeout=0)
    with pytest.raises(ValueError, match="max_results must be at least 1"):
        create_app(open_store(None), max_results=0)


def test_unknown_store_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no Riposte store at"):
        create_app(tmp_path / "nothing")


# EndPointInternalError is what SPARQLWrapper raises for a 500: the size limit reaches it too
@pytest.mark.slow
def test_sparqlwrapper_sees_the_size_limit(sample_store):
    with serving(create_app(sample_store, max_results=3)) as url:
        client = SPARQLWrapper(url + "/sparql")
        client.setQuery("SELECT * WHERE { ?s ?p ?o }")
        client.setReturnFormat(JSON)
        with pytest.raises(EndPointInternalError, match="result too large: the query gives more than 3 rows"):
            client.query()
