#!/usr/bin/env node
/**
 * Reports import cycles among the project's TypeScript sources (src/, solver/, data/, bench/ by
 * default, or the folders given as arguments). It follows relative `import`/`export … from`
 * specifiers (type-only ones too: a type cycle is still a tangle) and exits 1 when it finds a cycle.
 * No dependencies: a regular expression per specifier is enough for this code base's import style.
 *
 *   node scripts/cycles.mjs            # or: npm run cycles
 */
/* global console, process */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folders = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'solver', 'data', 'bench'];

/** Every .ts file under a folder (declaration files excluded). */
function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : tsFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

// `import x from './a.js'`, `export { y } from './b.js'`, `import './c.js'`, `import('./d.js')`.
const SPECIFIER = /(?:\b(?:import|export)\b[^'"`;]*?\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Relative imports of a file, resolved to .ts paths (NodeNext: `./x.js` names `./x.ts`). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const out = new Set();
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), m[1]).replace(/\.js$/, '.ts');
    if (existsSync(target)) out.add(target);
  }
  return [...out];
}

const files = folders.flatMap((f) => tsFiles(join(root, f)));
const graph = new Map(files.map((f) => [f, importsOf(f)]));

// Tarjan's strongly connected components; a component of two or more files is a cycle.
let index = 0;
const stack = [];
const info = new Map();
const components = [];
function connect(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!info.has(w)) {
      connect(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  }
}
for (const f of files) if (!info.has(f)) connect(f);

/** One cycle through a component's first file, by breadth-first search inside the component. */
function cycleThrough(component) {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (w === start) {
        const path = [v];
        while (previous.get(path[0])) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (inside.has(w) && !previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

const rel = (f) => relative(root, f);
console.log(`${files.length} files, ${[...graph.values()].reduce((n, e) => n + e.length, 0)} relative imports in ${folders.join(', ')}`);
for (const c of components) console.log(`cycle (${c.length} files): ${cycleThrough(c).map(rel).join(' → ')}`);
if (components.length === 0) console.log('no import cycle');
process.exitCode = components.length === 0 ? 0 : 1;
