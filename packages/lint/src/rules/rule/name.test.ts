import { testRule } from '../../rule-tester.js';
import rule from './name.js';

const records = (...names: string[]) =>
  `groups:\n  - name: g\n    rules:\n${names.map((n) => `      - record: ${JSON.stringify(n)}\n        expr: sum(up)\n`).join('')}`;

testRule(rule, {
  valid: [
    {
      name: 'level:metric:operations',
      files: { 'r.yml': records('job:http_requests:rate5m', 'instance_path:requests:rate5m', 'cluster:up:sum', 'job:x:5m_rate') },
    },
    {
      name: 'alert names are not judged',
      files: { 'r.yml': 'groups:\n  - name: g\n    rules:\n      - alert: down_hosts\n        expr: up == 0\n' },
    },
  ],
  invalid: [
    {
      name: 'no colons',
      files: { 'r.yml': records('http_requests_rate5m') },
      errors: [{ messageId: 'format', line: 4, message: 'it has no colons, so it reads like a raw metric' }],
    },
    {
      name: 'two parts',
      files: { 'r.yml': records('job:http_requests_rate5m') },
      errors: [{ messageId: 'format', line: 4, message: 'it has 2 colon-separated parts, not 3' }],
    },
    {
      name: 'an empty level',
      files: { 'r.yml': records(':http_requests:rate5m') },
      errors: [{ messageId: 'format', line: 4, message: 'its level part is empty' }],
    },
    {
      name: 'characters that need quoting',
      files: { 'r.yml': records('job:http.requests:rate5m') },
      errors: [{ messageId: 'format', line: 4, message: 'not a classic metric name' }],
    },
    {
      name: 'one finding per bad name, at its record key',
      files: { 'r.yml': records('job:ok:sum', 'bad', 'job:also_ok:rate5m', 'job:x:') },
      errors: [
        { messageId: 'format', line: 6 },
        { messageId: 'format', line: 10, message: 'its operations part is empty' },
      ],
    },
  ],
});
