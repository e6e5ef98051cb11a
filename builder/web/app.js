// Riposte's page: the graph (cytoscape), the details of what is clicked (with the
// evidence sentences from /api/explain), a date filter for events, and a SPARQL box.
// Plain JavaScript, no build step.  Text from the data is only ever put in the page
// with textContent / text nodes, never as HTML.
//
// window.riposte exposes the state for the console and the browser tests:
//   riposte.cy        the cytoscape instance
//   riposte.network   the JSON of /api/network
//   riposte.ready     a promise, resolved once the graph is drawn and laid out
"use strict";

(function () {
  const DAY_MS = 86400000;
  const EVENT_TYPES = new Set(["Event", "Attack", "Strike"]);

  const state = {
    cy: null,
    network: null,
    prefixes: {},
    firstDay: null, // day number (days since 1970-01-01) of the earliest event
    lastDay: null,
    explainRequest: 0,
    ready: null,
  };
  window.riposte = state;

  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------------ DOM helpers

  /** An element with attributes and children; strings become text nodes (never HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "style") Object.assign(node.style, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function swatch(colour, shape) {
    return el("span", { class: "swatch " + (shape || ""), style: { backgroundColor: colour }, "aria-hidden": "true" });
  }

  // ------------------------------------------------------------------ IRIs and dates

  /** rip:backedBy for https://w3id.org/riposte/ontology#backedBy (longest namespace wins). */
  function shorten(iri) {
    let best = null;
    for (const [prefix, base] of Object.entries(state.prefixes)) {
      if (iri.startsWith(base) && (best === null || base.length > state.prefixes[best].length)) best = prefix;
    }
    return best === null ? iri : best + ":" + iri.slice(state.prefixes[best].length);
  }

  /** Days since 1970-01-01 of an ISO day, or null for anything else. */
  function dayNumber(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS) : null;
  }

  function isoDay(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }

  function typeName(type) {
    return type || "(no type)";
  }

  // ------------------------------------------------------------------ fetching

  async function getJSON(url) {
    const answer = await fetch(url, { headers: { Accept: "application/json" } });
    const text = await answer.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch (error) {
      body = null;
    }
    if (!answer.ok) {
      const message = body && body.error ? body.error : text.trim();
      throw new Error(`${answer.status}: ${message}`);
    }
    return body;
  }

  // ------------------------------------------------------------------ the graph

  function elementsOf(network) {
    const degree = new Map();
    for (const edge of network.edges) {
      degree.set(edge.source, (degree.get(edge.source) || 0) + 1);
      degree.set(edge.target, (degree.get(edge.target) || 0) + 1);
    }
    const nodes = network.nodes.map((node) => ({
      group: "nodes",
      data: { ...node, degree: degree.get(node.id) || 0, size: 14 + 5 * Math.sqrt(degree.get(node.id) || 0) },
      classes: node.event ? "event" : "entity",
    }));
    const edges = network.edges.map((edge) => ({
      group: "edges",
      data: { ...edge, width: 1 + Math.min(edge.articles, 5) * 0.6 },
      classes: edge.dashed ? "dashed" : "",
    }));
    return nodes.concat(edges);
  }

  const STYLE = [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        width: "data(size)",
        height: "data(size)",
        label: "data(label)",
        "font-size": 17,
        "font-family": "system-ui, sans-serif",
        color: "#1a1a1a",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-wrap": "wrap",
        "text-max-width": 150,
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        "min-zoomed-font-size": 5,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    // round-diamond, not diamond: cytoscape 3.34's hit test of "diamond" misses every
    // point on the vertical through its centre, so a click there would not select it
    { selector: "node.event", style: { shape: "round-diamond", "font-size": 12, color: "#444444" } },
    {
      selector: "edge",
      style: {
        "line-color": "data(colour)",
        "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
        "curve-style": "bezier",
        width: "data(width)",
        opacity: 0.85,
        label: "data(relation)",
        "font-size": 8,
        "min-zoomed-font-size": 10,
        "text-rotation": "autorotate",
        color: "#333333",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 1,
      },
    },
    { selector: "edge.dashed", style: { "line-style": "dashed" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111111" } },
    {
      selector: "edge:selected",
      style: { width: 5, opacity: 1, "font-size": 11, "min-zoomed-font-size": 0, "z-index": 10 },
    },
    { selector: ".faded", style: { opacity: 0.25 } },
    { selector: ".filtered", style: { display: "none" } },
  ];

  function layoutOptions(name) {
    if (name === "concentric") {
      return {
        name: "concentric",
        animate: false,
        fit: true,
        padding: 30,
        concentric: (node) => node.data("degree"),
        levelWidth: () => 3,
        minNodeSpacing: 12,
      };
    }
    // Deterministic: cose starts from the grid positions set just before (randomize:
    // false), and it draws no random numbers of its own when no two nodes coincide.
    return {
      name: "cose",
      animate: false,
      randomize: false,
      fit: true,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 60,
      nodeRepulsion: () => 16000,
      edgeElasticity: () => 100,
      gravity: 0.4,
      componentSpacing: 50,
      numIter: 2500,
    };
  }

  /** Lay the graph out again; resolves when done. */
  function runLayout(name) {
    const cy = state.cy;
    if (name === "cose") {
      cy.layout({ name: "grid", animate: false, fit: false, avoidOverlap: true, sort: (a, b) => (a.id() < b.id() ? -1 : 1) }).run();
    }
    const layout = cy.layout(layoutOptions(name));
    const done = layout.promiseOn("layoutstop");
    layout.run();
    return done;
  }

  function drawGraph(network) {
    const cy = cytoscape({
      container: $("cy"),
      elements: elementsOf(network),
      style: STYLE,
      minZoom: 0.1,
      maxZoom: 4,
      selectionType: "single",
      boxSelectionEnabled: false,
    });
    state.cy = cy;
    cy.on("tap", "node", (event) => showNode(event.target));
    cy.on("tap", "edge", (event) => showEdge(event.target));
    cy.on("tap", (event) => {
      if (event.target === cy) showNothing();
    });
    return runLayout($("layout").value);
  }

  function highlight(elements) {
    const cy = state.cy;
    cy.batch(() => {
      cy.elements().removeClass("faded");
      if (elements) cy.elements().not(elements).addClass("faded");
    });
  }

  // ------------------------------------------------------------------ the date filter

  function setUpDates(network) {
    const days = [];
    for (const node of network.nodes) {
      if (!node.event) continue;
      const start = dayNumber(node.start);
      const end = dayNumber(node.end);
      if (start !== null) days.push(start);
      if (end !== null) days.push(end);
    }
    const from = $("date-from");
    const to = $("date-to");
    const undated = network.nodes.filter((n) => n.event && dayNumber(n.start) === null).length;
    const events = network.nodes.filter((n) => n.event).length;
    if (days.length === 0) {
      from.disabled = to.disabled = true;
      $("date-from-value").textContent = $("date-to-value").textContent = "—";
      $("date-note").textContent = events
        ? `None of the ${events} events has a date (give the articles a publication date).`
        : "No events.";
      return;
    }
    state.firstDay = Math.min(...days);
    state.lastDay = Math.max(...days);
    const span = state.lastDay - state.firstDay;
    for (const input of [from, to]) {
      input.min = "0";
      input.max = String(span);
      input.disabled = false;
    }
    from.value = "0";
    to.value = String(span);
    $("date-note").textContent =
      `${events - undated} dated events, ${isoDay(state.firstDay)} to ${isoDay(state.lastDay)}; ` +
      `${undated} undated. An event shows when its days meet the range.`;
  }

  /** The range [from, to] as day numbers; null when nothing is dated. */
  function dateRange() {
    if (state.firstDay === null) return null;
    const from = Number($("date-from").value);
    const to = Number($("date-to").value);
    return [state.firstDay + Math.min(from, to), state.firstDay + Math.max(from, to)];
  }

  function meets(start, end, range) {
    const first = dayNumber(start);
    const last = dayNumber(end) ?? first;
    if (first === null) return null; // undated
    return range === null || (first <= range[1] && last >= range[0]);
  }

  function applyFilter() {
    const cy = state.cy;
    const range = dateRange();
    const showUndated = $("show-undated").checked;
    if (range !== null) {
      $("date-from-value").textContent = isoDay(range[0]);
      $("date-to-value").textContent = isoDay(range[1]);
    }
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        let shown = true;
        if (node.data("event")) {
          const inRange = meets(node.data("start"), node.data("end"), range);
          shown = inRange === null ? showUndated : inRange;
        }
        node.toggleClass("filtered", !shown);
      });
      cy.edges().forEach((edge) => {
        // edges from events carry the event's days (struck: the days of its attacks);
        // edges with no days stay, and vanish with a hidden end
        const inRange = meets(edge.data("start"), edge.data("end"), range);
        edge.toggleClass("filtered", inRange === false);
      });
    });
    const selected = cy.$(":selected");
    if (selected.length && !shown(selected[0])) {
      selected.unselect();
      showNothing();
    }
    updateSummary();
  }

  /** Whether the filter leaves an element on screen (an edge needs both its ends). */
  function shown(ele) {
    if (ele.hasClass("filtered")) return false;
    return ele.isNode() || (!ele.source().hasClass("filtered") && !ele.target().hasClass("filtered"));
  }

  function updateSummary() {
    const cy = state.cy;
    const nodes = cy.nodes().filter(shown).length;
    const edges = cy.edges().filter(shown).length;
    const total = `${cy.nodes().length} nodes, ${cy.edges().length} edges`;
    $("summary").textContent =
      nodes === cy.nodes().length && edges === cy.edges().length
        ? total
        : `Showing ${nodes} of ${cy.nodes().length} nodes, ${edges} of ${cy.edges().length} edges`;
  }

  function constrain(moved) {
    // the two ends never cross: moving one past the other pushes it along
    const from = $("date-from");
    const to = $("date-to");
    if (Number(from.value) > Number(to.value)) {
      if (moved === from) to.value = from.value;
      else from.value = to.value;
    }
    applyFilter();
  }

  // ------------------------------------------------------------------ the details panel

  function field(name, ...value) {
    return [el("dt", {}, name), el("dd", {}, ...value)];
  }

  function nodeLabel(id) {
    const node = state.cy.getElementById(id);
    return node.nonempty() ? node.data("label") : shorten(id);
  }

  function showNothing() {
    highlight(null);
    const panel = $("details");
    clear(panel);
    panel.append(el("h2", { id: "details-heading" }, "Details"), el("p", { class: "hint" }, "Click a node or an arrow in the graph."));
  }

  function formatDays(first, last) {
    if (!first) return "undated";
    return last && last !== first ? `${first} to ${last}` : first;
  }

  function showNode(node) {
    const d = node.data();
    highlight(node.closedNeighborhood());
    const panel = $("details");
    clear(panel);
    const wikidata = d.wikidata
      ? el("a", { href: `https://www.wikidata.org/wiki/${encodeURIComponent(d.wikidata)}`, rel: "noopener noreferrer", target: "_blank", class: "wikidata" }, d.wikidata)
      : el("span", { class: "none" }, "none");
    const facts = [
      ...field("Type", swatch(d.colour, d.event ? "diamond" : ""), typeName(d.type)),
      ...field("Wikidata", wikidata),
      ...field("Articles", String(d.articles)),
    ];
    if (d.event) {
      facts.push(...field("Date", formatDays(d.date, d.lastDate)));
      if (d.killed !== null && d.killed !== undefined) facts.push(...field("Killed", String(d.killed)));
      if (d.wounded !== null && d.wounded !== undefined) facts.push(...field("Wounded", String(d.wounded)));
    }
    facts.push(...field("IRI", el("code", {}, shorten(d.id))));
    // by relation, then in the network's order
    const order = (edge) => [edge.data("relation"), Number(edge.id().slice(1))];
    const connections = node.connectedEdges().filter(shown).sort((a, b) => {
      const [ra, ia] = order(a);
      const [rb, ib] = order(b);
      return ra === rb ? ia - ib : ra < rb ? -1 : 1;
    });
    const items = connections.map((edge) => {
      const outgoing = edge.data("source") === d.id;
      const other = nodeLabel(outgoing ? edge.data("target") : edge.data("source"));
      const text = outgoing ? `${edge.data("relation")} → ${other}` : `← ${edge.data("relation")} of ${other}`;
      return el("li", {}, el("button", { type: "button", class: "link", onclick: () => selectEdge(edge) }, swatch(edge.data("colour")), text));
    });
    panel.append(
      el("h2", { id: "details-heading" }, d.label),
      el("dl", { class: "facts", id: "node-facts" }, facts),
      el("h3", {}, `Connections (${connections.length})`),
      el("ul", { class: "connections" }, items)
    );
  }

  function selectEdge(edge) {
    state.cy.$(":selected").unselect();
    edge.select();
    showEdge(edge);
  }

  function showEdge(edge) {
    const d = edge.data();
    highlight(edge.union(edge.connectedNodes()));
    const panel = $("details");
    clear(panel);
    const confidence = d.confidence === null || d.confidence === undefined ? "—" : String(d.confidence);
    const facts = [
      ...field("Relation", swatch(d.colour), d.relation),
      ...field("From", nodeLabel(d.source)),
      ...field("To", nodeLabel(d.target)),
      ...field("Confidence", confidence),
      ...field("Articles", String(d.articles)),
    ];
    if (d.start) facts.push(...field("Date", formatDays(d.start, d.end)));
    const evidence = el("div", { id: "evidence", "aria-busy": "true" }, el("p", { class: "hint" }, "Loading the evidence…"));
    panel.append(
      el("h2", { id: "details-heading" }, `${nodeLabel(d.source)} — ${d.relation} → ${nodeLabel(d.target)}`),
      el("dl", { class: "facts", id: "edge-facts" }, facts),
      el("h3", {}, "Evidence"),
      evidence
    );
    loadEvidence(d, evidence);
  }

  async function loadEvidence(d, box) {
    const request = ++state.explainRequest;
    const params = new URLSearchParams({ s: d.source, p: d.predicate, o: d.target });
    let rows;
    let failure = null;
    try {
      rows = await getJSON("/api/explain?" + params.toString());
    } catch (error) {
      failure = error.message;
    }
    if (request !== state.explainRequest) return; // another click came after this one
    clear(box);
    box.removeAttribute("aria-busy");
    if (failure !== null) {
      box.append(el("p", { class: "error" }, "Could not load the evidence: " + failure));
      return;
    }
    if (rows.length === 0) {
      box.append(
        el("p", { class: "hint" }, d.articles === 0
          ? "No sentence: this is background knowledge from the gazetteer, not something an article says."
          : "No supporting sentence is stored for this fact.")
      );
      return;
    }
    box.append(
      el("ol", { class: "evidence" }, rows.map((row) =>
        el("li", {},
          el("blockquote", { class: "sentence" }, row.evidence),
          el("p", { class: "source" },
            el("span", { class: "title" }, row.title || "(untitled article)"),
            " · ",
            el("span", { class: "date" }, row.date || "no date"),
            " · ",
            el("span", { class: "origin" }, row.source || ""),
            " · ",
            el("span", { class: "confidence" }, `confidence ${row.confidence}`)
          )
        )
      ))
    );
  }

  // ------------------------------------------------------------------ finding a node

  function fillFinder(network) {
    const select = $("find");
    const nodes = network.nodes.slice().sort((a, b) => a.label.localeCompare(b.label) || (a.id < b.id ? -1 : 1));
    for (const node of nodes) {
      select.append(el("option", { value: node.id }, `${node.label} (${typeName(node.type)})`));
    }
  }

  function findNode() {
    const id = $("find").value;
    const node = id ? state.cy.getElementById(id) : null;
    if (!node || node.empty()) return;
    state.cy.$(":selected").unselect();
    node.select();
    if (!shown(node)) {
      // hidden by the date filter: say so rather than pointing at nothing
      showNode(node);
      $("details").append(el("p", { class: "hint" }, "Hidden by the date filter."));
      return;
    }
    state.cy.center(node);
    showNode(node);
  }

  // ------------------------------------------------------------------ the legend

  function showLegend(network) {
    const typeCounts = new Map();
    for (const node of network.nodes) typeCounts.set(node.type, (typeCounts.get(node.type) || 0) + 1);
    const relationCounts = new Map();
    for (const edge of network.edges) relationCounts.set(edge.relation, (relationCounts.get(edge.relation) || 0) + 1);

    const types = $("legend-types");
    clear(types);
    for (const { type, colour } of network.types) {
      if (!typeCounts.has(type)) continue;
      types.append(el("li", {}, swatch(colour, EVENT_TYPES.has(type) ? "diamond" : ""), typeName(type), el("span", { class: "count" }, ` ${typeCounts.get(type)}`)));
    }
    const relations = $("legend-relations");
    clear(relations);
    const known = new Set(network.relations.map((r) => r.relation));
    const entries = network.relations.concat(
      [...relationCounts.keys()].filter((r) => !known.has(r)).map((relation) => ({ relation, colour: "#999999", dashed: false }))
    );
    for (const { relation, colour, dashed } of entries) {
      if (!relationCounts.has(relation)) continue;
      relations.append(el("li", {}, el("span", { class: "line" + (dashed ? " dashed" : ""), style: { borderTopColor: colour }, "aria-hidden": "true" }), relation, el("span", { class: "count" }, ` ${relationCounts.get(relation)}`)));
    }
  }

  // ------------------------------------------------------------------ SPARQL

  function termText(term) {
    if (!term) return "";
    switch (term.type) {
      case "uri":
        return shorten(term.value);
      case "bnode":
        return "_:" + term.value;
      case "triple": {
        const t = term.value;
        return `<<( ${termText(t.subject)} ${termText(t.predicate)} ${termText(t.object)} )>>`;
      }
      default: // literal
        return term["xml:lang"] ? `${term.value}@${term["xml:lang"]}` : term.value;
    }
  }

  function termTitle(term) {
    if (!term) return null;
    if (term.type === "uri") return term.value;
    if (term.type === "literal" && term.datatype) return shorten(term.datatype);
    return null;
  }

  function resultsTable(json) {
    const variables = json.head.vars || [];
    const rows = json.results.bindings;
    return el("table", { class: "results", id: "sparql-table" },
      el("thead", {}, el("tr", {}, variables.map((v) => el("th", { scope: "col" }, "?" + v)))),
      el("tbody", {}, rows.map((row) =>
        el("tr", {}, variables.map((v) => el("td", { title: termTitle(row[v]) }, termText(row[v]))))
      ))
    );
  }

  async function runSparql(event) {
    if (event) event.preventDefault();
    const query = $("sparql-query").value;
    const status = $("sparql-status");
    const result = $("sparql-result");
    const button = $("sparql-run");
    button.disabled = true;
    status.className = "";
    status.textContent = "Running…";
    clear(result);
    const started = performance.now();
    try {
      const answer = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.5",
        },
        body: new URLSearchParams({ query }).toString(),
      });
      const text = await answer.text();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!answer.ok) {
        status.className = "error";
        status.textContent = `Error ${answer.status}: ${text.trim()}`;
        return;
      }
      const type = (answer.headers.get("content-type") || "").split(";")[0].trim();
      if (type === "application/sparql-results+json") {
        const json = JSON.parse(text);
        if ("boolean" in json) {
          status.textContent = `ASK: ${json.boolean} (${seconds} s)`;
          result.append(el("p", { class: "boolean", id: "sparql-boolean" }, String(json.boolean)));
        } else {
          const count = json.results.bindings.length;
          status.textContent = `${count} row${count === 1 ? "" : "s"} (${seconds} s)`;
          result.append(resultsTable(json));
        }
      } else {
        status.textContent = `${type} (${seconds} s)`;
        result.append(el("pre", { class: "graph-result", id: "sparql-graph" }, text));
      }
    } catch (error) {
      status.className = "error";
      status.textContent = "The request failed: " + error.message;
    } finally {
      button.disabled = false;
    }
  }

  // ------------------------------------------------------------------ start

  async function start() {
    $("controls").addEventListener("submit", (event) => event.preventDefault());
    $("sparql-form").addEventListener("submit", runSparql);
    $("sparql-query").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runSparql(event);
    });
    $("date-from").addEventListener("input", () => constrain($("date-from")));
    $("date-to").addEventListener("input", () => constrain($("date-to")));
    $("show-undated").addEventListener("change", applyFilter);
    $("fit").addEventListener("click", () => state.cy && state.cy.fit(state.cy.elements(":visible"), 30));
    $("layout").addEventListener("change", () => state.cy && runLayout($("layout").value));
    $("find").addEventListener("change", () => state.cy && findNode());

    try {
      state.prefixes = await getJSON("/api/prefixes");
    } catch (error) {
      state.prefixes = {};
    }
    if (typeof cytoscape === "undefined") {
      $("summary").textContent = "The graph library is missing (/vendor/cytoscape.min.js): run `make install`.";
      $("summary").className = "error";
      document.body.dataset.state = "error";
      return;
    }
    let network;
    try {
      network = await getJSON("/api/network");
    } catch (error) {
      $("summary").textContent = "Could not load the graph: " + error.message;
      $("summary").className = "error";
      document.body.dataset.state = "error";
      return;
    }
    state.network = network;
    showLegend(network);
    fillFinder(network);
    setUpDates(network);
    await drawGraph(network);
    applyFilter();
    document.body.dataset.state = "ready";
  }

  state.ready = start();
})();
