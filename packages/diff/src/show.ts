/** How values appear in the report: short, in code spans, labels as `k=v`. */
import type { Labels } from './parse.js';

const MAX = 100;

/** A Markdown code span that survives backticks inside. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function clip(text: string, max = MAX): string {
  const one = text.replace(/\s*\n\s*/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A value as a short code span (`(none)` when absent). */
export function value(v: unknown): string {
  if (v === undefined) return '(none)';
  return code(clip(typeof v === 'string' ? v : JSON.stringify(v)));
}

/** `severity=critical, host=atlas` — severity first, then by name; `alertname` left out. */
export function labelList(labels: Labels): string {
  const keys = Object.keys(labels)
    .filter((k) => k !== 'alertname')
    .sort((a, b) => (a === 'severity' ? -1 : b === 'severity' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${k}=${labels[k]}`).join(', ');
}

/** `` `NodeDown` (severity=critical) `` */
export function alertName(name: string, labels: Labels): string {
  const l = labelList(labels);
  return l ? `${code(name)} (${l})` : code(name);
}

export function receiverList(receivers: string[]): string {
  return receivers.length === 0 ? 'no receiver' : receivers.join(' + ');
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
