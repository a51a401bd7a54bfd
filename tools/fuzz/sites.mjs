#!/usr/bin/env node
// Robustness check (on demand, not a test): random mutations of the five seed sites — keys deleted,
// values replaced by odd ones (wrong types, huge strings, `__proto__`, bad addresses and durations),
// subtrees copied elsewhere — through resolve and the whole build. Anything but a SiteError or
// BuildError (a clear message naming the entity and field) is a crash and is printed with its stack.
//   node tools/fuzz/sites.mjs [seconds=60] [seed=7]      (after `npx nx run-many -t build`)
import { resolve, SiteError } from '@kiln/model';
import { site as pantheon } from '@kiln/site-pantheon';
import { site as portkey } from '@kiln/site-portkey';
import { site as proxmox } from '@kiln/site-proxmox-vm';
import { site as holmos } from '@kiln/site-holmos';
import { site as goldentooth } from '@kiln/site-goldentooth';
import { buildResolved, BuildError } from '../../packages/cli/dist/pipeline.js';
let seed = Number(process.argv[3] ?? 7);
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (a) => a[Math.floor(rnd() * a.length)];
const weird = [
  '',
  ' ',
  'a',
  '0',
  '-1',
  1e309,
  -1,
  0,
  1.5,
  true,
  null,
  [],
  {},
  ['x'],
  { a: 1 },
  'ä',
  '../x',
  'a\nb',
  '{{ $labels.x }}',
  '0.0.0.0',
  '999.1.1.1',
  '10.0.0.1/33',
  'x'.repeat(5000),
  '1h',
  '0s',
  '-5m',
  '__proto__',
  'constructor',
];
function paths(o, p = [], out = []) {
  if (o && typeof o === 'object') {
    out.push(p);
    for (const k of Object.keys(o)) paths(o[k], [...p, k], out);
  } else out.push(p);
  return out;
}
function mutate(site) {
  const s = structuredClone(site);
  const n = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) {
    const all = paths(s).filter((p) => p.length > 0);
    const p = pick(all);
    const parent = p.slice(0, -1).reduce((o, key) => o[key], s);
    const key = p[p.length - 1];
    const r = rnd();
    if (r < 0.3) {
      if (Array.isArray(parent)) parent.splice(key, 1);
      else delete parent[key];
    } else if (r < 0.8) parent[key] = structuredClone(pick(weird));
    else {
      const other = pick(all);
      const v = other.reduce((o, kk) => o?.[kk], s);
      parent[key] = structuredClone(v);
    }
  }
  return s;
}
const sites = [pantheon, portkey, proxmox, holmos, goldentooth].map((s) => JSON.parse(JSON.stringify(s)));
let runs = 0,
  resolved = 0,
  built = 0,
  crashes = 0;
const end = Date.now() + Number(process.argv[2] ?? 60) * 1000;
while (Date.now() < end) {
  const m = mutate(pick(sites));
  runs++;
  let r;
  try {
    r = resolve(m);
    resolved++;
  } catch (e) {
    if (!(e instanceof SiteError)) {
      crashes++;
      if (crashes < 6) console.log('RESOLVE CRASH', e?.stack?.split('\n').slice(0, 3).join(' | '));
    }
    continue;
  }
  try {
    buildResolved(r);
    built++;
  } catch (e) {
    if (!(e instanceof BuildError || e instanceof SiteError)) {
      crashes++;
      if (crashes < 6) console.log('BUILD CRASH', e?.stack?.split('\n').slice(0, 4).join(' | '));
    }
  }
}
console.log({ runs, resolved, built, crashes });
