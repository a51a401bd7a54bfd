/**
 * The ntfy receiver end to end: the real Alertmanager, with the alertmanager.yml Kiln generates
 * (only the timing shortened), delivers alerts to a local HTTP server standing in for ntfy. The test
 * asserts the request is what ntfy's message templating takes — POST to the topic, `template=yes`
 * and the title/message/priority templates as query parameters, tags and the click link, the access
 * token from the token file as a Bearer credential, Alertmanager's webhook JSON as the body — and
 * renders the templates on that very body with Go's text/template exactly as the ntfy server does
 * (fixtures/ntfy-render/main.go), so the phone shows "🔥 BackupStale" at priority urgent.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { buildResolved } from '@kiln/cli';
import { resolve, type SiteInput } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LoopbackStack, freePort, startAlertmanager, waitFor, writeYaml } from './stack.js';
import { REPO, requireTool } from './tools.js';

interface Delivery {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

const TOKEN = 'tk_e2etestaccesstoken0000000000';
let stack: LoopbackStack;
let amPort: number;
let config: Record<string, any>;
let render: string;
const deliveries: Delivery[] = [];

function site(ntfyPort: number, tokenFile: string): SiteInput {
  const s = smallSite();
  const server = `http://127.0.0.1:${ntfyPort}`;
  s.grafana = { url: 'https://grafana.lab.example' };
  s.receivers = {
    phone: { ntfy: [{ server, topic: 'lab-alerts', tokenFile, tags: ['lab', 'rotating_light'] }] },
    pager: { ntfy: [{ server, topic: 'lab-pager', tokenFile, priority: 'high', click: 'https://alerts.lab.example/' }] },
  };
  s.routing = { receiver: 'phone', groupBy: ['alertname'], routes: [{ matchers: ['team="infra"'], receivers: ['pager'] }] };
  return s;
}

async function post(labels: Record<string, string>, resolved = false): Promise<void> {
  const now = Date.now();
  const res = await fetch(`http://127.0.0.1:${amPort}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([
      {
        labels,
        annotations: {
          summary: `${labels['alertname']} on ${labels['host']}`,
          description: 'The last backup is older than its schedule allows.',
        },
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(resolved ? now - 1000 : now + 10 * 60_000).toISOString(),
      },
    ]),
  });
  expect(res.ok).toBe(true);
}

const delivered = (topic: string, match: (d: Delivery) => boolean) =>
  waitFor(
    () => `a notification on ${topic}; got ${deliveries.length}\n${stack.logs()}`,
    async () => deliveries.find((d) => d.url.pathname === `/${topic}` && match(d)),
    30_000,
  );

/** What ntfy makes of the request: the templates rendered on the body, by Go's text/template. */
function rendered(d: Delivery): { title: string; message: string; priority: string } {
  const body = join(stack.dir, `body-${deliveries.indexOf(d)}.json`);
  writeFileSync(body, d.body);
  const q = d.url.searchParams;
  const r = spawnSync(render, ['-body', body, '-title', q.get('title')!, '-message', q.get('message')!, '-priority', q.get('priority')!], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { title: string; message: string; priority: string };
}

const alertsOf = (d: Delivery) => (JSON.parse(d.body) as { alerts: { status: string; labels: Record<string, string> }[] }).alerts;

beforeAll(async () => {
  stack = new LoopbackStack();
  // ntfy's templates are Go templates: build the renderer once.
  render = join(stack.dir, 'ntfy-render');
  const go = spawnSync(requireTool('go'), ['build', '-o', render, join(REPO, 'packages/e2e/fixtures/ntfy-render/main.go')], {
    encoding: 'utf8',
    env: { ...process.env, GOCACHE: process.env['GOCACHE'] ?? join(stack.dir, 'gocache'), GO111MODULE: 'off', GOFLAGS: '' },
    timeout: 170_000,
  });
  expect(go.status, go.stderr).toBe(0);

  const ntfyPort = await freePort();
  const ntfy = stack.own(
    createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        deliveries.push({ method: req.method ?? '', url: new URL(req.url ?? '/', 'http://ntfy'), headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.end('{"id":"e2e","event":"message"}\n');
      });
    }),
  );
  await new Promise<void>((r) => ntfy.listen(ntfyPort, '127.0.0.1', r));

  mkdirSync(join(stack.dir, 'secrets'));
  const tokenFile = join(stack.dir, 'secrets', 'ntfy-token');
  writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  const files = buildResolved(resolve(site(ntfyPort, tokenFile))).files;
  config = parse(files.get('alertmanager/alertmanager.yml')!) as Record<string, any>;
  // Only the timing changes for the test; the receivers are the generated ones.
  const fast = { group_wait: '1s', group_interval: '1s', repeat_interval: '1h' };
  Object.assign(config['route'], fast);
  for (const r of config['route'].routes ?? []) Object.assign(r, fast);
  writeYaml(join(stack.dir, 'alertmanager.yml'), config);

  amPort = await freePort();
  startAlertmanager(stack, join(stack.dir, 'alertmanager.yml'), amPort);
  await waitFor(
    () => `Alertmanager to be ready\n${stack.logs()}`,
    async () => ((await fetch(`http://127.0.0.1:${amPort}/-/ready`)).ok ? true : undefined),
    30_000,
  );
}, 180_000);
afterAll(() => stack?.stop());

