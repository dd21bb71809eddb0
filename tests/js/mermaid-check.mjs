// Parse Mermaid texts with Mermaid's own parser and print what it read, for the Python tests.
//
//   node mermaid-check.mjs < texts.json      a JSON list of diagram texts on stdin
//   node mermaid-check.mjs a.mmd b.mmd       or diagram files
//
// Prints one JSON line per diagram, in order: either {"error": message} or
//   {"type", "config", "title", "vertices": [{id, classes, shape, label, elements}],
//    "edges": [{start, end, type, stroke, text, style}], "subgraphs": [{id, title, nodes}],
//    "classDefs": {name: [style, ...]}}
// `label` is a label as a browser would show it: Mermaid's entity codes decoded, each <br> a
// line break; `elements` lists the HTML elements the label holds (only BR is expected).
// One process checks many diagrams: loading Mermaid takes about a second.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { JSDOM } from 'jsdom';

// Mermaid sanitises labels with DOMPurify, which needs a window, even just to parse.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

// The front matter's title is read by Mermaid (js-yaml, JSON schema) but not kept by the parser's
// result, so it is read here the same way, with the YAML loader Mermaid itself bundles.
const dist = dirname(createRequire(import.meta.url).resolve('mermaid'));
const core = readFileSync(join(dist, 'mermaid.core.mjs'), 'utf8');
const yamlChunk = /import \{\s*JSON_SCHEMA,\s*load\s*\} from "(\.\/chunks\/[^"]+)"/.exec(core);
if (!yamlChunk) throw new Error("cannot find the YAML loader inside Mermaid's bundle");
const { JSON_SCHEMA, load } = await import(join(dist, yamlChunk[1]));
const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s; // Mermaid 11's

function title(text) {
  const m = FRONT_MATTER.exec(text);
  if (!m) return null;
  const data = load(m[2], { schema: JSON_SCHEMA });
  return data && data.title !== undefined ? String(data.title) : null;
}

// Mermaid keeps `#34;` as `ﬂ°°34¶ß` until it draws, then writes `&#34;` into HTML.
function shown(raw) {
  const html = raw.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const box = document.createElement('template');
  box.innerHTML = html;
  const elements = [...box.content.querySelectorAll('*')].map((e) => e.tagName);
  for (const br of box.content.querySelectorAll('br')) br.replaceWith('\n');
  return { label: box.content.textContent, elements };
}

async function check(text) {
  try {
    const { config } = await mermaid.parse(text); // registers the diagram type on first use
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const vertices = [...db.getVertices().values()].map((v) => ({
      id: v.id,
      classes: v.classes,
      shape: v.type ?? null,
      ...shown(v.text ?? ''),
    }));
    const edges = db.getEdges().map((e) => ({
      start: e.start,
      end: e.end,
      type: e.type,
      stroke: e.stroke,
      text: shown(e.text ?? '').label,
      style: e.style ?? [],
    }));
    const subgraphs = db.getSubGraphs().map((s) => ({
      id: s.id,
      title: shown(s.title ?? '').label,
      nodes: s.nodes,
    }));
    const classDefs = Object.fromEntries([...db.getClasses()].map(([k, c]) => [k, c.styles]));
    return { type: diagram.type, config, title: title(text), vertices, edges, subgraphs, classDefs };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

const texts = process.argv.length > 2
  ? process.argv.slice(2).map((path) => readFileSync(path, 'utf8'))
  : JSON.parse(readFileSync(0, 'utf8'));
for (const text of texts) {
  process.stdout.write(JSON.stringify(await check(text)) + '\n');
}
