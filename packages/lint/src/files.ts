/**
 * Configuration files as the linter sees them: parsed YAML (or JSON) with positions, the kind of
 * file recognised from its content, and `# kiln-disable-next-line` / `# kiln-disable-file` suppressions.
 */
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments, type Document } from 'yaml';
import { parsePlainYaml, type PlainNode } from './plain-yaml.js';

export type FileKind =
  | 'prometheus-config'
  | 'alertmanager-config'
  | 'rules'
  | 'promtool-test'
  | 'kubernetes'
  | 'file-sd'
  | 'metrics'
  | 'unknown';

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
  suppressions: Suppression[];
  parseErrors: { message: string; line: number; column: number }[];
  /** Metric types declared by `# TYPE name type` lines of a Prometheus text exposition (kind `metrics`). */
  metricTypes?: Map<string, string>;
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

/** What `Document.getIn(path, true)` finds, on parsePlainYaml's nodes. */
function plainNodeAt(root: PlainNode, path: (string | number)[]): PlainNode | undefined {
  let node: PlainNode | undefined = root;
  for (const k of path) {
    if (node?.keys) node = typeof k === 'string' ? node.keys.get(k)?.node : undefined;
    else if (node?.items) {
      const index = typeof k === 'number' ? k : k === '' ? NaN : Number(k);
      node = Number.isInteger(index) && index >= 0 ? node.items[index] : undefined;
    } else return undefined;
  }
  return node;
}

/** LintFile.position's offset on parsePlainYaml's nodes; undefined when it is an empty value's, which only the full parser knows. */
function plainOffset(root: PlainNode, p: (string | number)[]): number | undefined {
  const last = p[p.length - 1];
  const parent = plainNodeAt(root, p.slice(0, -1));
  const entry = typeof last === 'string' ? parent?.keys?.get(last) : undefined;
  if (entry) return entry.key;
  for (let n = p.length; n >= 0; n--) {
    const node = plainNodeAt(root, p.slice(0, n));
    if (node) return node.start >= 0 ? node.start : undefined;
  }
  return root.start;
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

export function loadLintFile(path: string, text: string): LintFile {
  const types = exposition(path, text);
  if (types) {
    const lines = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.push(i + 1);
    return {
      path,
      kind: 'metrics',
      text,
      values: [],
      docs: [],
      position: () => ({ line: 1, column: 1 }),
      positionAt: (offset) => linePos(lines, offset),
      suppressions: [],
      parseErrors: [],
      metricTypes: types,
    };
  }
  // Most files are in the block-style subset parsePlainYaml reads (several times faster, with the
  // offsets of keys and values); the full parser runs only for files outside it, or when a finding
  // needs what only it knows (the position of an empty value, the scalar nodes exprLocation reads).
  const plain = parsePlainYaml(text);
  let full: { docs: Document[]; lineCounter: LineCounter } | undefined;
  const parseFull = () => {
    if (!full) {
      const lineCounter = new LineCounter();
      const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
      full = { docs: Array.isArray(docs) ? docs : [], lineCounter };
    }
    return full;
  };
  const positionAt = (offset: number) => {
    if (plain) return linePos(plain.lineStarts, offset);
    const p = parseFull().lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const parseErrors =
    plain !== undefined ? [] : parseFull().docs.flatMap((d) => d.errors.map((e) => ({ message: e.message.split('\n')[0]!, ...positionAt(e.pos[0]) })));
  const values = plain !== undefined ? [plain.root.value] : parseFull().docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
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
      const offset = plain && doc === 0 ? plainOffset(plain.root, p) : undefined;
      if (offset !== undefined) return positionAt(offset);
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
    },
    suppressions,
    parseErrors,
  };
}
