/**
 * Go templates as Prometheus uses them in alert labels and annotations: a small scanner for action
 * delimiters, strings, block structure, function names and variables, and the `$labels` references.
 */
/** Prometheus' template functions (template/template.go) and Go's text/template builtins. */
export const FUNCTIONS = new Set([
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'args',
  'reReplaceAll',
  'safeHtml',
  'match',
  'title',
  'toUpper',
  'toLower',
  'graphLink',
  'tableLink',
  'sortByLabel',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'toTime',
  'toDuration',
  'pathPrefix',
  'externalURL',
  'parseDuration',
  'now',
  'urlQueryEscape',
  'stripPort',
  'stripDomain',
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'html',
  'js',
  'urlquery',
  'call',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
]);
/** Variables Prometheus defines before expanding an alert's labels and annotations. */
const PREDEFINED = ['$', '$labels', '$externalLabels', '$externalURL', '$value'];
const OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);
/** Words that start an action without being function calls. */
const KEYWORDS = new Set([...OPENERS, 'else', 'end', 'template', 'break', 'continue']);
const CONSTANTS = new Set(['true', 'false', 'nil']);

type TokenKind = 'string' | 'number' | 'var' | 'field' | 'ident' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
  /** Strings: the unquoted value; variables, fields and identifiers: the head (`$labels` of `$labels.host`). */
  value: string;
  /** The field chain after the head: `$labels.host` → `['host']`, `.Labels.job` → `['Labels', 'job']`. */
  fields: string[];
}

export interface TemplateFinding {
  messageId: 'syntax' | 'unknownFunction' | 'undefinedVariable' | 'strayClose';
  data: Record<string, string>;
}

const TOKEN =
  /\s+|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)+'|[+-]?\d[\w.]*(?:[eEpP][+-]\d+)?|\$\w*(?:\.\w+)*|(?:\.\w+)+|\.|[A-Za-z_]\w*(?:\.\w+)*|:=|[=|(),]/y;

function tokenize(body: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(body);
    if (!m) {
      const c = body[start]!;
      return c === '"' || c === "'" ? 'unterminated quoted string' : `unexpected \`${c}\` in action`;
    }
    const text = m[0];
    if (/^\s/.test(text)) continue;
    const c = text[0]!;
    if (c === '"' || c === '`' || c === "'")
      tokens.push({ kind: 'string', text, value: c === '`' ? text.slice(1, -1) : unquote(text), fields: [] });
    else if (/[\d+-]/.test(c)) tokens.push({ kind: 'number', text, value: text, fields: [] });
    else if (c === '$' || c === '.' || /[A-Za-z_]/.test(c)) {
      const [head, ...fields] = c === '.' ? ['.', ...text.split('.').slice(1)] : text.split('.');
      tokens.push({ kind: c === '$' ? 'var' : c === '.' ? 'field' : 'ident', text, value: head!, fields: fields.filter(Boolean) });
    } else tokens.push({ kind: 'punct', text, value: text, fields: [] });
  }
  return tokens;
}

function unquote(text: string): string {
  try {
    return JSON.parse(text.replace(/^'|'$/g, '"')) as string;
  } catch {
    return text.slice(1, -1);
  }
}

const QUOTE_OR_COMMENT = /["'`]|\/\*/;

/** The end of the action that starts at `from` (just after `{{`): the index of its `}}`, skipping strings and comments. */
function actionEnd(text: string, from: number): number | string {
  // Most actions (`{{ $labels.host }}`) hold no string or comment: the first `}}` closes them.
  const close = text.indexOf('}}', from);
  if (close >= 0 && !QUOTE_OR_COMMENT.test(text.slice(from, close))) return close;
  let i = from;
  while (i < text.length) {
    if (text.startsWith('}}', i)) return i;
    const c = text[i]!;
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return 'unclosed comment';
      i = close + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (text[j] !== c) return 'unterminated quoted string';
      i = j + 1;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return 'unterminated raw quoted string';
      i = close + 1;
    } else i++;
  }
  return -1;
}

/**
 * An action that is one variable or field chain, piped through functions without arguments
 * (`$labels.host`, `$value | humanizePercentage`, `.Labels.job`): most actions of real alerts,
 * checked without the tokenizer. The groups: the variable (`$labels`; empty for a field chain),
 * the chain (`.host`), the pipes.
 */
const SIMPLE_ACTION = /^(\$\w*|(?=\.\w))((?:\.\w+)*)((?:\s*\|\s*[A-Za-z_]\w*)*)$/;
const PIPED_FUNCTION = /\|\s*([A-Za-z_]\w*)/g;

export interface LabelRef {
  label: string;
  /** How the template spells it, e.g. `$labels.host`. */
  spelled: string;
}

/**
 * A small scanner for Go templates as Prometheus uses them in alert labels and annotations: action
 * delimiters, strings, block structure (`if`/`range`/`with` … `end`), function names and variables.
 * It reports the first structural problem, like Go's parser, and collects `$labels` references.
 */
export function scanTemplate(text: string): { findings: TemplateFinding[]; refs: LabelRef[] } {
  return scanWith(text, true);
}

/** scanTemplate without the shortcut for simple actions: every action through the tokenizer (for the differential test). */
export function scanTemplateTokenized(text: string): { findings: TemplateFinding[]; refs: LabelRef[] } {
  return scanWith(text, false);
}

/** Plain text (most label values: `warning`, `critical`): no action and no stray `}}`, nothing to scan. */
export const isPlainText = (text: string): boolean => !text.includes('{{') && !text.includes('}}');

