import { testRule } from '../../rule-tester.js';
import { amFile, rulesFile } from './fixtures.js';
import rule from './inhibit-targets-exist.js';

const inhibit = (source: string, target: string) =>
  `inhibit_rules:\n  - source_matchers: ['alertname="${source}"']\n    target_matchers: ['alertname=~"${target}"']\n    equal: [instance]\n`;

testRule(rule, {
  valid: [
    {
      name: 'both sides name existing alerts',
      files: { 'rules.yml': rulesFile, 'alertmanager.yml': amFile(inhibit('HostDown', 'Disk.*')) },
    },
  ],
  invalid: [
    {
      name: 'a renamed source alert',
      files: { 'rules.yml': rulesFile, 'alertmanager.yml': amFile(inhibit('NodeDown', 'Disk.*')) },
      errors: [
        {
          messageId: 'missing',
          file: 'alertmanager.yml',
          line: 14,
          message: 'source matcher `alertname="NodeDown"` matches no alert rule',
        },
      ],
    },
  ],
});
