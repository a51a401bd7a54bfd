/**
 * What the format rules (`rule/format`, `prometheus/format`, `alertmanager/format`) share: how a YAML
 * value's type is named in messages, durations as Prometheus and Alertmanager read them, and their
 * one kind of finding.
 */
import type { LintFile } from '../files.js';
import { isRecord, scalarText } from './rules.js';
import { parseDuration } from './scrape-intervals.js';

/** Seconds of a duration Prometheus reads (`1h30m`, `0`; model.ParseDuration), undefined for one it refuses. */
export { parseDuration as durationSeconds };

/** `a list`, `a map`, `a single value`: a value of the wrong YAML type, in a message. */
export const typeName = (v: unknown) => (Array.isArray(v) ? 'a list' : isRecord(v) ? 'a map' : 'a single value');

/** The items of a list; nothing for a value that is not one (its rule reports it). */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The problem with a duration field's value, as the end of a sentence naming the field; undefined when Prometheus reads it. */
export function durationProblem(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined; // an empty value leaves the zero duration
  if (parseDuration(v) !== undefined) return undefined;
  const text = scalarText(v);
  if (text === undefined) return `is ${typeName(v)}, not a duration`;
  if (text === '') return 'is an empty string, not a duration';
  return `\`${text}\` is not a duration (such as \`30s\`, \`5m\` or \`1h30m\`)`;
}

type Path = (string | number)[];

/** A format rule's finding (messageId `invalid`: `{{where}}: {{problem}}; … refuses …. {{fix}}`) at `path` of a file's document. */
export function invalidAt(file: LintFile, doc: number, path: Path, where: string, problem: string, fix: string) {
  return {
    messageId: 'invalid' as const,
    data: { where, problem, fix },
    entity: { kind: 'file', name: file.path },
    location: { file: file.path, ...file.position(path, doc) },
  };
}
