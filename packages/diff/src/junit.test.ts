import { describe, expect, it } from 'vitest';
import { junitXml } from './junit.js';

describe('junitXml', () => {
  it('writes suites and cases with counts, failures and escaped text', () => {
    const xml = junitXml([
      { name: 'lab promtool', cases: [{ name: 'a.test.yml', classname: 'lab.promtool', time: 0.5 }] },
      {
        name: 'lab routing',
        cases: [
          {
            name: 'crit <page> & "mail"',
            classname: 'lab.routing',
            failure: { message: 'expected a, got b', details: 'line1\nline2\u0007' },
          },
        ],
      },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="kiln test" tests="2" failures="1" errors="0" time="0.500">',
        '  <testsuite name="lab promtool" tests="1" failures="0" errors="0" skipped="0" time="0.500">',
        '    <testcase name="a.test.yml" classname="lab.promtool" time="0.500"/>',
        '  </testsuite>',
        '  <testsuite name="lab routing" tests="1" failures="1" errors="0" skipped="0" time="0.000">',
        '    <testcase name="crit &lt;page&gt; &amp; &quot;mail&quot;" classname="lab.routing" time="0.000">',
        '      <failure message="expected a, got b">line1\nline2</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});
