/**
 * Test helper: the exit status of a real tool (promtool, amtool) on a text written to a scratch file,
 * for the format rules' tests, which check that every fixture they flag is one the tool refuses.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** `check(text)` runs `tool ...args <file>` on the text saved as `fileName`; the scratch folder goes after the file's tests. */
export function toolVerdict(tool: string, args: string[], fileName: string): (text: string) => number | null {
  const dir = mkdtempSync(join(tmpdir(), `kiln-${tool}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (text) => {
    const file = join(dir, fileName);
    writeFileSync(file, text);
    const r = spawnSync(tool, [...args, file], { encoding: 'utf8' });
    if (r.error) throw r.error;
    return r.status;
  };
}
