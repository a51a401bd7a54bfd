/**
 * The real tools judge the output before it replaces the previous one: `promtool check config`
 * (prometheus.yml with its file_sd files) and `promtool check rules` (its rule files), `amtool
 * check-config` (alertmanager.yml) and `docker-compose config -q` (each Compose project), run as
 * processes side by side on a staging folder holding the files they read; with the operator flavour
 * also the PrometheusRules' and the Alertmanager Secret's configuration (verify-operator.ts). Where a
 * tool is not installed the build says so once and goes on (`kiln build --no-verify` skips the check;
 * `kiln test` and CI always run the tools).
 *
 * The Prometheus checks start as soon as the Prometheus files are staged (`verifyPrometheus`), while
 * Kiln generates the other targets; the rest (`verifyOthers`) once everything is. Passing verdicts of
 * promtool and amtool are kept in the verification cache (verify-cache.ts) and not judged again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import type { Problem } from '@kiln/model';
import { PROMETHEUS_DIR, emitYaml, isUnitTestFile, layout } from '@kiln/plan';
import { usesKubernetesSd, withStaticDiscovery } from '@kiln/prometheus';
import { parse } from 'yaml';
import { cacheKey, type KeyPart, type VerifyCache } from './verify-cache.js';
import { operatorConfigs } from './verify-operator.js';

export function findTool(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

type Tool = 'promtool' | 'amtool' | 'docker-compose';

/** The top-level output folders each tool reads (kubernetes/: the operator flavour's resources, verify-operator.ts). */
const READS: Record<Tool, string[]> = {
  promtool: ['prometheus', 'kubernetes'],
  amtool: ['alertmanager', 'kubernetes'],
  // Compose mounts the configuration.
  'docker-compose': ['compose', 'prometheus', 'alertmanager', 'grafana'],
};

/** Compose projects: `compose/compose.yaml`, or one per Docker host under `compose/<host>/`. */
function composeFiles(dir: string): string[] {
  const root = join(dir, layout.compose.dir());
  if (!existsSync(root)) return [];
  const hosts = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return [layout.compose.file(), ...hosts.map((h) => layout.compose.file(h))];
}

/** prometheus.yml, and the one of every other replica and shard (`prometheus/<instance>/prometheus.yml`). */
function prometheusFiles(dir: string): string[] {
  const root = join(dir, 'prometheus');
  const instances = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => layout.prometheus.instanceConfig(d.name))
        .filter((p) => layout.prometheus.instanceOf(p) !== undefined)
        .sort()
    : [];
  return [layout.prometheus.config, ...instances];
}

export interface VerifyStats {
  /** Checks of the last verify calls: a config, a rule file, a Compose project each count one. */
  checks: number;
  /** Of those, how many passed before with the same tool, arguments and bytes (not run). */
  cached: number;
}

export interface Verifier {
  /** Tools that were not found (to say so once). */
  missing: string[];
  /** Whether a file (path below the site folder) is one the tools read: only those need to be on disk. */
  reads: (path: string) => boolean;
  /** Whether a file is one `verifyPrometheus` reads (under `prometheus/`). */
  readsPrometheus: (path: string) => boolean;
  /** Starts promtool on the Prometheus files staged in `dir`; resolves to its verdicts (never rejects). */
  verifyPrometheus(site: string, dir: string): Promise<Problem[]>;
  /** Starts amtool, docker-compose and the operator flavour's checks on the output staged in `dir`. */
  verifyOthers(site: string, dir: string): Promise<Problem[]>;
  /** Both, on the output in `dir`, side by side. */
  verify(site: string, dir: string): Promise<Problem[]>;
  stats: VerifyStats;
}

export interface VerifierOptions {
  /** Where passing verdicts are kept; none: every check runs. */
  cache?: VerifyCache | undefined;
  /** How many `promtool check rules` processes share the rule files (default: the cores Node may use). */
  processes?: number;
}

/** One run of a tool. */
interface Job {
  tool: Tool;
  bin: string;
  args: string[];
  cwd: string;
  /** The file a failure names (below the site folder). */
  names: string;
  /** What the tool reads besides its arguments (file names and bytes), for the cache key; undefined: not cached. */
  reads?: KeyPart[] | undefined;
  /** Temporary file names in the tool's output → the file it stands for. */
  shownAs?: [string, string];
}

