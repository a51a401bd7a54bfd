const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, y: 365 * 86400e3 };

/** Milliseconds of a Prometheus duration such as `1h30m`. */
export function durationMs(d: string): number {
  let total = 0;
  for (const [, n, unit] of d.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}

/** The shortest Prometheus spelling of a whole number of seconds, e.g. 5400 → `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]!);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * UNIT_MS[unit]!;
  }
  return out + (rest > 0 ? `${rest}ms` : '');
}
