import { readFileSync } from 'node:fs';
import { receiversFor, type RawRoute } from '@kiln/alertmanager';
import { parse } from 'yaml';
import type { Output } from '../output.js';
import { UsageError } from '../workspace.js';

/**
 * `kiln routes test --config.file=F [--verify.receivers=a,b] label=value…` — prints the receivers
 * an alert with these labels reaches, comma-joined in tree order, like `amtool config routes test`.
 */
export function routesTest(o: { file: string; verify: string | undefined; labels: string[] }, out: Output): number {
  const { file, verify } = o;
  const labels: Record<string, string> = {};
  for (const a of o.labels) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*=/.test(a)) throw new UsageError(`unexpected argument \`${a}\`; labels are written label=value`);
    const eq = a.indexOf('=');
    labels[a.slice(0, eq)] = a.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  let config: { route?: RawRoute };
  try {
    config = parse(readFileSync(file, 'utf8')) as { route?: RawRoute };
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (!config?.route) throw new UsageError(`${file} has no \`route\``);
  const receivers = receiversFor({ route: config.route }, labels).join(',');
  out.info(receivers);
  if (verify !== undefined && verify !== receivers) {
    out.error(`WARNING: Expected receivers did not match resolved receivers.`);
    return 1;
  }
  return 0;
}
