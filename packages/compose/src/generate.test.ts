import { IMAGE_PATTERN } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGES } from './defaults.js';
import { fileReferences, secretName } from './secrets.js';
import { buildAll, composeOf, composeSite, serialized } from './test-fixtures/site.js';

const services = (site = composeSite()) => composeOf(site).services as Record<string, any>;

describe('generateCompose', () => {
  it('writes nothing for sites without `deploy.compose`', () => {
    expect(buildAll(smallSite()).compose).toEqual([]);
  });

  it('writes one project for a stack on one Docker host, with the containers that run there', () => {
    expect(buildAll(composeSite()).compose.map((a) => a.path)).toEqual(['compose/compose.yaml', 'compose/.env', 'compose/README.md']);
    // `storage` runs a node exporter too, but it is not a Docker host of the stack.
    expect(Object.keys(services())).toEqual(['alertmanager', 'grafana', 'node-exporter', 'nvidia-gpu-exporter', 'prometheus']);
    expect(buildAll(composeSite()).compose[1]!.value).toContain('COMPOSE_PROJECT_NAME=kiln-lab\n');
  });

  it('publishes every port on the address the site binds it to, never bare', () => {
    const site = composeSite();
    site.alertmanager.bind = 'nic2';
    site.prometheus.bind = 'loopback';
    const s = services(site);
    expect(Object.fromEntries(Object.entries(s).map(([name, svc]) => [name, svc.ports]))).toEqual({
      alertmanager: ['10.99.0.20:9093:9093'],
      grafana: ['10.60.0.20:3000:3000'],
      'node-exporter': undefined,
      'nvidia-gpu-exporter': ['10.60.0.20:9835:9835'],
      prometheus: ['127.0.0.1:9090:9090'],
    });
    // On the host network the node exporter has no ports: the bind is its listen address.
    expect(s['node-exporter'].network_mode).toBe('host');
    expect(s['node-exporter'].command).toContain('--web.listen-address=10.60.0.20:9100');
  });

  it("runs the servers with the site's flags, on their default port inside the container", () => {
    const site = composeSite();
    Object.assign(site.prometheus, { retentionTime: '30d', retentionSize: '50GB', port: 9091 });
    const p = services(site)['prometheus'];
    expect(p.command).toEqual([
      '--config.file=/etc/prometheus/prometheus.yml',
      '--storage.tsdb.path=/prometheus',
      '--storage.tsdb.retention.time=30d',
      '--storage.tsdb.retention.size=50GB',
      '--web.external-url=http://10.60.0.20:9091/',
    ]);
    expect(services()['alertmanager'].command).toEqual([
      '--config.file=/etc/alertmanager/alertmanager.yml',
      '--storage.path=/alertmanager',
      '--web.external-url=http://10.60.0.20:9093/',
      '--cluster.listen-address=',
    ]);
    // The image's own port inside the container, published on the site's address and port.
    expect(p.ports).toEqual(['10.60.0.20:9091:9090']);
    expect(p.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9090/-/healthy']);
  });

  it("names the reverse proxy as Prometheus' external URL when the site has one", () => {
    const site = composeSite();
    site.services!['proxy'] = { host: 'compute', endpoints: { https: { port: 443, kind: 'service', bind: 'nic1' } } };
    Object.assign(site.prometheus, { bind: 'loopback', exposedVia: { service: 'proxy', endpoint: 'https', scheme: 'https' } });
    const p = services(site)['prometheus'];
    expect(p.command).toContain('--web.external-url=https://10.60.0.20:443/');
    expect(p.ports).toEqual(['127.0.0.1:9090:9090']);
  });

  it("mounts the other targets' files read-only from their generated paths", () => {
    const s = services();
    expect(s['prometheus'].volumes).toEqual([
      'prometheus-data:/prometheus',
      '../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
      '../prometheus/rules:/etc/prometheus/rules:ro',
      '../prometheus/file_sd:/etc/prometheus/file_sd:ro',
    ]);
    expect(s['alertmanager'].volumes).toEqual([
      'alertmanager-data:/alertmanager',
      '../alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro',
    ]);
    expect(s['grafana'].volumes).toEqual(['grafana-data:/var/lib/grafana', '../grafana/provisioning:/etc/grafana/provisioning:ro']);
    const { upstream } = buildAll(composeSite());
    for (const mount of [...s['prometheus'].volumes, ...s['alertmanager'].volumes, ...s['grafana'].volumes].filter((v: string) =>
      v.startsWith('../'),
    )) {
      const path = mount.slice(3, mount.indexOf(':'));
      expect(
        upstream.some((a) => a.path === path || a.path.startsWith(`${path}/`)),
        mount,
      ).toBe(true);
    }
  });

  it('keeps data in named volumes, or where the site declares it', () => {
    const site = composeSite();
    site.prometheus.tsdbPath = '/srv/prometheus';
    site.services!['grafana']!.dataPaths = ['/srv/grafana'];
    const c = composeOf(site);
    expect(c.volumes).toEqual({ 'alertmanager-data': {} });
    expect(c.services['prometheus'].volumes[0]).toBe('/srv/prometheus:/prometheus');
    expect(c.services['grafana'].volumes[0]).toBe('/srv/grafana:/var/lib/grafana');
    expect(composeOf(composeSite()).volumes).toEqual({ 'alertmanager-data': {}, 'grafana-data': {}, 'prometheus-data': {} });
  });

  it('mounts every secret file alertmanager.yml reads as a Compose secret at exactly that path', () => {
    const { upstream } = buildAll(composeSite());
    const am = upstream.find((a) => a.path === 'alertmanager/alertmanager.yml')!.value;
    const paths = fileReferences(am);
    expect(paths).toEqual(['/etc/kiln-secrets/ntfy-token', '/etc/kiln-secrets/smtp-password']);
    const c = composeOf(composeSite());
    expect(c.services['alertmanager'].secrets).toEqual(paths.map((p) => ({ source: secretName(p), target: p })));
    for (const p of paths) expect(c.secrets[secretName(p)]).toEqual({ file: p });
  });

  it('refuses two secret files that would share one Compose secret name', () => {
    const site = composeSite();
    site.receivers['push']!.webhooks![0]!.bearerTokenFile = '/etc/kiln-secrets/smtp/password';
    site.receivers['email']!.emails![0]!.authPasswordFile = '/etc/kiln-secrets/smtp-password';
    expect(() => buildAll(site)).toThrow('map to one Compose secret name `etc-kiln-secrets-smtp-password`');
  });

  it('gives Grafana its admin password through a Compose secret and `__FILE`, never a value', () => {
    const c = composeOf(composeSite());
    expect(c.services['grafana'].environment).toEqual({
      GF_SECURITY_ADMIN_PASSWORD__FILE: '/run/secrets/grafana-admin-password',
      GF_SERVER_ROOT_URL: 'http://grafana.lab.example:3000/',
    });
    expect(c.services['grafana'].secrets).toEqual(['grafana-admin-password']);
    expect(c.secrets['grafana-admin-password']).toEqual({ file: '/etc/kiln-secrets/grafana-admin-password' });
  });

  it('writes no value that could be a secret: no receiver address, secrets only as file references', () => {
    const text = [...serialized(buildAll(composeSite()).compose).values()].join('\n');
    for (const leak of ['ntfy.example.org', 'mail.example.org', 'ops@example.org', 'am@example.org']) expect(text).not.toContain(leak);
    for (const svc of Object.values(services())) {
      for (const [k, v] of Object.entries(svc.environment ?? {})) {
        if (/PASSWORD|TOKEN|SECRET|KEY/.test(k))
          expect([k, v]).toEqual([expect.stringMatching(/__FILE$/), expect.stringMatching(/^\/run\/secrets\//)]);
      }
    }
  });

  it("pins every image by an explicit tag, and takes the site's overrides", () => {
    for (const svc of Object.values(services())) {
      expect(svc.image).toMatch(IMAGE_PATTERN);
      expect(svc.image).not.toMatch(/:latest\b/);
    }
    for (const image of Object.values(DEFAULT_IMAGES)) expect(image).toMatch(IMAGE_PATTERN);
    const site = composeSite();
    site.deploy!.compose!.images = { grafana: 'grafana/grafana:11.6.0' };
    site.deploy!.compose!.resources = { prometheus: { memory: '4g' } };
    const s = services(site);
    expect(s['grafana'].image).toBe('grafana/grafana:11.6.0');
    expect(s['prometheus'].deploy.resources.limits).toEqual({ memory: '4g', cpus: 1 });
  });

  it('gives every container a healthcheck, a restart policy and limits', () => {
    for (const [name, svc] of Object.entries(services())) {
      expect(svc.healthcheck?.test?.[0], name).toBe('CMD');
      expect(svc.restart, name).toBe('unless-stopped');
      expect(svc.deploy.resources.limits, name).toEqual({ memory: expect.stringMatching(/^\d+[mg]$/), cpus: expect.any(Number) });
    }
  });

  it('runs the node exporter on the host with its root filesystem read-only, and reserves the GPUs for the GPU exporter', () => {
    const site = composeSite();
    site.hosts['compute']!.exporters!['node'] = { collectors: ['systemd'] };
    const s = services(site);
    expect(s['node-exporter']).toMatchObject({
      command: ['--path.rootfs=/host', '--web.listen-address=10.60.0.20:9100', '--collector.systemd'],
      volumes: ['/:/host:ro,rslave'],
      pid: 'host',
      network_mode: 'host',
    });
    expect(s['nvidia-gpu-exporter'].deploy.resources.reservations).toEqual({
      devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu', 'utility'] }],
    });
  });

  it('writes one project per Docker host when the stack spans hosts, each with its own exporters', () => {
    const site = composeSite();
    site.services!['grafana']!.host = 'storage';
    site.services!['grafana']!.endpoints['http']!.bind = 'nic1';
    const { compose } = buildAll(site);
    expect(compose.map((a) => a.path)).toEqual([
      'compose/compute/compose.yaml',
      'compose/compute/.env',
      'compose/storage/compose.yaml',
      'compose/storage/.env',
      'compose/README.md',
    ]);
    const compute = composeOf(site, 'compose/compute/compose.yaml');
    const storage = composeOf(site, 'compose/storage/compose.yaml');
    expect(Object.keys(compute.services)).toEqual(['alertmanager', 'node-exporter', 'nvidia-gpu-exporter', 'prometheus']);
    expect(Object.keys(storage.services)).toEqual(['grafana', 'node-exporter']);
    expect(storage.services['grafana'].ports).toEqual(['10.60.0.10:3000:3000']);
    expect(storage.services['grafana'].volumes[1]).toBe('../../grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(Object.keys(storage.secrets)).toEqual(['grafana-admin-password']);
    expect(Object.keys(compute.secrets)).toEqual(['etc-kiln-secrets-ntfy-token', 'etc-kiln-secrets-smtp-password']);
  });

  it('is deterministic to the byte', () => {
    expect(serialized(buildAll(composeSite()).compose)).toEqual(serialized(buildAll(composeSite()).compose));
  });
});
