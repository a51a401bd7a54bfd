/**
 * Configuration files as the linter sees them: parsed YAML (or JSON) with positions, the kind of
 * file recognised from its content, and `# kiln-disable-next-line` / `# kiln-disable-file` suppressions.
 */
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments, type Document } from 'yaml';

export type FileKind =
  | 'prometheus-config'
  | 'alertmanager-config'
  | 'rules'
  | 'promtool-test'
  | 'kubernetes'
  | 'file-sd'
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

export function loadLintFile(path: string, text: string): LintFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const positionAt = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const parseErrors = list.flatMap((d) => d.errors.map((e) => ({ message: e.message.split('\n')[0]!, ...positionAt(e.pos[0]) })));
  const values = list.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  const kinds = values.map(classify);
  const kind = kinds.length === 0 ? 'unknown' : kinds.includes('kubernetes') ? 'kubernetes' : kinds[0]!;
  const suppressions: Suppression[] = [];
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
  return {
    path,
    kind,
    text,
    values,
    docs: list,
    positionAt,
    position(p, doc = 0) {
      const d = list[doc];
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