function scanWith(text: string, shortcut: boolean): { findings: TemplateFinding[]; refs: LabelRef[] } {
  if (isPlainText(text)) return { findings: [], refs: [] };
  const findings: TemplateFinding[] = [];
  const refs: LabelRef[] = [];
  const stack: string[] = [];
  const declared = new Set(PREDEFINED);
  const syntax = (problem: string): false => {
    findings.push({ messageId: 'syntax', data: { problem } });
    return false;
  };

  /** Checks one action; returns false when scanning cannot go on (Go's parser stops at the first error). */
  const action = (body: string, column: number): boolean => {
    const simple = shortcut ? SIMPLE_ACTION.exec(body) : null;
    if (simple) {
      // What the token walk below finds in such an action, without tokens.
      const [, head, chain, pipes] = simple as unknown as [string, string, string, string];
      const fields = chain.split('.');
      if (head !== '' && !declared.has(head)) findings.push({ messageId: 'undefinedVariable', data: { name: head } });
      if (head === '$labels' && fields[1]) refs.push({ label: fields[1], spelled: `$labels.${fields[1]}` });
      if (head === '' && fields[1] === 'Labels' && fields[2] && !stack.some((s) => s === 'range' || s === 'with'))
        refs.push({ label: fields[2], spelled: `.Labels.${fields[2]}` });
      for (const m of pipes.matchAll(PIPED_FUNCTION)) {
        const name = m[1]!;
        if (!CONSTANTS.has(name) && !FUNCTIONS.has(name)) findings.push({ messageId: 'unknownFunction', data: { name } });
      }
      return true;
    }
    const tokens = tokenize(body);
    if (typeof tokens === 'string') return syntax(`${tokens} (action at column ${column})`);
    if (tokens.length === 0) return syntax(`missing value for command (empty action at column ${column})`);
    const first = tokens[0]!;
    const keyword = first.kind === 'ident' && first.fields.length === 0 && KEYWORDS.has(first.value) ? first.value : '';
    if (keyword === 'end') {
      if (stack.pop()) return true;
      return syntax(`unexpected \`end\` at column ${column}: no \`if\`, \`range\` or \`with\` is open`);
    }
    if (keyword === 'else' && !['if', 'range', 'with'].includes(stack[stack.length - 1] ?? ''))
      return syntax(`unexpected \`else\` at column ${column}`);
    if ((keyword === 'break' || keyword === 'continue') && !stack.includes('range'))
      return syntax(`\`${keyword}\` outside \`range\` at column ${column}`);
    if (OPENERS.has(keyword) && tokens.length === 1) return syntax(`missing value for ${keyword} (action at column ${column})`);
    if (OPENERS.has(keyword)) stack.push(keyword);
    let depth = 0;
    tokens.forEach((t, n) => {
      const prev = tokens[n - 1];
      const next = tokens[n + 1];
      if (t.text === '(') depth++;
      if (t.text === ')' && --depth < 0) syntax(`unexpected right paren in the action at column ${column}`);
      if (t.kind === 'var') {
        const declares =
          next?.text === ':=' ||
          (next?.text === ',' && tokens[n + 2]?.kind === 'var' && tokens[n + 3]?.text === ':=') ||
          (prev?.text === ',' && next?.text === ':=');
        if (declares) declared.add(t.value);
        else if (!declared.has(t.value)) findings.push({ messageId: 'undefinedVariable', data: { name: t.value } });
        if (t.value === '$labels' && t.fields[0]) refs.push({ label: t.fields[0], spelled: `$labels.${t.fields[0]}` });
        if (t.value === '$labels' && t.fields.length === 0 && prev?.text === 'index' && next?.kind === 'string')
          refs.push({ label: next.value, spelled: `index $labels ${next.text}` });
      } else if (t.kind === 'field' && t.fields[0] === 'Labels' && t.fields[1] && !stack.some((s) => s === 'range' || s === 'with')) {
        // Inside range/with the dot is something else; outside it is the alert's data.
        refs.push({ label: t.fields[1], spelled: `.Labels.${t.fields[1]}` });
      } else if (
        t.kind === 'ident' &&
        !(n === 0 && keyword !== '') &&
        !CONSTANTS.has(t.value) &&
        !(prev?.value === 'else' && (t.value === 'if' || t.value === 'with'))
      ) {
        if (!FUNCTIONS.has(t.value)) findings.push({ messageId: 'unknownFunction', data: { name: t.value } });
      }
    });
    if (depth > 0) syntax(`unclosed left paren in the action at column ${column}`);
    return true;
  };

  const scan = (): boolean => {
    let i = 0;
    for (;;) {
      const open = text.indexOf('{{', i);
      const stray = text.slice(i, open < 0 ? undefined : open).indexOf('}}');
      if (stray >= 0) findings.push({ messageId: 'strayClose', data: { column: String(i + stray + 1) } });
      if (open < 0) break;
      const end = actionEnd(text, open + 2);
      if (typeof end === 'string') return syntax(`${end} in the action at column ${open + 1}`);
      if (end < 0) return syntax(`unclosed action: the double brace at column ${open + 1} is never closed`);
      i = end + 2;
      const body = text
        .slice(open + 2, end)
        .replace(/^-(?=\s)/, '')
        .replace(/(?<=\s)-$/, '')
        .trim();
      if (/^\/\*[\s\S]*\*\/$/.test(body)) continue;
      if (!action(body, open + 1)) return false;
    }
    if (stack.length > 0) return syntax(`unexpected end of template: \`${stack[stack.length - 1]}\` is never closed with \`end\``);
    return true;
  };
  scan();
  return { findings, refs };
}
