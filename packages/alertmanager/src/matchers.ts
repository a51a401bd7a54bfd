/**
 * Alertmanager label matchers (`label="v"`, `!=`, `=~`, `!~`), with the semantics of
 * prometheus/alertmanager pkg/labels: regexes are fully anchored, a missing label has value "".
 */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*|"[^"]*")\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

function unquote(raw: string): string {
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    return raw.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return raw;
}

export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m) throw new Error(`bad matcher format: ${text}`);
  return { name: unquote(m[1]!), op: m[2] as Matcher['op'], value: unquote(m[3]!) };
}

const regexCache = new Map<string, RegExp>();
function anchored(re: string): RegExp {
  let r = regexCache.get(re);
  if (!r) {
    // Go's RE2 and JS agree on the syntax Alertmanager users write; `(?s)` is RE2's dotall flag.
    const dotAll = re.startsWith('(?s)');
    r = new RegExp(`^(?:${dotAll ? re.slice(4) : re})$`, dotAll ? 's' : '');
    regexCache.set(re, r);
  }
  return r;
}

export function matches(m: Matcher, labels: Record<string, string>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return anchored(m.value).test(v);
    case '!~':
      return !anchored(m.value).test(v);
  }
}

export const matchesAll = (ms: Matcher[], labels: Record<string, string>) => ms.every((m) => matches(m, labels));
