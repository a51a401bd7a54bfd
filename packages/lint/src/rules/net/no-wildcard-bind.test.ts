import { testRule } from '../../rule-tester.js';
import rule from './no-wildcard-bind.js';

testRule(rule, {
  valid: [
    { name: 'interfaces only', site: () => {} },
    { name: 'a loopback listen address in a file', files: { 'vars.yml': 'prometheus_web_listen_address: "127.0.0.1:9090"\n' } },
    { name: 'a route to 0.0.0.0/0 is not a listener', files: { 'net.yml': 'routes:\n  - to: 0.0.0.0/0\n' } },
    {
      // Inside its own network namespace only the published ports reach it (compose/no-wildcard-publish judges those).
      name: 'a Compose container listening on every address of the container',
      files: {
        'compose.yaml': 'services:\n  sd:\n    image: sd:1.0\n    command: [--listen=0.0.0.0:8000]\n    ports: [10.0.0.5:8000:8000]\n',
      },
    },
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
    {
      name: 'a Compose container on the host network listens on the host itself',
      files: {
        'compose.yaml': 'services:\n  ne:\n    image: ne:1.0\n    network_mode: host\n    command: [--web.listen-address=0.0.0.0:9100]\n',
      },
      errors: [{ messageId: 'file', file: 'compose.yaml', line: 5 }],
    },
  ],
});
