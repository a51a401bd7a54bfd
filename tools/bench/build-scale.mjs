#!/usr/bin/env node
// Benchmark (on demand) of issue #16's "scale of Kiln itself": the real `kiln build` of a site of N
// hosts (scale-site.mjs) — load, resolve, plan, generate, check, serialize, write, and the verify
// step with promtool/amtool — against `promtool check config` on the output it wrote, timed on its own.
//
//   node tools/bench/build-scale.mjs [--hosts 1000,10000] [--runs 5] [--keep] [--node-options "--cpu-prof …"]
//
// (after `npx nx run-many -t build`). Per size: a first build into an empty folder with an empty
// verification cache (KILN_CACHE_DIR, a fresh folder; reported on its own line), then `runs` rounds of
// [kiln build (a rebuild over the previous output, as `npm run build` does on a checkout: nothing
// changed, so nothing is written, and every promtool/amtool verdict comes from the cache), promtool
// check config, kiln build --no-cache (the same rebuild running every tool check)], back to back so that
// they see the same load; both kiln/promtool ratios are printed. Reported: medians; the kiln/promtool ratio of each round, median; wall and
// CPU time (user + sys: far less sensitive to the load of a shared machine); kiln's own peak RSS and
// CPU (a preload reads getrusage at exit), the peak and CPU of each tool it ran (the tools are called
// through PATH shims that run them under GNU time), and the peak of the whole process tree at one
// moment (/proc sampled every 20 ms). Goals: kiln build ≤ promtool check config at 10,000 hosts, kiln's peak ≤ 512 MiB, and
// time(10,000) ≤ 10 × time(1,000).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const kiln = join(here, '..', '..', 'packages', 'cli', 'bin', 'kiln.cjs');
const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    'node-options': { type: 'string', default: '' },
  },
});
const sizes = values.hosts.split(',').map(Number);
const runs = Number(values.runs);
const TOOLS = ['promtool', 'amtool', 'docker-compose'];

const which = (tool) => {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** A workspace with one site package, `bench`, whose module builds the site of n hosts. */
function workspace(n) {
  const root = mkdtempSync(join(tmpdir(), `kiln-bench-${n}-`));
  const pkg = join(root, 'packages', 'sites', 'bench');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'bench', type: 'module', main: 'dist/index.js' }));
  const siteModule = pathToFileURL(join(here, 'scale-site.mjs')).href;
  writeFileSync(join(pkg, 'dist', 'index.js'), `import { scaleSite } from '${siteModule}';\nexport const site = scaleSite(${n});\n`);
  // The tools kiln's verify step finds on PATH, each run under GNU time (peak RSS, wall time).
  const shims = join(root, 'shims');
  mkdirSync(shims);
  const log = join(root, 'tools.log');
  for (const tool of TOOLS) {
    const real = which(tool);
    if (!real) continue;
    const shim = join(shims, tool);
    writeFileSync(shim, `#!/bin/sh\nexec /usr/bin/time -a -o '${log}' -f '${tool} %e %M %U %S' '${real}' "$@"\n`);
    chmodSync(shim, 0o755);
  }
  const preload = join(root, 'rss-at-exit.mjs');
  writeFileSync(
    preload,
    `import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => appendFileSync(${JSON.stringify(log)}, ['kiln', 0, process.resourceUsage().maxRSS, process.resourceUsage().userCPUTime / 1e6, process.resourceUsage().systemCPUTime / 1e6].join(' ') + '\\n'));\n`,
  );
  return { root, shims, log, preload, out: join(root, 'out') };
}

/** RSS (KiB) of a process and its descendants now, from /proc. */
function treeRss(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop();
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(' ').map(Number));
      }
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** One `kiln build`: wall time, kiln's own peak RSS, each tool's run, the tree's peak. */
function kilnBuild(ws, extra = []) {
  rmSync(ws.log, { force: true });
  const nodeArgs = [...values['node-options'].split(' ').filter(Boolean), '--import', pathToFileURL(ws.preload).href];
  const args = [...nodeArgs, kiln, 'build', '--root', ws.root, '--site', 'bench', '--out', ws.out, '--quiet', ...extra];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, PATH: `${ws.shims}:${process.env.PATH}`, KILN_CACHE_DIR: join(ws.root, 'verify-cache') },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let treePeak = 0;
    const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRss(child.pid))), 20);
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearInterval(sampler);
      if (code !== 0) return fail(new Error(`kiln build exited ${code}:\n${stderr}`));
      const lines = readFileSync(ws.log, 'utf8').trim().split('\n').filter(Boolean);
      const entries = lines
        .map((l) => l.split(' '))
        .map(([name, s, kib, user, sys]) => ({ name, ms: Number(s) * 1000, kib: Number(kib), cpuMs: (Number(user) + Number(sys)) * 1000 }));
      const self = entries.find((e) => e.name === 'kiln');
      const tools = entries.filter((e) => e.name !== 'kiln');
      done({
        ms,
        kib: self.kib,
        ownCpuMs: self.cpuMs,
        cpuMs: self.cpuMs + tools.reduce((sum, t) => sum + t.cpuMs, 0),
        tools,
        treeKib: treePeak,
      });
    });
  });
}

