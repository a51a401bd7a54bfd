/** Helpers to run the real Prometheus tools. A missing tool fails the test: it is never skipped. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '../../..');
export const GENERATED = join(REPO, 'generated');

export function requireTool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `${name} is not installed; run \`node tools/ensure-tools.mjs\` (or apt-get install -y prometheus prometheus-alertmanager prometheus-node-exporter)`,
    );
  }
  return found.stdout.trim();
}

export interface RunResult {
  status: number | null;
  stdout: string;
  /** stdout and stderr together. */
  output: string;
}

export function run(tool: string, args: string[], cwd?: string): RunResult {
  const r = spawnSync(requireTool(tool), args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}` };
}

export function generatedSites(): string[] {
  return readdirSync(GENERATED, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function filesIn(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}
