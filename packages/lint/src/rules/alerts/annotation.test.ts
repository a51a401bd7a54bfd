import { describe, expect, it } from 'vitest';
import { lint } from '../../engine.js';
import { loadLintFile } from '../../files.js';
import { testRule } from '../../rule-tester.js';
import rule from './annotation.js';

const alert = (annotations: string, expr = 'up == 0') =>
  `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${expr}\n${annotations}`;

testRule(rule, {
  valid: [
    {
      name: 'summary and description',
      files: { 'r.yml': alert('        annotations:\n          summary: down\n          description: the host is down\n') },
    },
    {
      name: 'recording rules need none',
      files: { 'r.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n' },
    },
    {
      name: 'a different required set',
      files: { 'r.yml': alert('        annotations: {runbook_url: https://wiki/x}\n') },
      options: { required: ['runbook_url'] },
    },
    {
      name: "the mixins' `message` when the site requires it",
      files: { 'r.yml': alert('        annotations: {message: down}\n') },
      options: { required: ['message'] },
    },
    { name: 'a watchdog that reads no series is exempt', files: { 'r.yml': alert('', 'vector(1)') } },
  ],
  invalid: [
    {
      name: 'no annotations at all: one finding per alert, at the alert',
      files: { 'r.yml': alert('') },
      errors: [{ messageId: 'missing', line: 4, message: 'alert `A` has no annotation `summary`, `description`' }],
    },
    {
      name: 'description missing',
      files: { 'r.yml': alert('        annotations:\n          summary: down\n') },
      errors: [{ messageId: 'missing', line: 6, message: '`description`;' }],
    },
    {
      name: 'an empty summary',
      files: { 'r.yml': alert('        annotations:\n          summary: "  "\n          description: x\n') },
      errors: [{ messageId: 'empty', line: 7 }],
    },
  ],
});

describe('alerts/annotation is opt-in', () => {
  const files = [loadLintFile('r.yml', alert(''))];
  it('reports nothing unless enabled', () => {
    expect(lint({ files, registry: [rule] })).toEqual([]);
  });
  it('reports once an alert when enabled with a severity', () => {
    expect(lint({ files, registry: [rule], rules: { 'alerts/annotation': 'warning' } }).map((d) => d.messageId)).toEqual(['missing']);
  });
});
