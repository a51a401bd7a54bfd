/**
 * Configuration files as the linter sees them: parsed YAML (or JSON) with positions, the kind of
 * file recognised from its content, and `# kiln-disable-next-line` / `# kiln-disable-file` suppressions.
 */
import type { Document } from 'yaml';
import { yaml } from './lazy-yaml.js';
import { fastOffset, fastScalar, readFast } from './yaml-fast.js';
import { contentStart, locate, readFrames, readValues, type Frame } from './yaml-reader.js';

export type FileKind =
  'prometheus-config' | 'alertmanager-config' | 'rules' | 'promtool-test' | 'kubernetes' | 'file-sd' | 'metrics' | 'unknown';

export interface Suppression {
  /** Line the suppression applies to (the one after the comment); 0 for a file-wide suppression. */
  line: number;
  rules: string[];
  reason?: string;
  commentLine: number;
}

export interface LintFile {
  path: string;
  kind: FileKind;
  text: string;
  /** One value per YAML document. */
  values: unknown[];
  docs: Document[];
  /**
   * 1-based position of the node at `path` in document `doc` — of its key when it is a map entry —
   * or of its nearest existing parent.
   */
  position(path: (string | number)[], doc?: number): { line: number; column: number };
  /** 1-based position of a character offset. */
  positionAt(offset: number): { line: number; column: number };
  /** Where the scalar at `path` is written: its first and past-last offsets and style; undefined when it is not a scalar. */
  scalar(path: (string | number)[], doc?: number): ScalarSource | undefined;
  suppressions: Suppression[];
  parseErrors: { message: string; line: number; column: number }[];
  /** Metric types declared by `# TYPE name type` lines of a Prometheus text exposition (kind `metrics`). */
  metricTypes?: Map<string, string>;
}

export interface ScalarSource {
  start: number;
  end: number;
  style: 'plain' | 'block' | 'double' | 'single';
}

const SUPPRESS = /#\s*kiln-disable-(next-line|file)\s+([\w/,\s-]+?)(?:\s+--\s*(.*))?\s*$/;

function classify(value: unknown): FileKind {
  if (Array.isArray(value)) return value.every((g) => g && typeof g === 'object' && 'targets' in g) ? 'file-sd' : 'unknown';
  if (!value || typeof value !== 'object') return 'unknown';
  const v = value as Record<string, unknown>;
  if ('apiVersion' in v && 'kind' in v) return 'kubernetes';
  if ('rule_files' in v && 'tests' in v) return 'promtool-test';
  if ('groups' in v) return 'rules';
  if ('route' in v || 'receivers' in v) return 'alertmanager-config';
  if ('scrape_configs' in v || 'global' in v || 'rule_files' in v) return 'prometheus-config';
  return 'unknown';
}

/** 1-based position of an offset, as `yaml`'s LineCounter computes it. */
function linePos(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, column: 1 };
  if (low === 0) return { line: 0, column: offset };
  return { line: low, column: offset - lineStarts[low - 1]! + 1 };
}

const TYPE_LINE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|gaugehistogram|summary|info|stateset|unknown)\s*$/gm;

/**
 * A Prometheus text exposition (what `/metrics` serves, saved as `*.prom`/`*.txt`): its `# TYPE`
 * lines say which metrics are counters. Undefined for any other text.
 */
function exposition(path: string, text: string): Map<string, string> | undefined {
  if (!/\.(prom|txt|metrics)$/.test(path) && !/^# (HELP|TYPE) /.test(text)) return undefined;
  const types = new Map<string, string>();
  for (const m of text.matchAll(TYPE_LINE)) types.set(m[1]!, m[2]!);
  return types.size > 0 ? types : undefined;
}

function lineStartsOf(text: string): number[] {
  const lines = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.push(i + 1);
  return lines;
}

const styleOf = (c: string | undefined): ScalarSource['style'] =>
  c === '|' || c === '>' ? 'block' : c === '"' ? 'double' : c === "'" ? 'single' : 'plain';

function fullScalar(docs: Document[], path: (string | number)[], doc: number): ScalarSource | undefined {
  const { isScalar, Scalar } = yaml();
  const node = docs[doc]?.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const style =
    node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED
      ? 'block'
      : node.type === Scalar.QUOTE_DOUBLE
        ? 'double'
        : node.type === Scalar.QUOTE_SINGLE
          ? 'single'
          : 'plain';
  return { start: node.range[0], end: node.range[1], style };
}

/** C0 controls other than tab, LF and CR, DEL, and C1 controls other than NEL: outside YAML's printable set. */
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F]/;

/** A reader's error message, first line only; running out of stack is said as what it means. */
function readerMessage(message: string): string {
  const first = message.split('\n')[0]!;
  return first.startsWith('Maximum call stack size exceeded')
    ? 'nested too deeply to read; rule and configuration files nest a few levels — was this file generated by mistake?'
    : first;
}