/** `promtool check config` on the written output, on its own (its folder, as kiln runs it). */
function promtoolCheck(ws) {
  const dir = join(ws.out, 'bench', 'prometheus');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', which('promtool'), 'check', 'config', 'prometheus.yml'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`promtool check config rejects the output:\n${r.stdout}${r.stderr}`);
  const [s, kib, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { ms: s * 1000, kib, cpuMs: (user + sys) * 1000 };
}

function outputSize(dir) {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += readFileSync(join(e.parentPath, e.name)).length;
  }
  return { files, bytes };
}

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const results = [];
for (const n of sizes) {
  const ws = workspace(n);
  try {
    const fresh = await kilnBuild(ws);
    const size = outputSize(join(ws.out, 'bench'));
    const rounds = [];
    for (let i = 0; i < runs; i++)
      rounds.push({ kiln: await kilnBuild(ws), promtool: promtoolCheck(ws), uncached: await kilnBuild(ws, ['--no-cache']) });
    const r = {
      n,
      ...size,
      kilnMs: median(rounds.map((x) => x.kiln.ms)),
      kilnKib: Math.max(...rounds.map((x) => x.kiln.kib)),
      treeKib: Math.max(...rounds.map((x) => x.kiln.treeKib)),
      tools: Object.fromEntries(
        [...new Set(rounds.flatMap((x) => x.kiln.tools.map((t) => t.name)))].map((name) => {
          const runsOf = rounds.map((x) => x.kiln.tools.filter((t) => t.name === name));
          return [
            name,
            { ms: median(runsOf.map((ts) => ts.reduce((s, t) => s + t.ms, 0))), kib: Math.max(...runsOf.flat().map((t) => t.kib)) },
          ];
        }),
      ),
      promtoolMs: median(rounds.map((x) => x.promtool.ms)),
      kilnCpuMs: median(rounds.map((x) => x.kiln.cpuMs)),
      ownCpuMs: median(rounds.map((x) => x.kiln.ownCpuMs)),
      promtoolCpuMs: median(rounds.map((x) => x.promtool.cpuMs)),
      promtoolKib: Math.max(...rounds.map((x) => x.promtool.kib)),
      ratio: median(rounds.map((x) => x.kiln.ms / x.promtool.ms)),
      uncachedMs: median(rounds.map((x) => x.uncached.ms)),
      uncachedKib: Math.max(...rounds.map((x) => x.uncached.kib)),
      uncachedCpuMs: median(rounds.map((x) => x.uncached.cpuMs)),
      uncachedRatio: median(rounds.map((x) => x.uncached.ms / x.promtool.ms)),
      all: rounds.map((x) => `${(x.kiln.ms / 1000).toFixed(2)}/${(x.promtool.ms / 1000).toFixed(2)}`).join(' '),
    };
    results.push(r);
    const tools = Object.entries(r.tools)
      .map(([t, v]) => `${t} ${secs(v.ms)} ${mib(v.kib)}`)
      .join(', ');
    console.log(
      `${n} hosts → ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB\n` +
        `  first build into an empty folder ${secs(fresh.ms)}, CPU ${secs(fresh.cpuMs)} (kiln's own ${secs(fresh.ownCpuMs)}), kiln's peak RSS ${mib(fresh.kib)}\n` +
        `  kiln build ${secs(r.kilnMs)} (kiln's own peak RSS ${mib(r.kilnKib)}; tools it ran: ${tools}; process tree peak ${mib(r.treeKib)})\n` +
        `  promtool check config alone ${secs(r.promtoolMs)} (peak RSS ${mib(r.promtoolKib)})\n` +
        `  CPU time (user + sys): kiln build ${secs(r.kilnCpuMs)} (kiln's own ${secs(r.ownCpuMs)}, the rest its tools), promtool alone ${secs(r.promtoolCpuMs)}\n` +
        `  kiln / promtool: ${r.ratio.toFixed(2)} (median of ${runs} rounds; kiln/promtool seconds per round: ${r.all})\n` +
        `  kiln build --no-cache ${secs(r.uncachedMs)} (kiln's own peak RSS ${mib(r.uncachedKib)}, CPU ${secs(r.uncachedCpuMs)}); kiln --no-cache / promtool: ${r.uncachedRatio.toFixed(2)}`,
    );
  } finally {
    if (values.keep) console.log(`  kept ${ws.root}`);
    else rmSync(ws.root, { recursive: true, force: true });
  }
}
if (results.length === 2) {
  const [a, b] = results;
  console.log(
    `${b.n / a.n}× the hosts: ${(b.kilnMs / a.kilnMs).toFixed(2)}× the kiln build time, ${(b.kilnCpuMs / a.kilnCpuMs).toFixed(2)}× its CPU time (goal ≤ ${b.n / a.n})`,
  );
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `machine: ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores, load average ${loadAtStart} at the start, ${load} at the end`,
);