export function toolVerifier(options: VerifierOptions = {}): Verifier {
  const { cache } = options;
  const processes = Math.max(1, options.processes ?? availableParallelism());
  const paths = new Map((Object.keys(READS) as Tool[]).map((t) => [t, findTool(t)]));
  const folders = new Set((Object.keys(READS) as Tool[]).filter((t) => paths.get(t)).flatMap((t) => READS[t]));
  const stats: VerifyStats = { checks: 0, cached: 0 };
  const versions = new Map<string, string>();
  const version = (bin: string) => {
    if (!versions.has(bin)) {
      const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
      versions.set(bin, `${r.stdout ?? ''}${r.stderr ?? ''}`.trim());
    }
    return versions.get(bin)!;
  };
  const keyOf = (job: Pick<Job, 'tool' | 'bin' | 'args' | 'reads'>) =>
    cache && job.reads ? cacheKey([job.tool, version(job.bin), ...job.args, '\0', ...job.reads]) : undefined;

  /** Runs a job unless its pass is cached; stores a pass; returns the tool's result (status 0 when cached). */
  async function judge(job: Job, key = keyOf(job)): Promise<RunResult> {
    stats.checks++;
    if (key !== undefined && cache!.has(key)) {
      stats.cached++;
      return { status: 0, output: '' };
    }
    const r = await run(job.bin, job.args, job.cwd);
    if (r.status === 0 && key !== undefined) cache!.pass(key, `${job.tool} ${job.args.join(' ')}`);
    return r;
  }

  const problem = (site: string, job: Job, r: RunResult): Problem => {
    let output = r.output.trim();
    if (job.shownAs) output = output.split(job.shownAs[0]).join(job.shownAs[1]);
    output = output
      .split('\n')
      .filter((l) => l && !/^\s*SUCCESS/.test(l))
      .slice(0, 20)
      .join('\n    ');
    return rejected(site, job.tool, job.names, output || r.error?.message || `exit ${r.status}`);
  };

  async function verifyPrometheus(site: string, dir: string): Promise<Problem[]> {
    const bin = paths.get('promtool');
    if (!bin) return [];
    const configs = prometheusFiles(dir).filter((rel) => existsSync(join(dir, rel)));
    const ruleFiles = new Set<string>();
    const temporary: string[] = [];
    const runs: Promise<Problem[]>[] = [];
    try {
      for (const rel of configs) {
        const c = configCheck(bin, dir, rel);
        temporary.push(...c.temporary);
        for (const r of c.ruleFiles) ruleFiles.add(r);
        runs.push(judge(c.job).then((r) => (r.status === 0 ? [] : [problem(site, c.job, r)])));
      }
      runs.push(checkRuleFiles(site, bin, dir, [...ruleFiles]));
      return (await Promise.all(runs)).flat();
    } finally {
      for (const t of temporary) rmSync(t, { recursive: true, force: true });
    }
  }

  /**
   * `promtool check rules --lint-fatal` on the rule files, shared among `processes` processes by size
   * (largest first, each to the least loaded), each file cached on its own. A process that fails is
   * followed by a run per file of its share, so that each rejected file is named with its verdict.
   */
  async function checkRuleFiles(site: string, bin: string, dir: string, files: string[]): Promise<Problem[]> {
    const todo: { rel: string; size: number; key: string | undefined }[] = [];
    for (const rel of files) {
      const job = ruleJob(bin, dir, [rel]);
      let key: string | undefined;
      let size = 0;
      if (existsSync(join(dir, rel))) {
        const bytes = readFileSync(join(dir, rel));
        size = bytes.length;
        key = keyOf({ ...job, reads: [rel, bytes] });
      }
      stats.checks++;
      if (key !== undefined && cache!.has(key)) stats.cached++;
      else todo.push({ rel, size, key });
    }
    const shares: { files: typeof todo; size: number }[] = Array.from({ length: Math.min(processes, todo.length) }, () => ({
      files: [],
      size: 0,
    }));
    for (const f of [...todo].sort((a, b) => b.size - a.size || (a.rel < b.rel ? -1 : 1))) {
      const least = shares.reduce((m, s) => (s.size < m.size ? s : m));
      least.files.push(f);
      least.size += f.size;
    }
    const verdicts = await Promise.all(
      shares.map(async (share) => {
        const r = await run(
          bin,
          ruleJob(
            bin,
            dir,
            share.files.map((f) => f.rel),
          ).args,
          dir,
        );
        if (r.status === 0) {
          for (const f of share.files) if (f.key !== undefined) cache!.pass(f.key, `promtool check rules ${f.rel}`);
          return [];
        }
        const each = await Promise.all(share.files.map(async (f) => ({ f, r: await run(bin, ruleJob(bin, dir, [f.rel]).args, dir) })));
        const failed = each.filter((x) => x.r.status !== 0);
        for (const x of each) if (x.r.status === 0 && x.f.key !== undefined) cache!.pass(x.f.key, `promtool check rules ${x.f.rel}`);
        if (failed.length === 0) return [problem(site, ruleJob(bin, dir, [share.files[0]!.rel]), r)];
        return failed.map((x) => problem(site, ruleJob(bin, dir, [x.f.rel]), x.r));
      }),
    );
    return verdicts.flat();
  }

  async function verifyOthers(site: string, dir: string): Promise<Problem[]> {
    const runs: Promise<Problem | undefined>[] = [];
    const start = (job: Job) => runs.push(judge(job).then((r) => (r.status === 0 ? undefined : problem(site, job, r))));
    const amtool = paths.get('amtool');
    const am = layout.alertmanager.config;
    if (amtool && existsSync(join(dir, am)))
      start({ tool: 'amtool', bin: amtool, args: ['check-config', am], cwd: dir, names: am, reads: alertmanagerReads(dir, am) });
    const compose = paths.get('docker-compose');
    // Offline: the Compose file format and its references (no Docker engine needed). Not cached: it reads the .env, mounts, …
    if (compose)
      for (const rel of composeFiles(dir).filter((f) => existsSync(join(dir, f))))
        start({
          tool: 'docker-compose',
          bin: compose,
          args: ['-f', join(dir, rel), 'config', '-q'],
          cwd: dirname(join(dir, rel)),
          names: rel,
        });
    runs.push(...operatorChecks(site, dir));
    return (await Promise.all(runs)).filter((p) => p !== undefined);
  }

  /**
   * The operator flavour's configuration (verify-operator.ts), each extracted to a throw-away file named
   * like its manifest and judged like the rest: cached, and at most `processes` tool runs at a time.
   */
  function operatorChecks(site: string, dir: string): Promise<Problem | undefined>[] {
    const extracted = operatorConfigs(dir);
    if (extracted.length === 0) return [];
    const tmp = mkdtempSync(join(tmpdir(), 'kiln-operator-'));
    const jobs: Job[] = [];
    for (const c of extracted) {
      const bin = paths.get(c.tool);
      if (!bin) continue;
      const name = basename(c.manifest);
      writeFileSync(join(tmp, name), c.text);
      const args = c.tool === 'promtool' ? ['check', c.check ?? 'rules', name] : ['check-config', name];
      const named = c.tool === 'promtool' && c.check !== 'config' ? [] : namedFiles(parse(c.text), tmp);
      jobs.push({ tool: c.tool, bin, args, cwd: tmp, names: c.manifest, reads: named && [c.text, ...named], shownAs: [name, c.manifest] });
    }
    const verdicts = limited(jobs, processes, (job) => judge(job));
    const done = Promise.all(verdicts).finally(() => rmSync(tmp, { recursive: true, force: true }));
    return jobs.map(async (job, i) => {
      await done;
      const r = await verdicts[i]!;
      if (r.status === 0) return undefined;
      const output = (job.shownAs ? r.output.split(job.shownAs[0]).join(job.shownAs[1]) : r.output).trim();
      return {
        ...rejected(site, job.tool, job.names, ''),
        message: `${job.tool} rejects the configuration in ${job.names} (a bug in Kiln — please report it):\n    ${output.split('\n').slice(0, 20).join('\n    ')}`,
      };
    });
  }

  return {
    missing: [...paths].filter(([, p]) => p === undefined).map(([t]) => t),
    // The unit tests are `promtool test rules`' (kiln test), not read by any check here.
    reads: (path) => folders.has(path.slice(0, path.indexOf('/'))) && !isUnitTestFile(path),
    readsPrometheus: (path) => path.startsWith(`${PROMETHEUS_DIR}/`) && !isUnitTestFile(path),
    verifyPrometheus,
    verifyOthers,
    async verify(site, dir) {
      const [a, b] = await Promise.all([verifyPrometheus(site, dir), verifyOthers(site, dir)]);
      return [...a, ...b];
    },
    stats,
  };
}