/** `fastYaml: false` reads as before the fast reader (js-yaml alone): the tests compare the two. */
export function loadLintFile(path: string, text: string, { fastYaml = true }: { fastYaml?: boolean } = {}): LintFile {
  const types = exposition(path, text);
  let lineStarts: number[] | undefined;
  const positionAt = (offset: number) => linePos((lineStarts ??= lineStartsOf(text)), offset);
  if (types) {
    return {
      path,
      kind: 'metrics',
      text,
      values: [],
      docs: [],
      position: () => ({ line: 1, column: 1 }),
      positionAt,
      scalar: () => undefined,
      suppressions: [],
      parseErrors: [],
      metricTypes: types,
    };
  }
  // The fast reader reads the values and positions of the usual shapes in one pass. When it
  // declines, js-yaml reads the values; positions come from its parse events, recorded only when a
  // finding asks (a second parse). `yaml` runs only for files js-yaml rejects (to report every error
  // with its place), for shapes the events cannot place, and for the Kubernetes ConfigMaps embedded.ts reads.
  const quick = fastYaml ? readFast(text) : undefined;
  const read = quick ? [quick.value] : readValues(text);
  let frames: Frame[] | undefined | null;
  const framesOf = () => (frames === undefined ? (frames = read ? (readFrames(text) ?? null) : null) : frames);
  let full: { docs: Document[] } | undefined;
  const parseFull = () => {
    if (!full) {
      const docs = yaml().parseAllDocuments(text, { uniqueKeys: true, logLevel: 'error' });
      // Numbered as `values` are: documents without content are dropped.
      full = { docs: (Array.isArray(docs) ? docs : []).filter((d) => d.contents !== null || d.errors.length > 0) };
    }
    return full;
  };
  let parseErrors: LintFile['parseErrors'] = [];
  let values: unknown[];
  if (read) values = read.filter((v) => v !== null && v !== undefined);
  else {
    parseErrors = parseFull().docs.flatMap((d) => d.errors.map((e) => ({ message: readerMessage(e.message), ...positionAt(e.pos[0]) })));
    // `yaml` takes control characters js-yaml (and Go's yaml, which Prometheus reads with) refuse.
    const control = parseErrors.length === 0 ? NON_PRINTABLE.exec(text) : null;
    if (control)
      parseErrors.push({
        message: `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in YAML (Prometheus and Alertmanager refuse the file); is it a binary file?`,
        ...positionAt(control.index),
      });
    values = [];
    for (const d of parseFull().docs) {
      try {
        const v = d.toJS({ maxAliasCount: -1 }) as unknown;
        if (v !== null && v !== undefined) values.push(v);
      } catch (err) {
        parseErrors.push({ message: readerMessage(err instanceof Error ? err.message : String(err)), line: 1, column: 1 });
      }
    }
  }
  const framePosition = (p: (string | number)[], doc: number) => {
    // Documents are numbered as `values` (empty ones dropped) in both readers.
    const root = framesOf()?.filter((f) => f.result !== null && f.result !== undefined)[doc];
    const found = root && locate(root, p);
    if (found) return positionAt(found.key ? found.key.pos : contentStart(text, found.node.pos, found.node.end));
    const { isMap, isNode, isScalar } = yaml();
    const d = parseFull().docs[doc];
    const last = p[p.length - 1];
    const parent = d && (p.length === 1 ? d.contents : d.getIn(p.slice(0, -1), true));
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((i) => isScalar(i.key) && i.key.value === last);
      if (pair && isNode(pair.key) && pair.key.range) return positionAt(pair.key.range[0]);
    }
    for (let n = p.length; d && n >= 0; n--) {
      const node = n === 0 ? d.contents : d.getIn(p.slice(0, n), true);
      if (isNode(node) && node.range) return positionAt(node.range[0]);
    }
    return { line: 1, column: 1 };
  };
  const frameScalar = (p: (string | number)[], doc: number): ScalarSource | undefined => {
    const root = framesOf()?.filter((f) => f.result !== null && f.result !== undefined)[doc];
    const found = root && locate(root, p);
    if (found?.complete) {
      const f = found.node;
      if (f.kind !== 'scalar' || typeof f.result !== 'string') return undefined;
      const start = contentStart(text, f.pos, f.end);
      if (text[start] !== '&' && text[start] !== '!' && text[start] !== '*') return { start, end: f.end, style: styleOf(text[start]) };
    }
    return fullScalar(parseFull().docs, p, doc);
  };
  const kinds = values.map(classify);
  const kind = kinds.length === 0 ? 'unknown' : kinds.includes('kubernetes') ? 'kubernetes' : kinds[0]!;
  const suppressions: Suppression[] = [];
  if (text.includes('kiln-disable-')) {
    text.split('\n').forEach((line, i) => {
      const m = SUPPRESS.exec(line);
      if (m) {
        suppressions.push({
          line: m[1] === 'file' ? 0 : i + 2,
          commentLine: i + 1,
          rules: m[2]!.split(/[,\s]+/).filter(Boolean),
          ...(m[3] && m[3].trim() !== '' && { reason: m[3].trim() }),
        });
      }
    });
  }
  return {
    path,
    kind,
    text,
    values,
    get docs() {
      return parseFull().docs;
    },
    positionAt,
    position(p, doc = 0) {
      const offset = quick && doc === 0 ? fastOffset(quick, p) : undefined;
      return offset === undefined ? framePosition(p, doc) : positionAt(offset);
    },
    scalar(p, doc = 0) {
      const source = quick && doc === 0 ? fastScalar(quick, p) : undefined;
      return source === undefined ? frameScalar(p, doc) : (source ?? undefined);
    },
    suppressions,
    parseErrors,
  };
}
