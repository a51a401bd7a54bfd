/**
 * logfmt lines (`ts=… level=info msg="…" key=value`), the style of Prometheus' own logs. Every line
 * passes through `redact`, so a secret that reached a message by accident is still not written.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, string | number>) => void;

function value(v: string | number): string {
  const text = String(v);
  return /^[\w.:/@!-]+$/.test(text) ? text : JSON.stringify(text);
}

export function createLogger(write: (line: string) => void, secrets: string[] = [], now: () => Date = () => new Date()): Logger {
  const hidden = secrets.filter((s) => s.length > 0);
  const redact = (line: string) => hidden.reduce((text, secret) => text.split(secret).join('<redacted>'), line);
  return (level, msg, fields = {}) => {
    const pairs = Object.entries({ ts: now().toISOString(), level, msg, ...fields }).map(([k, v]) => `${k}=${value(v)}`);
    write(redact(pairs.join(' ')));
  };
}
