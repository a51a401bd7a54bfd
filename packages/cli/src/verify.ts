/**
 * The real tools judge the output before it replaces the previous one: `promtool check config`
 * (prometheus.yml with its rule and file_sd files), `amtool check-config` (alertmanager.yml) and
 * `docker-compose config -q` (each Compose project), run side by side on a staging folder holding the
 * files they read; with the operator flavour also the PrometheusRules' and the Alertmanager Secret's
 * configuration (verify-operator.ts). Where a tool is not installed the build says so once and goes on
 * (`kiln build --no-verify` skips the check; `kiln test` and CI always run the tools).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Problem } from '@kiln/model';
import { emitYaml, layout } from '@kiln/plan';
import { usesKubernetesSd, withStaticDiscovery } from '@kiln/prometheus';
import { parse } from 'yaml';
import { checkOperatorConfigs, operatorConfigs } from './verify-operator.js';

export function findTool(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

interface Check {
  tool: 'promtool' | 'amtool' | 'docker-compose';
  /** The files it reads, below the site folder (those that exist are checked). */
  files: (dir: string) => string[];
  args: (file: string) => string[];
  /** The top-level output folders it reads (prometheus.yml names its rule and file_sd files; Compose mounts the configuration). */
  reads: string[];
  /** Run in the file's folder (relative paths inside it resolve there). */
  inFileDir?: boolean;
}

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

const CHECKS: Check[] = [
  {
    tool: 'promtool',
    files: prometheusFiles,
    args: () => ['check', 'config', '--lint-fatal', 'prometheus.yml'],
    // kubernetes/: the operator flavour's PrometheusRules and ServiceMonitors (verify-operator.ts).
    reads: ['prometheus', 'kubernetes'],
    inFileDir: true,
  },
  { tool: 'amtool', files: () => [layout.alertmanager.config], args: (f) => ['check-config', f], reads: ['alertmanager', 'kubernetes'] },
  // Offline: the Compose file format and its references (no Docker engine needed).
  {
    tool: 'docker-compose',
    files: composeFiles,
    args: (f) => ['-f', f, 'config', '-q'],
    reads: ['compose', 'prometheus', 'alertmanager', 'grafana'],
    inFileDir: true,
  },
];

export interface Verifier {
  /** Tools that were not found (to say so once). */
  missing: string[];
  /** Whether a file (path below the site folder) is one the tools read: only those need to be on disk for `verify`. */
  reads: (path: string) => boolean;
  /** Runs the tools on the output in `dir`, side by side; resolves to their verdicts (never rejects). */
  verify(site: string, dir: string): Promise<Problem[]>;
}

export function toolVerifier(): Verifier {
  const paths = new Map(CHECKS.map((c) => [c.tool, findTool(c.tool)]));
  const folders = new Set(CHECKS.filter((c) => paths.get(c.tool)).flatMap((c) => c.reads));
  return {
    missing: [...paths].filter(([, p]) => p === undefined).map(([t]) => t),
    reads: (path) => folders.has(path.slice(0, path.indexOf('/'))),
    async verify(site, dir) {
      const runs: Promise<Problem | undefined>[] = [];
      for (const c of CHECKS) {
        const bin = paths.get(c.tool);
        if (!bin) continue;
        for (const rel of c.files(dir)) if (existsSync(join(dir, rel))) runs.push(runCheck(c, bin, site, dir, rel));
      }
      // All at once: the tools run side by side (and beside whatever the caller does meanwhile).
      const problems = (await Promise.all(runs)).filter((p) => p !== undefined);
      for (const r of checkOperatorConfigs(operatorConfigs(dir), { promtool: paths.get('promtool'), amtool: paths.get('amtool') })) {
        problems.push({
          ruleId: `build/${r.tool}`,
          messageId: 'rejected',
          severity: 'error',
          summary: `${r.tool} rejects the output`,
          message: `${r.tool} rejects the configuration in ${r.manifest} (a bug in Kiln — please report it):\n    ${r.output.split('\n').slice(0, 20).join('\n    ')}`,
          entity: { kind: 'site', name: site },
          location: { file: r.manifest },
        });
      }
      return problems;
    },
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

async function runCheck(c: Check, bin: string, site: string, dir: string, rel: string): Promise<Problem | undefined> {
  const file = join(dir, rel);
  const cwd = c.inFileDir ? dirname(file) : dir;
  const copy = c.tool === 'promtool' ? staticDiscoveryCopy(file) : undefined;
  const r = await (copy ? copy.run((name) => run(bin, ['check', 'config', '--lint-fatal', name], cwd)) : run(bin, c.args(file), cwd));
  if (r.status === 0) return undefined;
  const output = r.output
    .trim()
    .split('\n')
    .filter((l) => l && !/^\s*SUCCESS/.test(l))
    .slice(0, 20)
    .join('\n    ');
  return {
    ruleId: `build/${c.tool}`,
    messageId: 'rejected',
    severity: 'error',
    summary: `${c.tool} rejects the output`,
    message: `${c.tool} rejects ${rel} (a bug in Kiln or a site setting Kiln does not check yet — please report it):\n    ${output || r.error?.message || `exit ${r.status}`}`,
    entity: { kind: 'site', name: site },
    location: { file: rel },
  };
}

/**
 * Debian's promtool is built without Kubernetes service discovery and rejects `kubernetes_sd_configs`.
 * For such a prometheus.yml promtool checks a copy beside it (so rule file paths still resolve)
 * whose discovery is replaced by `static_configs` and whose service-account CA and token point at
 * throw-away files; relabelling and everything else is judged by the real parser. The copy is
 * removed before the output is updated.
 */
function staticDiscoveryCopy(file: string): { run<T>(check: (name: string) => Promise<T>): Promise<T> } | undefined {
  const config = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (!usesKubernetesSd(config)) return undefined;
  return {
    async run(check) {
      const sa = mkdtempSync(join(tmpdir(), 'kiln-sa-'));
      const name = '.kiln-promtool-static.yml';
      const copy = join(file, '..', name);
      try {
        writeFileSync(join(sa, 'ca.crt'), '');
        writeFileSync(join(sa, 'token'), 'placeholder');
        writeFileSync(copy, emitYaml(withStaticDiscovery(config, sa)));
        return await check(name);
      } finally {
        rmSync(copy, { force: true });
        rmSync(sa, { recursive: true, force: true });
      }
    },
  };
}