/** `run(item)` for every item, at most `n` at a time; the results in the items' order. */
function limited<T, R>(items: readonly T[], n: number, run: (item: T) => Promise<R>): Promise<R>[] {
  let next = 0;
  const slots: Promise<unknown>[] = [];
  const results: Promise<R>[] = new Array<Promise<R>>(items.length);
  const starters = items.map((item, i) => () => (results[i] = run(item)));
  const lane = async (): Promise<void> => {
    while (next < starters.length) await starters[next++]!().catch(() => undefined);
  };
  for (let i = 0; i < Math.min(n, items.length); i++) slots.push(lane());
  // Each result settles when its lane has run it; a lane starts the next item only after the previous one settled.
  return items.map((_, i) => Promise.all(slots).then(() => results[i]!));
}

const ruleJob = (bin: string, dir: string, rels: string[]): Job => ({
  tool: 'promtool',
  bin,
  args: ['check', 'rules', '--lint-fatal', ...rels],
  cwd: dir,
  names: rels[0]!,
});

function rejected(site: string, tool: Tool, file: string, output: string): Problem {
  return {
    ruleId: `build/${tool}`,
    messageId: 'rejected',
    severity: 'error',
    summary: `${tool} rejects the output`,
    message: `${tool} rejects ${file} (a bug in Kiln or a site setting Kiln does not check yet — please report it):\n    ${output}`,
    entity: { kind: 'site', name: site },
    location: { file },
  };
}

