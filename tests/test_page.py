"""The page of ``riposte serve`` in a real browser: headless Chromium driven by Playwright.

Each test starts the real server (uvicorn in a thread, :func:`builder.serve.serving`)
and opens ``/`` in Debian's Chromium (``/usr/bin/chromium``, installed by ``make
test`` through ``make browser``; Playwright never downloads a browser here).  What
is checked is what the page shows: the elements cytoscape draws (read through
``window.riposte.cy``), the details panel after a real mouse click on the graph, the
SPARQL box's table and error message, and which events the date range leaves on
screen.  Expected values come from the same store read directly in Python.

Two stores: the sample corpus (the session's ``sample_store``: its articles carry no
publication date, so its events are undated) and a small dated store written here
quad by quad, the way ``builder.triples`` writes a build.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from builder.explain import explain, shorten
from builder.export import build_network
from builder.normalize import normalize_text
from builder.serve import create_app, serving
from builder.vocab import (
    DCTERMS,
    GAZETTEER_GRAPH,
    PREFIXES,
    RDF,
    RDFS,
    RIP,
    RIPID,
    SKOS,
    WD,
    XSD,
)

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("RIPOSTE_CHROMIUM", "/usr/bin/chromium"))
# Flags that work on a machine with no network but the package registries: without
# the background-networking ones Chromium's own connections get refused and stall it.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
SCREENSHOT = Path("/tmp/riposte-page.png")

MILITIAS = RIPID.base + "iran-backed-militias"
IRAN = RIPID.base + "iran"


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium; a missing browser or driver fails, with the command that installs it."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is not installed ({CHROMIUM} is missing): run `make test`, which installs "
            "Debian's chromium package (`make browser`), or set RIPOSTE_CHROMIUM to a Chromium binary",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is not installed: run `make test` (pip install -e '.[test]')", pytrace=False)
    with sync_playwright() as playwright:
        # a fresh temporary profile (--user-data-dir) is Playwright's own for each launch
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class Page:
    """One browser tab on the page of a running server, with the helpers the tests share."""

    def __init__(self, browser, url: str) -> None:
        self.url = url
        self.errors: list[str] = []
        self.expected_errors: list[str] = []  # console messages a test provokes on purpose
        self.outside: list[str] = []
        self.page = browser.new_page(viewport=VIEWPORT)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        # the page may load nothing but what our server serves
        self.page.on("request", lambda r: None if r.url.startswith((url, "data:")) else self.outside.append(r.url))

    def open(self) -> None:
        self.page.goto(self.url + "/")
        self.page.wait_for_selector("body[data-state=ready]", timeout=30_000)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def text(self, selector: str) -> str:
        return self.page.locator(selector).inner_text()

    def texts(self, selector: str) -> list[str]:
        return self.page.locator(selector).all_inner_texts()

    def facts(self, selector: str) -> dict[str, str]:
        """A <dl> of the details panel as {term: description}."""
        names = self.texts(f"{selector} dt")
        values = self.texts(f"{selector} dd")
        return {name.strip(): value.strip() for name, value in zip(names, values, strict=True)}

    def visible(self) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Node ids and (source, relation, target) of the edges drawn on screen now.

        Read after the next frame is drawn, and from each element's computed style:
        cytoscape computes style lazily and caches ``visible()``, so right after a
        class changes ``:visible`` can still give the old answer until something
        reads the new style (the renderer, at its next frame, or ``pstyle`` here).
        """
        nodes, edges = self.js(
            """async () => {
                await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                const cy = riposte.cy;
                cy.elements().forEach(e => e.pstyle('display'));
                return [
                    cy.nodes(':visible').map(n => n.id()),
                    cy.edges(':visible').map(e => [e.data('source'), e.data('relation'), e.data('target')]),
                ];
            }"""
        )
        return set(nodes), {tuple(edge) for edge in edges}

    def click_element(self, element_id: str) -> None:
        """A real mouse click on a node or edge, at a point where cytoscape finds that element.

        A node's centre, an edge's rendered midpoint; if another element lies on top
        there, a point a little off the centre, or further along the edge.
        """
        point = self.js(
            """(id) => {
                const cy = riposte.cy, el = cy.getElementById(id), r = cy.renderer();
                const zoom = cy.zoom(), pan = cy.pan();
                const model = [];
                if (el.isNode()) {
                    const p = el.position(), d = el.outerWidth() / 5;
                    model.push(p, {x: p.x + d, y: p.y + d}, {x: p.x - d, y: p.y - d});
                } else {
                    model.push(el.midpoint());
                    const s = el.sourceEndpoint(), t = el.targetEndpoint();
                    for (const f of [0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75])
                        model.push({x: s.x + (t.x - s.x) * f, y: s.y + (t.y - s.y) * f});
                }
                const box = cy.container().getBoundingClientRect();
                for (const p of model) {
                    // the mouse moves by whole pixels: test the point the click will really hit
                    const x = Math.round(box.left + p.x * zoom + pan.x), y = Math.round(box.top + p.y * zoom + pan.y);
                    const mx = (x - box.left - pan.x) / zoom, my = (y - box.top - pan.y) / zoom;
                    const hit = r.findNearestElement(mx, my, true, false);
                    if (hit && hit.id() === id) return {x, y};
                }
                return null;
            }""",
            element_id,
        )
        assert point is not None, f"no point of {element_id} is free to click"
        self.page.mouse.click(point["x"], point["y"])

    def close(self) -> None:
        assert [e for e in self.errors if e not in self.expected_errors] == [], self.errors
        assert self.outside == [], f"the page fetched from elsewhere: {self.outside}"
        self.page.close()


