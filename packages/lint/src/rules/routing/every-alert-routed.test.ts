import { testRule } from '../../rule-tester.js';
import { amFile, rulesFile } from './fixtures.js';
import rule from './every-alert-routed.js';

testRule(rule, {
  valid: [
    { name: 'every severity reaches a receiver with integrations', files: { 'rules.yml': rulesFile, 'alertmanager.yml': amFile() } },
    {
      name: 'an allowed black hole',
      files: { 'rules.yml': rulesFile, 'alertmanager.yml': amFile().replace("webhook_configs: [{url: 'http://pager.example/'}]", '') },
      options: { allow: ['HostDown'] },
    },
  ],
  invalid: [
    {
      name: 'criticals routed to a receiver without integrations',
      files: { 'rules.yml': rulesFile, 'alertmanager.yml': amFile().replace("webhook_configs: [{url: 'http://pager.example/'}]", '') },
      errors: [
        {
          messageId: 'blackHole',
          file: 'rules.yml',
          line: 4,
          message: 'alert `HostDown` (severity=critical, alertname=HostDown) is routed to `pager` via route.routes[0]',
        },
      ],
    },
  ],
});
