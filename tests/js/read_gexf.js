'use strict';
/*
 * Reads a GEXF file the way a web page would, with graphology and graphology-gexf,
 * and prints what was read as one JSON object on stdout (tests/test_export.py).
 *
 *   node tests/js/read_gexf.js FILE.gexf
 *
 * The packages are the ones `make install` puts in web/node_modules (npm ci --prefix
 * web); they are resolved from web/, wherever this is run from.  graphology-gexf's
 * node entry brings its own DOMParser (@xmldom/xmldom).
 *
 * graphology-gexf 0.13 reads nodes, edges, declared attributes, labels, weights, kinds
 * and viz colours, but not the dynamic part of a file (start/end, spells, graph mode):
 * `graphologyTime` says whether any node or edge attribute named start or end came
 * through it.  The time bounds are read from the same text with @xmldom/xmldom, as a
 * page that wants a timeline would have to.
 *
 * Exit codes: 0 read, 2 usage, 3 packages missing (run `make install`), 1 anything else.
 */
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const WEB = path.resolve(__dirname, '..', '..', 'web');
const requireFromWeb = createRequire(path.join(WEB, 'package.json'));

function load(name) {
  try {
    return requireFromWeb(name);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') {
      process.stderr.write(
        `cannot load ${name} from ${path.join(WEB, 'node_modules')}: run \`make install\` (npm ci --prefix web)\n`
      );
      process.exit(3);
    }
    throw error;
  }
}

const Graph = load('graphology');
const gexf = load('graphology-gexf');
const { DOMParser } = load('@xmldom/xmldom');

function sortedKeys(objects) {
  const names = new Set();
  for (const attributes of objects) for (const name of Object.keys(attributes)) names.add(name);
  return [...names].sort();
}

// id -> [start, end] (null when absent) for the elements that have a bound
function bounds(elements) {
  const found = {};
  for (const element of Array.from(elements)) {
    const start = element.getAttribute('start') || null;
    const end = element.getAttribute('end') || null;
    if (start !== null || end !== null) found[element.getAttribute('id')] = [start, end];
  }
  return found;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node tests/js/read_gexf.js FILE.gexf\n');
    return 2;
  }
  const text = fs.readFileSync(argv[0], 'utf8');
  const graph = gexf.parse(Graph, text);

  const nodeAttributes = graph.mapNodes((key, attributes) => attributes);
  const edgeAttributes = graph.mapEdges((key, attributes) => attributes);

  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const graphElement = doc.getElementsByTagName('graph')[0];
  const nodeBounds = bounds(doc.getElementsByTagName('node'));
  const edgeBounds = bounds(doc.getElementsByTagName('edge'));
  const days = [];
  for (const pair of [...Object.values(nodeBounds), ...Object.values(edgeBounds)]) {
    for (const day of pair) if (day !== null) days.push(day);
  }
  days.sort();

  const result = {
    nodes: graph.order,
    edges: graph.size,
    type: graph.type,
    multi: graph.multi,
    nodeAttributes: sortedKeys(nodeAttributes),
    edgeAttributes: sortedKeys(edgeAttributes),
    graphologyTime: [...nodeAttributes, ...edgeAttributes].some((a) => 'start' in a || 'end' in a),
    time: {
      mode: graphElement.getAttribute('mode') || null,
      timeformat: graphElement.getAttribute('timeformat') || null,
      timerepresentation: graphElement.getAttribute('timerepresentation') || null,
      min: days.length ? days[0] : null,
      max: days.length ? days[days.length - 1] : null,
      nodes: nodeBounds,
      edges: edgeBounds,
    },
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
