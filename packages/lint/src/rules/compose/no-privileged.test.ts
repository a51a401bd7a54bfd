import { testRule } from '../../rule-tester.js';
import rule from './no-privileged.js';

testRule(rule, {
  valid: [
    { name: 'capabilities instead', files: { 'compose.yaml': 'services:\n  x:\n    image: a/b:1\n    cap_add: [SYS_TIME]\n' } },
    { name: 'privileged: false', files: { 'compose.yaml': 'services:\n  x:\n    image: a/b:1\n    privileged: false\n' } },
  ],
  invalid: [
    {
      name: 'privileged: true',
      files: { 'docker-compose.yml': 'services:\n  cadvisor:\n    image: gcr.io/cadvisor/cadvisor:v0.49.1\n    privileged: true\n' },
      errors: [{ messageId: 'privileged', file: 'docker-compose.yml', line: 4, message: 'service `cadvisor` runs `privileged: true`' }],
    },
  ],
});
