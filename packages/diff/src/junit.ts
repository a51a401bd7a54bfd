/** JUnit XML (the dialect CI systems read: testsuites > testsuite > testcase with failure/skipped). */

export interface JUnitCase {
  name: string;
  classname: string;
  /** Seconds. */
  time?: number;
  /** Failure message and details; absent when the case passed. */
  failure?: { message: string; details?: string };
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
}

const escape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters, even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitXml(suites: JUnitSuite[]): string {
  const total = (f: (c: JUnitCase) => boolean) => suites.reduce((n, s) => n + s.cases.filter(f).length, 0);
  const time = (cs: JUnitCase[]) => cs.reduce((n, c) => n + (c.time ?? 0), 0).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kiln test" tests="${total(() => true)}" failures="${total((c) => !!c.failure)}" errors="0" time="${time(suites.flatMap((s) => s.cases))}">`,
  ];
  for (const s of suites) {
    lines.push(
      `  <testsuite name="${escape(s.name)}" tests="${s.cases.length}" failures="${s.cases.filter((c) => c.failure).length}" errors="0" skipped="0" time="${time(s.cases)}">`,
    );
    for (const c of s.cases) {
      const open = `    <testcase name="${escape(c.name)}" classname="${escape(c.classname)}" time="${(c.time ?? 0).toFixed(3)}"`;
      if (!c.failure) lines.push(`${open}/>`);
      else
        lines.push(
          `${open}>`,
          `      <failure message="${escape(c.failure.message)}">${escape(c.failure.details ?? c.failure.message)}</failure>`,
          '    </testcase>',
        );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
