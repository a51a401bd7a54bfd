import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { walkScalars } from '../../readers/walk.js';
import { endpoints } from '../site-helpers.js';
import { isComposeDocument } from '../compose-file.js';

const WILDCARD = /(^|[\s="'[])(0\.0\.0\.0|\[::\]|::)(:\d+)?(?=$|[\s"',\]])/;
const LISTEN_KEY = /listen|bind|address|host/i;

export default createRule({
  id: 'net/no-wildcard-bind',
  meta: {
    description: 'Nothing binds the wildcard address `0.0.0.0` / `::`.',
    rationale:
      'A wildcard bind listens on every interface, including ones added later (a new VLAN, a VPN, Docker bridges), so the exposure silently grows. Bind the interface you mean; put a reverse proxy in front when the world should see it (Goldentooth exposes Prometheus on 0.0.0.0:9090 although nginx fronts it).',
    summary: 'wildcard bind',
    severity: 'error',
    messages: {
      endpoint:
        'host `{{host}}`: endpoint `{{service}}.{{endpoint}}` binds {{address}}:{{port}}, i.e. every interface; bind a specific interface (or `loopback` behind a reverse proxy)',
      server: '{{server}} on host `{{host}}` binds {{address}}; set `{{server}}.bind` to an interface or `loopback`',
      file: '`{{key}}` listens on {{value}}, i.e. every interface; bind a specific address (or 127.0.0.1 behind a reverse proxy)',
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    if (site) {
      for (const { service, endpoint, path } of endpoints(site)) {
        if (endpoint.bind.kind !== 'wildcard') continue;
        report({
          messageId: 'endpoint',
          data: {
            host: service.host.name,
            service: service.name,
            endpoint: endpoint.name,
            address: endpoint.bind.address,
            port: endpoint.port,
          },
          entity: { kind: 'service', name: service.name },
          location: { modelPath: `${path}.bind` },
        });
      }
      for (const server of ['prometheus', 'alertmanager'] as const) {
        const b = site[server].bind;
        if (b.kind === 'wildcard') {
          report({
            messageId: 'server',
            data: { server, host: site[server].host.name, address: b.address },
            entity: { kind: server, name: site.name },
            location: { modelPath: `${server}.bind` },
          });
        }
      }
      return;
    }
    // Rule files hold expressions and templates, not listeners.
    for (const file of files.filter((f) => f.kind !== 'rules')) {
      file.values.forEach((value, doc) => {
        const compose = isComposeDocument(value) ? value.services : undefined;
        walkScalars(value, (path, key, v) => {
          if (typeof v !== 'string' || !WILDCARD.test(v)) return;
          if (!LISTEN_KEY.test(key) && !/--web\.listen-address|--listen/.test(v)) return;
          // A container on its own network namespace listens on every address of the container, which
          // only its published ports reach (compose/no-wildcard-publish judges those); on the host
          // network the listen address is the host's own.
          if (compose && path[0] === 'services' && compose[String(path[1])]?.['network_mode'] !== 'host') return;
          const pos = file.position([...path], doc);
          report({
            messageId: 'file',
            data: { key, value: v },
            entity: { kind: 'file', name: file.path },
            location: { file: file.path, ...pos },
          });
        });
      });
    }
  },
});

/** Visits every scalar with its path and the nearest key. */
