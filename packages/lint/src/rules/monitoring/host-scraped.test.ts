import { testRule } from '../../rule-tester.js';
import rule from './host-scraped.js';

testRule(rule, {
  valid: [{ name: 'every host runs a node exporter', site: () => {} }],
  invalid: [
    {
      name: 'a host without exporters',
      site: (s) => delete s.hosts['storage']!.exporters,
      errors: [{ messageId: 'unscraped', modelPath: 'hosts.storage.exporters' }],
    },
  ],
});