@pytest.fixture
def open_page(browser) -> Iterator:
    pages: list[Page] = []
    stack = []

    def start(store: ox.Store) -> Page:
        context = serving(create_app(store))
        url = context.__enter__()
        stack.append(context)
        page = Page(browser, url)
        pages.append(page)
        page.open()
        return page

    try:
        yield start
        for page in pages:
            page.close()
    finally:
        for context in reversed(stack):
            context.__exit__(None, None, None)


# --------------------------------------------------------------------------- the sample corpus


def edge_id(page: Page, source: str, relation: str, target: str) -> str:
    return page.js(
        "([s, p, o]) => riposte.cy.edges().filter(e => e.data('source') === s && e.data('relation') === p"
        " && e.data('target') === o).map(e => e.id())",
        [source, relation, target],
    )[0]


@pytest.mark.slow
def test_the_page_draws_the_whole_network_in_the_colours_of_the_gexf(open_page, sample_store):
    network = build_network(sample_store)
    page = open_page(sample_store)

    nodes, edges = page.visible()
    assert page.js("riposte.cy.nodes().length") == len(network.nodes) == len(nodes)
    assert page.js("riposte.cy.edges().length") == len(network.edges) == len(edges)
    assert nodes == {n.iri for n in network.nodes}
    assert edges == {(e.source, e.relation, e.target) for e in network.edges}
    assert page.text("#summary") == f"{len(network.nodes)} nodes, {len(network.edges)} edges"
    # the colour Gephi gets is the colour on screen
    drawn = page.js("Object.fromEntries(riposte.cy.nodes().map(n => [n.id(), n.style('background-color')]))")
    assert drawn == {n.iri: "rgb({},{},{})".format(*n.colour) for n in network.nodes}
    militias = page.js(f"riposte.cy.getElementById('{MILITIAS}').style('background-color')")
    assert militias == "rgb(214,39,40)"  # ArmedGroup
    # the legend: one entry per type and per relation present, with its count
    assert _legend_matches(page, network)
    # no date in the sample: the range is off and says why, every event stays
    assert page.js("['date-from', 'date-to'].map(id => document.getElementById(id).disabled)") == [True, True]
    events = [n for n in network.nodes if n.type in ("Attack", "Strike", "Event")]
    assert page.text("#date-note") == f"None of the {len(events)} events has a date (give the articles a publication date)."


