import { testRule } from '../../rule-tester.js';
import { amFile, rulesFile } from './fixtures.js';
import rule from './severity-routed.js';

testRule(rule, {
  valid: [{ name: 'critical and warning both have routes', files: { 'rules.yml': rulesFile, 'alertmanager.yml': amFile() } }],
  invalid: [
    {
      name: 'a misspelt severity falls through',
      files: { 'rules.yml': rulesFile.replace('severity: warning', 'severity: warnign'), 'alertmanager.yml': amFile() },
      errors: [{ messageId: 'unrouted', file: 'rules.yml', line: 11, message: 'severity `warnign`, which no route matches' }],
    },
  ],
});
