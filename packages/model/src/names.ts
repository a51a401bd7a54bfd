/**
 * One rule per kind of name, each with a message that says which part of the rule a value broke
 * and shows a valid example. Names reach DNS, file names, YAML keys and PromQL, so they are ASCII
 * only: a Cyrillic `а` that looks like `a` is a different host to every tool downstream.
 */

/** Longest DNS label (RFC 1123). */
export const MAX_NAME_LENGTH = 63;
/** Longest alert or label name Kiln accepts; Prometheus has no fixed limit, generated files and queries need one. */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Longest free text (descriptions, summaries, purposes): 4 KiB. */
export const MAX_TEXT_LENGTH = 4096;
/** Longest one-line value (role, OS, model, user name, label value). */
export const MAX_SHORT_TEXT_LENGTH = 256;
/** Longest file path (Linux PATH_MAX) and URL. */
export const MAX_PATH_LENGTH = 4096;
export const MAX_URL_LENGTH = 2048;
/** Longest PromQL expression or promtool series notation. */
export const MAX_EXPR_LENGTH = 16384;
/** Longest DNS name (RFC 1035). */
export const MAX_DNS_NAME_LENGTH = 253;

/** RFC 1123 label that starts with a letter: hosts, VLANs, shares, services, receivers, the site. */
export const DNS_LABEL_PATTERN = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
export const DNS_NAME_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
export const ALERT_NAME_PATTERN = /^[A-Z][A-Za-z0-9]*$/;
/** Prometheus' legacy label-name charset; the `__` prefix is reserved for Prometheus' internal labels. */
export const LABEL_NAME_PATTERN = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;

export const NAME_RULE =
  'names are RFC 1123 DNS labels: lower-case letters a–z, digits and `-`, 1–63 characters, starting with a letter and not ending with `-` (e.g. `atlas`, `nic-1`)';
export const ALERT_NAME_RULE =
  'alert names are UpperCamelCase: an upper-case letter, then letters and digits, at most 128 characters (e.g. `NfsMountUnavailable`)';
export const LABEL_NAME_RULE =
  'label names are letters, digits and `_`, starting with a letter or `_`, not starting with `__` (reserved by Prometheus), at most 128 characters (e.g. `environment`)';

/** A value as it may be shown in a message: control characters escaped, long values cut. */
export function shown(value: unknown, max = 40): string {
  if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
  const escaped = JSON.stringify(value.length > max ? value.slice(0, max) : value).slice(1, -1);
  return value.length > max ? `\`${escaped}…\` (${value.length} characters)` : `\`${escaped}\``;
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a name under a charset rule, in words; undefined when nothing is. */
function charsetProblem(value: string, allowed: RegExp, max: number): string | undefined {
  if (value.length === 0) return 'it is empty';
  if (value.length > max) return `it is ${value.length} characters long (at most ${max})`;
  const nonAscii = [...value].find((ch) => ch.charCodeAt(0) > 0x7e || ch.charCodeAt(0) < 0x20);
  if (nonAscii !== undefined) {
    return nonAscii.charCodeAt(0) < 0x20 || nonAscii.charCodeAt(0) === 0x7f
      ? `it contains the control character ${codePoint(nonAscii)}`
      : `it contains the non-ASCII character \`${nonAscii}\` (${codePoint(nonAscii)}), which can look like an ASCII letter but is a different name to every tool`;
  }
  const bad = [...new Set([...value].filter((ch) => !allowed.test(ch)))];
  if (bad.length > 0) return `it contains ${bad.map((c) => `\`${c}\``).join(', ')}`;
  return undefined;
}

export function nameProblem(value: string): string | undefined {
  if (DNS_LABEL_PATTERN.test(value) && value.length <= MAX_NAME_LENGTH) return undefined;
  const why =
    charsetProblem(value, /[A-Za-z0-9-]/, MAX_NAME_LENGTH) ??
    (/[A-Z]/.test(value) ? `it contains upper-case letters (write \`${value.toLowerCase()}\`)` : undefined) ??
    (/^[a-z]/.test(value) ? undefined : `it starts with \`${value[0]}\` instead of a letter`) ??
    'it ends with `-`';
  return why;
}

export function alertNameProblem(value: string): string | undefined {
  if (ALERT_NAME_PATTERN.test(value) && value.length <= MAX_IDENTIFIER_LENGTH) return undefined;
  return charsetProblem(value, /[A-Za-z0-9]/, MAX_IDENTIFIER_LENGTH) ?? 'it does not start with an upper-case letter';
}

export function labelNameProblem(value: string): string | undefined {
  if (LABEL_NAME_PATTERN.test(value) && value.length <= MAX_IDENTIFIER_LENGTH) return undefined;
  return (
    charsetProblem(value, /[A-Za-z0-9_]/, MAX_IDENTIFIER_LENGTH) ??
    (value.startsWith('__') ? 'it starts with `__`, which Prometheus reserves for its internal labels' : 'it starts with a digit')
  );
}

/** The message for a name that broke a rule: the value, what is wrong, and the rule with an example. */
export const nameMessage = (value: unknown, problem: string | undefined, rule: string): string =>
  `${shown(value)} is not a valid name: ${problem ?? 'it is not a string'}; ${rule}`;