def _legend_matches(page: Page, network) -> bool:
    from collections import Counter

    from builder.export import NODE_PALETTE

    types = Counter(n.type for n in network.nodes)
    relations = Counter(e.relation for e in network.edges)
    order = [cls.value.rsplit("#", 1)[-1] for cls in NODE_PALETTE]
    expected_types = [f"{t} {types[t]}" for t in order if t in types]
    shown_relations = sorted(page.texts("#legend-relations li"))
    return page.texts("#legend-types li") == expected_types and shown_relations == sorted(
        f"{r} {n}" for r, n in relations.items()
    )


@pytest.mark.slow
def test_clicking_an_edge_shows_its_evidence_sentences(open_page, sample_store):
    page = open_page(sample_store)
    backed = edge_id(page, MILITIAS, "backedBy", IRAN)
    page.click_element(backed)

    page.page.wait_for_selector("#evidence .sentence")
    assert page.js("riposte.cy.$(':selected').map(e => e.id())") == [backed]
    assert page.text("#details h2") == "Iran-backed militias — backedBy → Iran"
    assert page.facts("#edge-facts") == {
        "Relation": "backedBy",
        "From": "Iran-backed militias",
        "To": "Iran",
        "Confidence": "0.9",
        "Articles": "4",
    }
    expected = explain(sample_store, MILITIAS, RIP.backedBy.value, IRAN)
    sentences = page.texts("#evidence .sentence")
    assert sentences == [row["evidence"] for row in expected]
    assert sentences[0] == (
        "L'attaque de drone aurait été perpétrée par des groupes armés soutenus par l'Iran et opérant dans la région."
    )
    assert page.texts("#evidence .source .title") == [row["title"] for row in expected]
    assert page.texts("#evidence .source .date") == ["no date"] * len(expected)  # the samples carry none
    assert page.texts("#evidence .source .origin") == [row["source"] for row in expected]
    # each sentence is in its article: in the file, and at its offsets in the stored text
    for row in expected:
        assert row["evidence"] in normalize_text(Path(str(row["source"])).read_text(encoding="utf-8"))
        stored = next(iter(sample_store.quads_for_pattern(ox.NamedNode(str(row["article"])), RIP.text, None)))
        assert stored.object.value[row["start"] : row["end"]] == row["evidence"]


@pytest.mark.slow
def test_clicking_a_node_shows_its_type_wikidata_id_and_articles(open_page, sample_store):
    page = open_page(sample_store)
    page.click_element(IRAN)

    page.page.wait_for_selector("#node-facts")
    assert page.text("#details h2") == "Iran"
    assert page.facts("#node-facts") == {"Type": "State", "Wikidata": "Q794", "Articles": "5", "IRI": "ripid:iran"}
    assert page.page.locator("#node-facts a.wikidata").get_attribute("href") == "https://www.wikidata.org/wiki/Q794"
    network = build_network(sample_store)
    degree = sum(1 for e in network.edges if IRAN in (e.source, e.target))
    assert page.text("#details h3") == f"Connections ({degree})"
    # a connection is a button: it selects the edge and shows its evidence, without a mouse on the graph
    page.page.get_by_role("button", name="← backedBy of Iran-backed militias").click()
    page.page.wait_for_selector("#evidence .sentence")
    assert page.text("#details h2") == "Iran-backed militias — backedBy → Iran"
    assert page.js("riposte.cy.$(':selected').map(e => [e.data('source'), e.data('relation'), e.data('target')])") == [
        [MILITIAS, "backedBy", IRAN]
    ]
    # and a node is found by its name from the Find menu
    page.page.get_by_label("Find").select_option(label="Iran-backed militias (ArmedGroup)")
    page.page.wait_for_selector("#node-facts")
    assert page.text("#details h2") == "Iran-backed militias"
    assert page.js("riposte.cy.$(':selected').map(e => e.id())") == [MILITIAS]
    assert page.page.locator("#find option").count() == len(network.nodes) + 1


