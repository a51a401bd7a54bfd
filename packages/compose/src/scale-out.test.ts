/**
 * A scaled-out stack as Compose projects: every replica and shard and every Alertmanager member is
 * a service of the project of its host, with its own configuration and published ports — judged
 * by `docker-compose config` (offline).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll, composeSite, serialized } from './test-fixtures/site.js';

const tmp = mkdtempSync(join(tmpdir(), 'kiln-compose-scale-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** composeSite with two replicas (compute, storage) of two shards each, and an Alertmanager on each host in one cluster. */
function scaledSite() {
  const site = composeSite(join(tmp, 'secrets'));
  site.prometheus = {
    host: 'compute',
    replicas: { label: 'replica', peers: [{ host: 'storage' }] },
    shards: 2,
    remoteWrite: {
      victoria: {
        engine: 'victoriametrics',
        url: 'http://10.60.0.30:8428/api/v1/write',
        basicAuth: { username: 'prometheus', passwordFile: join(tmp, 'secrets/vm-password') },
      },
    },
  };
  site.alertmanager = { host: 'compute', cluster: { members: { 'am-storage': { host: 'storage' } } } };
  return site;
}

function dockerCompose(args: string[], cwd: string) {
  const found = spawnSync('/bin/sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error('docker-compose is not installed; run `apt-get install -y docker-compose`');
  const r = spawnSync(found.stdout.trim(), args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}` };
}

describe('a scaled-out stack on Compose', () => {
  mkdirSync(join(tmp, 'secrets'), { recursive: true });
  for (const f of ['smtp-password', 'ntfy-token', 'grafana-admin-password', 'vm-password']) writeFileSync(join(tmp, 'secrets', f), 'x');
  const { upstream, compose } = buildAll(scaledSite());
  const root = join(tmp, 'out');
  for (const [path, text] of serialized([...upstream, ...compose])) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  it.each(['compute', 'storage'])('docker-compose accepts the project of %s, and its mounts are generated files', (host) => {
    const r = dockerCompose(['-f', 'compose.yaml', 'config'], join(root, 'compose', host));
    expect(r.status, r.output).toBe(0);
    const services = (parse(r.stdout) as { services: Record<string, { volumes?: string[]; ports?: string[]; command?: string[] }> })
      .services;
    for (const v of Object.values(services).flatMap((s) => s.volumes ?? [])) {
      const src = v.split(':')[0]!;
      if (src.startsWith(root)) expect(existsSync(src), src).toBe(true);
    }
  });

  it('runs each Prometheus instance with its own configuration and address, and each Alertmanager with its gossip flags', () => {
    const project = (host: string) =>
      parse(serialized(compose).get(`compose/${host}/compose.yaml`)!) as {
        services: Record<string, { ports: string[]; command: string[]; volumes: string[] }>;
      };
    const compute = project('compute').services;
    const storage = project('storage').services;
    expect(Object.keys(compute).filter((s) => s.startsWith('prometheus') || s.startsWith('alertmanager'))).toEqual([
      'alertmanager',
      'prometheus',
      'prometheus-shard-1-replica-0',
    ]);
    expect(Object.keys(storage).filter((s) => s.startsWith('prometheus') || s.startsWith('alertmanager'))).toEqual([
      'alertmanager-am-storage',
      'prometheus-shard-0-replica-1',
      'prometheus-shard-1-replica-1',
    ]);
    expect(compute['prometheus-shard-1-replica-0']!.ports).toEqual(['10.60.0.20:9091:9090']);
    expect(compute['prometheus-shard-1-replica-0']!.command[0]).toBe('--config.file=/etc/prometheus/shard-1-replica-0/prometheus.yml');
    expect(compute['prometheus-shard-1-replica-0']!.volumes).toContain(
      '../../prometheus/shard-1-replica-0/prometheus.yml:/etc/prometheus/shard-1-replica-0/prometheus.yml:ro',
    );
    expect(storage['prometheus-shard-1-replica-1']!.ports).toEqual(['10.60.0.10:9091:9090']);
    expect(compute['alertmanager']!.command).toEqual(
      expect.arrayContaining([
        '--cluster.listen-address=0.0.0.0:9094',
        '--cluster.advertise-address=10.60.0.20:9094',
        '--cluster.peer=10.60.0.10:9094',
      ]),
    );
    expect(storage['alertmanager-am-storage']!.ports).toEqual(['10.60.0.10:9093:9093', '10.60.0.10:9094:9094', '10.60.0.10:9094:9094/udp']);
  });
});
