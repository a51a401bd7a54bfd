/**
 * Runs `promtool check rules` on a batch of expressions (one recording rule each, in one temporary
 * file) and returns promtool's verdict per expression.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';

export interface PromtoolVerdict {
  accepted: boolean;
  /** The parse error, without promtool's "could not parse expression: L:C: parse error: " prefix. */
  message?: string;
  line?: number;
  column?: number;
  /** The whole line promtool printed for the rule. */
  raw?: string;
}

/** promtool's version (e.g. "2.42.0"), or undefined when it cannot be run. */
export function promtoolVersion(): string | undefined {
  const run = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  return /version (\d+\.\d+\.\d+)/.exec(run.stdout + run.stderr)?.[1];
}

function ruleFile(exprs: readonly string[]): string {
  const rules = exprs.map((e, i) => `  - record: r${i}\n    expr: ${JSON.stringify(e)}\n`).join('');
  return `groups:\n- name: oracle\n  rules:\n${rules}`;
}

export function promtoolVerdicts(exprs: readonly string[]): PromtoolVerdict[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-promql-oracle-'));
  try {
    const file = join(dir, 'rules.yml');
    writeFileSync(file, ruleFile(exprs));
    const run = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    const output = `${run.stdout}\n${run.stderr}`;
    const verdicts: PromtoolVerdict[] = exprs.map(() => ({ accepted: true }));
    for (const line of output.split('\n')) {
      const m = /group "oracle", rule (\d+), "r\d+": (.*)$/.exec(line);
      if (!m) continue;
      const index = Number(m[1]) - 1;
      const detail = m[2] ?? '';
      const parse = /^could not parse expression: (\d+):(\d+): parse error: (.*)$/.exec(detail);
      verdicts[index] = parse
        ? { accepted: false, line: Number(parse[1]), column: Number(parse[2]), message: parse[3] ?? '', raw: detail }
        : { accepted: false, message: detail, raw: detail };
    }
    if (run.status !== 0 && verdicts.every((v) => v.accepted)) {
      throw new Error(`promtool failed without naming a rule:\n${output}`);
    }
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