@pytest.mark.slow
def test_sparql_box_shows_the_results_as_a_table(open_page, sample_store):
    query = (
        "SELECT DISTINCT ?group ?backer ?label WHERE {\n"
        "  ?group rip:backedBy ?backer . ?backer rdfs:label ?label FILTER(LANG(?label) = \"en\")\n"
        "} ORDER BY ?group ?backer ?label"
    )
    page = open_page(sample_store)
    page.page.get_by_label("Query").fill(query)
    page.page.get_by_role("button", name="Run").click()
    page.page.wait_for_selector("#sparql-table")

    direct = sample_store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
    header = ["?" + v.value for v in direct.variables]
    rows = [[_shown(term) for term in row] for row in direct]
    assert page.texts("#sparql-table th") == header == ["?group", "?backer", "?label"]
    shown = [page.texts(f"#sparql-table tbody tr:nth-child({i + 1}) td") for i in range(len(rows))]
    assert page.page.locator("#sparql-table tbody tr").count() == len(rows) > 0
    assert shown == rows
    assert ["ripid:iran-backed-militias", "ripid:iran", "Iran@en"] in shown
    assert page.text("#sparql-status").startswith(f"{len(rows)} row{'s' if len(rows) != 1 else ''} (")
    # the full IRI is the cell's tooltip
    assert page.page.locator("#sparql-table tbody td").first.get_attribute("title").startswith(RIPID.base)
    # the page ran the query it says it ran: same answer straight from the endpoint
    answer = httpx.post(page.url + "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert len(answer.json()["results"]["bindings"]) == len(rows)

    # a CONSTRUCT comes back as Turtle, shown as text
    construct = "CONSTRUCT { ?group rip:backedBy ?backer } WHERE { ?group rip:backedBy ?backer }"
    page.page.get_by_label("Query").fill(construct)
    page.page.get_by_role("button", name="Run").click()
    page.page.wait_for_selector("#sparql-graph")
    turtle = httpx.post(page.url + "/sparql", data={"query": construct}, headers={"Accept": "text/turtle"})
    assert page.page.locator("#sparql-graph").text_content() == turtle.text
    assert turtle.text == f"<{MILITIAS}> <{RIP.backedBy.value}> <{IRAN}> .\n"
    assert page.page.locator("#sparql-table").count() == 0


def _shown(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    """A term as the SPARQL box writes it."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return f"{term.value}@{term.language}" if term.language else term.value


@pytest.mark.slow
def test_sparql_box_shows_the_endpoints_error(open_page, sample_store):
    page = open_page(sample_store)
    bad = "SELECT ?x WHERE { ?x rip:backedBy }"
    direct = httpx.post(page.url + "/sparql", data={"query": bad}, headers={"Accept": "application/sparql-results+json"})
    assert direct.status_code == 400 and direct.text.startswith("malformed query: error at 1:")

    page.expected_errors += [
        f"Failed to load resource: the server responded with a status of {status}"
        for status in ("400 (Bad Request)", "403 (Forbidden)")
    ]
    page.page.get_by_label("Query").fill(bad)
    page.page.get_by_role("button", name="Run").click()
    page.page.wait_for_selector("#sparql-status.error")
    assert page.text("#sparql-status") == "Error 400: " + direct.text.strip()
    assert page.page.locator("#sparql-result *").count() == 0
    # a query the endpoint refuses (403), then a good one clears the error
    page.page.get_by_label("Query").fill("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    page.page.get_by_role("button", name="Run").click()
    page.page.wait_for_function("document.getElementById('sparql-status').textContent.startsWith('Error 403')")
    assert page.text("#sparql-status") == (
        "Error 403: forbidden: SERVICE (federated query) is not allowed here: it would make this server "
        "send requests to other hosts"
    )
    page.page.get_by_label("Query").fill("ASK { ripid:iran-backed-militias rip:backedBy ripid:iran }")
    page.page.keyboard.press("Control+Enter")
    page.page.wait_for_selector("#sparql-boolean")
    assert (page.text("#sparql-boolean"), page.page.locator("#sparql-status.error").count()) == ("true", 0)


@pytest.mark.slow
def test_screenshot_of_the_sample_corpus(open_page, sample_store):
    """Not a check: the picture of the page a person would see, for the record (/tmp, not the repo)."""
    page = open_page(sample_store)
    page.click_element(edge_id(page, MILITIAS, "backedBy", IRAN))
    page.page.wait_for_selector("#evidence .sentence")
    page.page.get_by_role("button", name="Run").click()
    page.page.wait_for_selector("#sparql-table")
    page.page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000


# --------------------------------------------------------------------------- a dated store

SHA = ("a1" * 32, "b2" * 32)
ARTICLES = tuple(RIPID.term(f"article/{sha}") for sha in SHA)
TOWER = RIPID.base + "tower-22"
USA = RIPID.base + "united-states"
DRONE = RIPID.base + "weapon/drone"
ATTACK_1 = RIPID.base + "event/attack-jan-28"
STRIKE = RIPID.base + "event/strike-feb-02"
ATTACK_2 = RIPID.base + "event/attack-feb-10"
UNDATED = RIPID.base + "event/attack-undated"
TRICKY = 'Tour 22 <b>(Jordanie)</b> & "co"'  # text from the data is never HTML


def _day(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=XSD.date)


def dated_store() -> ox.Store:
    """An attack on 28 January, a strike answering it on 2 February (3 February for the
    second article), another attack on 10 February and one with no date."""
    N = ox.NamedNode
    first = [
        (N(ATTACK_1), RDF.type, RIP.Attack),
        (N(ATTACK_1), RDFS.label, ox.Literal("drone attack on Tower 22", language="en")),
        (N(ATTACK_1), RIP.date, _day("2024-01-28")),
        (N(ATTACK_1), RIP.perpetrator, N(MILITIAS)),
        (N(ATTACK_1), RIP.target, N(TOWER)),
        (N(ATTACK_1), RIP.weapon, N(DRONE)),
        (N(MILITIAS), RIP.struck, N(TOWER)),
        (N(MILITIAS), RIP.backedBy, N(IRAN)),
        (N(STRIKE), RDF.type, RIP.Strike),
        (N(STRIKE), RDFS.label, ox.Literal("strike by United States", language="en")),
        (N(STRIKE), RIP.date, _day("2024-02-02")),
        (N(STRIKE), RIP.perpetrator, N(USA)),
        (N(STRIKE), RIP.target, N(MILITIAS)),
        (N(STRIKE), RIP.retaliatedFor, N(ATTACK_1)),
        (N(USA), RIP.struck, N(MILITIAS)),
        (N(UNDATED), RDF.type, RIP.Attack),
        (N(UNDATED), RDFS.label, ox.Literal("attack on Tower 22", language="en")),
        (N(UNDATED), RIP.target, N(TOWER)),
    ]
    second = [
        (N(STRIKE), RIP.date, _day("2024-02-03")),
        (N(ATTACK_2), RDF.type, RIP.Attack),
        (N(ATTACK_2), RDFS.label, ox.Literal("rocket attack on Tower 22", language="en")),
        (N(ATTACK_2), RIP.date, _day("2024-02-10")),
        (N(ATTACK_2), RIP.perpetrator, N(MILITIAS)),
        (N(ATTACK_2), RIP.target, N(TOWER)),
        (N(MILITIAS), RIP.struck, N(TOWER)),
    ]
    background = [
        (N(MILITIAS), RDF.type, RIP.ArmedGroup),
        (N(MILITIAS), RDFS.label, ox.Literal("Iran-backed militias", language="en")),
        (N(IRAN), RDF.type, RIP.State),
        (N(IRAN), RDFS.label, ox.Literal("Iran", language="en")),
        (N(IRAN), SKOS.exactMatch, WD.term("Q794")),
        (N(USA), RDF.type, RIP.State),
        (N(USA), RDFS.label, ox.Literal("United States", language="en")),
        (N(TOWER), RDF.type, RIP.MilitaryBase),
        (N(TOWER), RDFS.label, ox.Literal(TRICKY, language="en")),
        (N(DRONE), RDF.type, RIP.Weapon),
        (N(DRONE), RDFS.label, ox.Literal("drone", language="en")),
    ]
    store = ox.Store()
    for graph, triples in ((ARTICLES[0], first), (ARTICLES[1], second), (GAZETTEER_GRAPH, background)):
        store.extend(ox.Quad(s, p, o, graph) for s, p, o in triples)
    for article, sha in zip(ARTICLES, SHA, strict=True):
        store.extend(
            [
                ox.Quad(article, RDF.type, RIP.Article),
                ox.Quad(article, RIP.sha256, ox.Literal(sha)),
                ox.Quad(article, DCTERMS.source, ox.Literal(f"dated/{sha[:2]}.txt")),
            ]
        )
    return store


def expected_on_screen(network, first: str, last: str, undated: bool) -> tuple[set[str], set[tuple[str, str, str]]]:
    """What the range [first, last] leaves: events whose days meet it (undated ones if asked),
    every entity, and the edges whose days meet it, between shown nodes."""
    events = {n.iri for n in network.nodes if n.type in ("Attack", "Strike", "Event")}
    nodes = set()
    for node in network.nodes:
        if node.iri not in events:
            nodes.add(node.iri)
        elif node.start is None:
            if undated:
                nodes.add(node.iri)
        elif node.start <= last and node.end >= first:
            nodes.add(node.iri)
    edges = {
        (e.source, e.relation, e.target)
        for e in network.edges
        if e.source in nodes and e.target in nodes and (e.start is None or (e.start <= last and e.end >= first))
    }
    return nodes, edges


def test_the_date_range_hides_the_events_outside_it(open_page):
    store = dated_store()
    network = build_network(store)
    assert {n.iri: (n.start, n.end) for n in network.nodes if n.iri.startswith(RIPID.base + "event/")} == {
        ATTACK_1: ("2024-01-28", "2024-01-28"),
        STRIKE: ("2024-02-02", "2024-02-03"),
        ATTACK_2: ("2024-02-10", "2024-02-10"),
        UNDATED: (None, None),
    }
    page = open_page(store)
    to, since = page.page.get_by_label("To", exact=True), page.page.get_by_label("From", exact=True)

    def keys(slider, key: str, times: int, shows: tuple[str, str]) -> None:
        """Press a key on a slider, as a person would, and wait for the page to show the range."""
        slider.focus()
        for _ in range(times):
            page.page.keyboard.press(key)
        # the slider's input event is handled in a task of its own: wait for it to be done
        page.page.wait_for_function(
            "([a, b]) => document.getElementById('date-from-value').textContent === a"
            " && document.getElementById('date-to-value').textContent === b",
            arg=list(shows),
        )

    def events_on_screen() -> set[str]:
        return {n for n in page.visible()[0] if "/event/" in n}

    # the whole range at first: every event
    assert (page.text("#date-from-value"), page.text("#date-to-value")) == ("2024-01-28", "2024-02-10")
    assert events_on_screen() == {ATTACK_1, STRIKE, ATTACK_2, UNDATED}
    assert page.visible() == expected_on_screen(network, "2024-01-28", "2024-02-10", True)
    assert page.text("#date-note") == (
        "3 dated events, 2024-01-28 to 2024-02-10; 1 undated. An event shows when its days meet the range."
    )

    # the keyboard moves the end of the range a day a step: back to 1 February
    keys(to, "ArrowLeft", 9, ("2024-01-28", "2024-02-01"))
    assert events_on_screen() == {ATTACK_1, UNDATED}
    assert page.visible() == expected_on_screen(network, "2024-01-28", "2024-02-01", True)
    nodes, edges = page.visible()
    assert (USA, "struck", MILITIAS) not in edges  # dated by the strike, which is hidden
    assert (STRIKE, "retaliatedFor", ATTACK_1) not in edges
    assert (MILITIAS, "struck", TOWER) in edges  # the attack of 28 January is shown
    assert (MILITIAS, "backedBy", IRAN) in edges  # no date: always there
    assert USA in nodes  # entities stay
    assert page.text("#summary") == (
        f"Showing {len(nodes)} of {len(network.nodes)} nodes, {len(edges)} of {len(network.edges)} edges"
    ) == "Showing 7 of 9 nodes, 6 of 12 edges"

    # 2 February: the strike's first day is in
    keys(to, "ArrowRight", 1, ("2024-01-28", "2024-02-02"))
    assert events_on_screen() == {ATTACK_1, STRIKE, UNDATED}
    assert page.visible() == expected_on_screen(network, "2024-01-28", "2024-02-02", True)

    # the start of the range to 3 February: the attack of 28 January leaves, the strike's
    # second day is still in; the start cannot pass the end, it pushes it along
    keys(since, "ArrowRight", 6, ("2024-02-03", "2024-02-03"))
    assert events_on_screen() == {STRIKE, UNDATED}
    assert page.visible() == expected_on_screen(network, "2024-02-03", "2024-02-03", True)
    keys(since, "ArrowRight", 1, ("2024-02-04", "2024-02-04"))
    assert events_on_screen() == {UNDATED}

    # undated events go with the checkbox, and their edges with them
    page.page.get_by_label("Show undated events").uncheck()
    assert events_on_screen() == set()
    assert page.visible() == expected_on_screen(network, "2024-02-04", "2024-02-04", False)
    # left: who backs whom (no date), and "struck", which spans its first to its last
    # attack (28 January to 10 February) as on Gephi's timeline
    assert page.visible()[1] == {(MILITIAS, "backedBy", IRAN), (MILITIAS, "struck", TOWER)}
    assert page.text("#summary") == "Showing 5 of 9 nodes, 2 of 12 edges"
    keys(since, "Home", 1, ("2024-01-28", "2024-02-04"))
    keys(to, "End", 1, ("2024-01-28", "2024-02-10"))
    assert events_on_screen() == {ATTACK_1, STRIKE, ATTACK_2}
    assert page.visible() == expected_on_screen(network, "2024-01-28", "2024-02-10", False)


def test_text_from_the_data_is_shown_as_text_never_as_html(open_page):
    store = dated_store()
    page = open_page(store)
    page.click_element(TOWER)
    page.page.wait_for_selector("#node-facts")
    assert page.text("#details h2") == TRICKY
    assert page.page.locator("#details b").count() == 0
    assert page.facts("#node-facts") == {
        "Type": "MilitaryBase",
        "Wikidata": "none",
        "Articles": "2",
        "IRI": "ripid:tower-22",
    }
    # an event's date span, with the two articles' days
    page.click_element(STRIKE)
    page.page.wait_for_selector("#node-facts")
    assert page.facts("#node-facts") == {
        "Type": "Strike",
        "Wikidata": "none",
        "Articles": "2",
        "Date": "2024-02-02 to 2024-02-03",
        "IRI": "ripid:event/strike-feb-02",
    }
    # an edge no sentence supports says so
    page.click_element(edge_id(page, MILITIAS, "backedBy", IRAN))
    page.page.wait_for_selector("#evidence:not([aria-busy]) p")
    assert page.text("#evidence") == "No supporting sentence is stored for this fact."


def test_api_network_is_the_export_network_with_its_colours():
    store = dated_store()
    network = build_network(store)
    with serving(create_app(store)) as url:
        answer = httpx.get(url + "/api/network")
        prefixes = httpx.get(url + "/api/prefixes").json()
    assert answer.status_code == 200
    body = answer.json()
    assert prefixes == dict(PREFIXES)
    assert [n["id"] for n in body["nodes"]] == [n.iri for n in network.nodes]
    by_id = {n["id"]: n for n in body["nodes"]}
    assert by_id[STRIKE] == {
        "id": STRIKE,
        "label": "strike by United States",
        "type": "Strike",
        "colour": "#a63603",
        "wikidata": "",
        "articles": 2,
        "date": "2024-02-02",
        "lastDate": "2024-02-03",
        "killed": None,
        "wounded": None,
        "event": True,
        "start": "2024-02-02",
        "end": "2024-02-03",
    }
    assert by_id[IRAN]["wikidata"] == "Q794" and by_id[IRAN]["event"] is False
    assert [(e["source"], e["relation"], e["target"]) for e in body["edges"]] == [
        (e.source, e.relation, e.target) for e in network.edges
    ]
    [backed] = [e for e in body["edges"] if e["relation"] == "backedBy"]
    assert backed == {
        "id": backed["id"],
        "source": MILITIAS,
        "target": IRAN,
        "relation": "backedBy",
        "predicate": RIP.backedBy.value,
        "colour": "#1b9e77",
        "dashed": False,
        "confidence": None,
        "articles": 1,
        "start": None,
        "end": None,
    }
    assert {t["type"]: t["colour"] for t in body["types"]}["ArmedGroup"] == "#d62728"