const GLOB = /[*?[]/;

/**
 * The files a configuration names that its tool reads or looks for, resolved against its folder:
 * file_sd `files` and every `*_file` field (certificates, credentials, passwords). Their names and
 * bytes (or that they are absent) belong to the cache key. Undefined when a name is a pattern (what
 * it matches is not known without the tool): such a check is not cached.
 */
function namedFiles(config: unknown, folder: string): KeyPart[] | undefined {
  const names: string[] = [];
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.every(walk);
    if (v === null || typeof v !== 'object') return true;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'files' && Array.isArray(x)) names.push(...x.filter((f): f is string => typeof f === 'string'));
      else if (/_file$/.test(k) && typeof x === 'string') names.push(x);
      else if (k === 'templates' || k === 'scrape_config_files') return false;
      else if (!walk(x)) return false;
    }
    return true;
  };
  if (!walk(config) || names.some((n) => GLOB.test(n))) return undefined;
  return [...new Set(names)].sort().flatMap((n) => {
    const file = posix.isAbsolute(n) ? n : join(folder, n);
    return [n, existsSync(file) ? readFileSync(file) : '\0absent'];
  });
}

function alertmanagerReads(dir: string, rel: string): KeyPart[] | undefined {
  const text = readFileSync(join(dir, rel));
  const named = namedFiles(parse(text.toString('utf8')), dirname(join(dir, rel)));
  return named && [rel, text, ...named];
}

/**
 * The check of one prometheus.yml without its rule files (which checkRuleFiles judges, once for all
 * replicas and shards): promtool checks a copy beside it (so relative paths still resolve) without
 * `rule_files`, and — for Debian's promtool, built without Kubernetes service discovery, which rejects
 * `kubernetes_sd_configs` — with static discovery and the service-account CA and token pointing at
 * throw-away files; relabelling and everything else is judged by the real parser. `promtool check
 * config` itself is `check rules` on every rule file after the configuration's own checks, so the
 * verdicts are the same. A configuration whose rule_files are patterns is checked whole, as written.
 */
function configCheck(bin: string, dir: string, rel: string): { job: Job; ruleFiles: string[]; temporary: string[] } {
  const file = join(dir, rel);
  const folder = dirname(file);
  const args = (name: string) => ['check', 'config', '--lint-fatal', name];
  // The file as written: when it is not a YAML map (promtool says why) or its rule_files are patterns.
  const asWritten = () => ({
    job: { tool: 'promtool' as const, bin, args: args(basename(file)), cwd: folder, names: rel },
    ruleFiles: [],
    temporary: [],
  });
  let config: Record<string, unknown>;
  try {
    config = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return asWritten();
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return asWritten();
  const refs = config['rule_files'] ?? [];
  const literal = Array.isArray(refs) && refs.every((r) => typeof r === 'string' && !GLOB.test(r) && !posix.isAbsolute(r));
  const k8s = usesKubernetesSd(config);
  if (!literal && !k8s) return asWritten();
  const own = literal ? Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'rule_files')) : config;
  const name = '.kiln-promtool.yml';
  const temporary = [join(folder, name)];
  let body = emitYaml(own);
  // The key reads the copy as it is with a fixed folder for the throw-away files (whose bytes are fixed).
  let keyed = own;
  if (k8s) {
    const sa = mkdtempSync(join(tmpdir(), 'kiln-sa-'));
    temporary.push(sa);
    writeFileSync(join(sa, 'ca.crt'), '');
    writeFileSync(join(sa, 'token'), 'placeholder');
    body = emitYaml(withStaticDiscovery(own, sa));
    keyed = withStaticDiscovery(own, '/kiln-service-account');
  }
  writeFileSync(temporary[0]!, body);
  const named = literal ? namedFiles(keyed, folder) : undefined;
  return {
    job: {
      tool: 'promtool',
      bin,
      args: args(name),
      cwd: folder,
      names: rel,
      reads: named && [keyed === own ? body : emitYaml(keyed), ...named],
      shownAs: [name, basename(file)],
    },
    ruleFiles: literal ? (refs as string[]).map((r) => posix.normalize(posix.join(posix.dirname(rel), r))) : [],
    temporary,
  };
}

interface RunResult {
  status: number | null;
  output: string;
  error?: Error;
}

function run(bin: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', (error) => done({ status: null, output, error }));
    child.on('close', (status) => done({ status, output }));
  });
}
