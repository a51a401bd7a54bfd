/**
 * The real tools judge the output before it is swapped in: `promtool check config` (prometheus.yml
 * with its rule and file_sd files) and `amtool check-config` (alertmanager.yml), run on the
 * temporary folder. Where a tool is not installed the build says so once and goes on
 * (`kiln build --no-verify` skips the check; `kiln test` and CI always run the tools).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '@kiln/model';
import { PROMETHEUS_DIR, emitYaml, layout } from '@kiln/plan';
import { usesKubernetesSd, withStaticDiscovery } from '@kiln/prometheus';
import { parse } from 'yaml';

export function findTool(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

interface Check {
  tool: 'promtool' | 'amtool';
  /** The file it reads, below the site folder. */
  file: string;
  args: (file: string) => string[];
  cwd?: string;
}

const CHECKS: Check[] = [
  { tool: 'promtool', file: layout.prometheus.config, args: () => ['check', 'config', 'prometheus.yml'], cwd: PROMETHEUS_DIR },
  { tool: 'amtool', file: layout.alertmanager.config, args: (f) => ['check-config', f] },
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
        const file = join(dir, c.file);
        if (!bin || !existsSync(file)) continue;
        const copy = c.tool === 'promtool' ? staticDiscoveryCopy(file) : undefined;
        const r = copy
          ? copy.run((name) => spawnSync(bin, ['check', 'config', name], { cwd: join(dir, PROMETHEUS_DIR), encoding: 'utf8', timeout: 300_000 }))
          : spawnSync(bin, c.args(file), { cwd: c.cwd ? join(dir, c.cwd) : dir, encoding: 'utf8', timeout: 300_000 });
        if (r.status === 0) continue;
        const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').filter((l) => l && !/^\s*SUCCESS/.test(l)).slice(0, 20).join('\n    ');
        problems.push({
          ruleId: `build/${c.tool}`,
          messageId: 'rejected',
          severity: 'error',
          summary: `${c.tool} rejects the output`,
          message: `${c.tool} rejects ${c.file} (a bug in Kiln or a site setting Kiln does not check yet — please report it):\n    ${output || r.error?.message || `exit ${r.status}`}`,
          entity: { kind: 'site', name: site },
          location: { file: c.file },
        });
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