describe('ntfy receiver: Alertmanager → ntfy', () => {
  it('a critical alert arrives as ntfy expects it: topic, template parameters, token, webhook JSON', async () => {
    await post({ alertname: 'BackupStale', severity: 'critical', host: 'nas' });
    const d = await delivered('lab-alerts', (x) => alertsOf(x).some((a) => a.labels['alertname'] === 'BackupStale'));
    expect(d.method).toBe('POST');
    expect([...d.url.searchParams.keys()]).toEqual(['template', 'title', 'message', 'priority', 'tags', 'click']);
    expect(d.url.searchParams.get('template')).toBe('yes');
    expect(d.url.searchParams.get('tags')).toBe('lab,rotating_light');
    expect(d.url.searchParams.get('click')).toBe('https://grafana.lab.example');
    expect(d.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(d.headers['content-type']).toBe('application/json');
    const body = JSON.parse(d.body) as Record<string, any>;
    expect(body['receiver']).toBe('phone');
    expect(body['status']).toBe('firing');
    // The query string is the generated one, byte for byte.
    expect(`http://127.0.0.1${d.url.pathname}${d.url.search}`).toBe(
      (config['receivers'] as any[]).find((r) => r.name === 'phone').webhook_configs[0].url.replace(/:\d+\//, '/'),
    );
  });

  it('ntfy renders it readable: title, message, priority urgent', async () => {
    const d = await delivered('lab-alerts', (x) => alertsOf(x).some((a) => a.labels['alertname'] === 'BackupStale'));
    expect(rendered(d)).toEqual({
      title: '🔥 BackupStale',
      message: 'BackupStale on nas\nThe last backup is older than its schedule allows.\n\n',
      priority: 'urgent',
    });
  });

  it('a warning is priority high; once resolved, low with a resolved title', async () => {
    await post({ alertname: 'DiskSpaceLow', severity: 'warning', host: 'nas' });
    const firing = await delivered('lab-alerts', (x) => alertsOf(x).some((a) => a.labels['alertname'] === 'DiskSpaceLow'));
    expect(rendered(firing).priority).toBe('high');
    await post({ alertname: 'DiskSpaceLow', severity: 'warning', host: 'nas' }, true);
    const resolved = await delivered('lab-alerts', (x) =>
      alertsOf(x).some((a) => a.labels['alertname'] === 'DiskSpaceLow' && a.status === 'resolved'),
    );
    expect(rendered(resolved)).toMatchObject({ title: '✅ DiskSpaceLow', priority: 'low' });
    expect(rendered(resolved).message).toMatch(/^\[resolved\] DiskSpaceLow on nas\n/);
  });

  it('a receiver with one fixed priority sends it as a plain value (any ntfy version)', async () => {
    await post({ alertname: 'PowerOutage', severity: 'info', host: 'ups', team: 'infra' });
    const d = await delivered('lab-pager', () => true);
    expect(d.url.searchParams.get('priority')).toBe('high');
    expect(d.url.searchParams.get('click')).toBe('https://alerts.lab.example/');
    expect(d.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(rendered(d).title).toBe('🔥 PowerOutage');
  });

  it('several alerts in one notification: the most urgent severity sets the priority, the title counts them', () => {
    const body = JSON.stringify({
      status: 'firing',
      alerts: [
        { status: 'firing', labels: { alertname: 'A', severity: 'info' }, annotations: { summary: 's1', description: 'd1' } },
        { status: 'resolved', labels: { alertname: 'A', severity: 'critical' }, annotations: { summary: 's2', description: 'd2' } },
        { status: 'firing', labels: { alertname: 'A', severity: 'warning' }, annotations: { summary: 's3', description: 'd3' } },
        { status: 'firing', labels: { alertname: 'A' }, annotations: { summary: 's4', description: 'd4' } },
      ],
    });
    const d = deliveries.find((x) => x.url.pathname === '/lab-alerts')!;
    const r = rendered({ ...d, body });
    expect(r).toEqual({
      title: '🔥 A (4 alerts)',
      message: 's1\nd1\n\n[resolved] s2\nd2\n\ns3\nd3\n\ns4\nd4\n\n',
      // The resolved critical no longer counts; a missing severity is not an error.
      priority: 'high',
    });
  });

  it('the renderer refuses what ntfy refuses (the check can fail)', () => {
    const body = join(stack.dir, 'refuse.json');
    writeFileSync(body, '{"status":"firing","alerts":[]}');
    const refuse = (priority: string, title = 'x') =>
      spawnSync(render, ['-body', body, '-title', title, '-message', 'm', '-priority', priority], { encoding: 'utf8' });
    expect(refuse('urgentt').stderr).toMatch(/not an ntfy priority/);
    expect(refuse('high', '{{template "t"}}').stderr).toMatch(/disallowed/);
    expect(refuse('high', '{{(index .alerts 0).labels.alertname}}').status).toBe(1);
  });
});
