import { testRule } from '../../rule-tester.js';
import rule from './no-docker-socket.js';

testRule(rule, {
  valid: [
    {
      name: 'the host root read-only (node exporter)',
      files: { 'compose.yaml': 'services:\n  node:\n    image: prom/node-exporter:v1.10.2\n    volumes:\n      - /:/host:ro,rslave\n' },
    },
    {
      name: 'a socket proxy over TCP',
      files: {
        'compose.yaml':
          'services:\n  p:\n    image: prom/prometheus:v2.53.5\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the socket, read-only',
      files: {
        'compose.yaml':
          'services:\n  promtail:\n    image: grafana/promtail:3.0.0\n    volumes:\n      - ./config.yml:/etc/promtail/config.yml:ro\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
      },
      errors: [{ messageId: 'socket', line: 6, message: 'service `promtail` mounts the Docker socket `/var/run/docker.sock`' }],
    },
    {
      name: 'long syntax, /run/docker.sock',
      files: {
        'compose.yaml':
          'services:\n  x:\n    image: a/b:1\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n',
      },
      errors: [{ messageId: 'socket', line: 5 }],
    },
  ],
});
