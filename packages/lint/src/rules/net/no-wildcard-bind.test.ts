import { testRule } from '../../rule-tester.js';
import rule from './no-wildcard-bind.js';

testRule(rule, {
  valid: [
    { name: 'interfaces only', site: () => {} },
    { name: 'a loopback listen address in a file', files: { 'vars.yml': 'prometheus_web_listen_address: "127.0.0.1:9090"\n' } },
    { name: 'a route to 0.0.0.0/0 is not a listener', files: { 'net.yml': 'routes:\n  - to: 0.0.0.0/0\n' } },
  ],
  invalid: [
    {
      name: 'endpoint bound to 0.0.0.0',
      site: (s) => (s.services!['web'] = { host: 'compute', endpoints: { http: { port: 80, kind: 'service', bind: '0.0.0.0' } } }),
      errors: [{ messageId: 'endpoint', modelPath: 'services.web.endpoints.http.bind' }],
    },
    {
      name: 'Prometheus bound to ::',
      site: (s) => (s.prometheus.bind = '::'),
      errors: [{ messageId: 'server', modelPath: 'prometheus.bind' }],
    },
    {
      name: "seed 001's web UI on 0.0.0.0:9090 (Ansible vars)",
      files: { 'group_vars/prometheus.yml': '---\nprometheus_storage_retention: 15d\nprometheus_web_listen_address: "0.0.0.0:9090"\n' },
      errors: [{ messageId: 'file', file: 'group_vars/prometheus.yml', line: 3 }],
    },
    {
      name: 'a --web.listen-address flag in container args',
      files: {
        'deploy.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - args:\n            - --web.listen-address=0.0.0.0:9090\n',
      },
      errors: [{ messageId: 'file', line: 8 }],
    },
  ],
});
