/**
 * The real tools judge the output before it is swapped in: `promtool check config` (prometheus.yml
 * with its rule and file_sd files), `amtool check-config` (alertmanager.yml) and `docker-compose
 * config -q` (each Compose project), run on the temporary folder. Where a tool is not installed the build says so once and goes on
 * (`kiln build --no-verify` skips the check; `kiln test` and CI always run the tools).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Problem } from '@kiln/model';
import { emitYaml, layout } from '@kiln/plan';
import { usesKubernetesSd, withStaticDiscovery } from '@kiln/prometheus';
import { parse } from 'yaml';

export function findTool(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

interface Check {
  tool: 'promtool' | 'amtool' | 'docker-compose';
  /** The files it reads, below the site folder (those that exist are checked). */
  files: (dir: string) => string[];
  args: (file: string) => string[];
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
  { tool: 'promtool', files: prometheusFiles, args: () => ['check', 'config', 'prometheus.yml'], inFileDir: true },
  { tool: 'amtool', files: () => [layout.alertmanager.config], args: (f) => ['check-config', f] },
  // Offline: the Compose file format and its references (no Docker engine needed).
  { tool: 'docker-compose', files: composeFiles, args: (f) => ['-f', f, 'config', '-q'], inFileDir: true },
];

export interface Verifier {
  /** Tools that were not found (to say so once). */
  missing: string[];
  verify(site: string, dir: string): Problem[];
}

export function toolVerifier(): Verifier {
  const paths = new Map(CHECKS.map((c) => [c.tool, findTool(c.tool)]));
  return {
    missing: [...paths].filter(([, p]) => p === undefined).map(([t]) => t),
    verify(site, dir) {
      const problems: Problem[] = [];
      for (const c of CHECKS) {
        const bin = paths.get(c.tool);
        if (!bin) continue;
        for (const rel of c.files(dir)) {
          const file = join(dir, rel);
          if (!existsSync(file)) continue;
          const cwd = c.inFileDir ? dirname(file) : dir;
          const copy = c.tool === 'promtool' ? staticDiscoveryCopy(file) : undefined;
          const r = copy
            ? copy.run((name) => spawnSync(bin, ['check', 'config', name], { cwd, encoding: 'utf8', timeout: 300_000 }))
            : spawnSync(bin, c.args(file), { cwd, encoding: 'utf8', timeout: 300_000 });
          if (r.status === 0) continue;
          const output = `${r.stdout ?? ''}${r.stderr ?? ''}`
            .trim()
            .split('\n')
            .filter((l) => l && !/^\s*SUCCESS/.test(l))
            .slice(0, 20)
            .join('\n    ');
          problems.push({
            ruleId: `build/${c.tool}`,
            messageId: 'rejected',
            severity: 'error',
            summary: `${c.tool} rejects the output`,
            message: `${c.tool} rejects ${rel} (a bug in Kiln or a site setting Kiln does not check yet — please report it):\n    ${output || r.error?.message || `exit ${r.status}`}`,
            entity: { kind: 'site', name: site },
            location: { file: rel },
          });
        }
      }
      return problems;
    },
  };
}

/**
 * Debian's promtool is built without Kubernetes service discovery and rejects `kubernetes_sd_configs`.
 * For such a prometheus.yml promtool checks a copy beside it (so rule file paths still resolve)
 * whose discovery is replaced by `static_configs` and whose service-account CA and token point at
 * throw-away files; relabelling and everything else is judged by the real parser. The copy is
 * removed before the output is swapped in.
 */
function staticDiscoveryCopy(file: string): { run<T>(check: (name: string) => T): T } | undefined {
  const config = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (!usesKubernetesSd(config)) return undefined;
  return {
    run(check) {
      const sa = mkdtempSync(join(tmpdir(), 'kiln-sa-'));
      const name = '.kiln-promtool-static.yml';
      const copy = join(file, '..', name);
      try {
        writeFileSync(join(sa, 'ca.crt'), '');
        writeFileSync(join(sa, 'token'), 'placeholder');
        writeFileSync(copy, emitYaml(withStaticDiscovery(config, sa)));
        return check(name);
      } finally {
        rmSync(copy, { force: true });
        rmSync(sa, { recursive: true, force: true });
      }
    },
  };
}
