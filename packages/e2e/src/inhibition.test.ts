/**
 * Kiln's inhibition model (used by `kiln test` for routing tests with `inhibitedBy`), checked
 * against a real Alertmanager: Pantheon's generated alertmanager.yml on loopback, a set of alerts
 * posted to its API, and for each one whether Alertmanager reports it inhibited — the same answer
 * `isInhibited` must give from the inhibit rules and the same set of firing alerts.
 */
import { join } from 'node:path';
import { inhibitRules, isInhibited } from '@kiln/diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackStack, freePort, prepareAlertmanager, readYaml, startAlertmanager, waitFor } from './stack.js';
import { GENERATED } from './tools.js';

type Labels = Record<string, string>;

// Each scenario uses its own `host` so they cannot inhibit each other (the rule has `equal: [host]`),
// except where sharing is the point.
const nodeDown = (host?: string, instance = 'n:9100'): Labels => ({
  alertname: 'InstanceDown',
  job: 'node',
  severity: 'critical',
  instance,
  ...(host && { host }),
});
const firing: { name: string; labels: Labels }[] = [
  { name: 'inhibitor on host a', labels: nodeDown('a') },
  {
    name: 'critical mount alert on the same host',
    labels: { alertname: 'NfsMountUnavailable', severity: 'critical', host: 'a', mountpoint: '/mnt/atlas' },
  },
  { name: 'warning on the same host', labels: { alertname: 'ScratchDiskPressure', severity: 'warning', host: 'a' } },
  { name: 'the Watchdog (severity none) on the same host', labels: { alertname: 'Watchdog', severity: 'none', host: 'a' } },
  {
    name: 'another job down on the same host',
    labels: { alertname: 'InstanceDown', job: 'nvidia-gpu', severity: 'warning', host: 'a', instance: 'n:9835' },
  },
  {
    name: 'critical on another host',
    labels: { alertname: 'NfsMountUnavailable', severity: 'critical', host: 'b', mountpoint: '/mnt/atlas' },
  },
  { name: 'node down twin 1 (matches source and target)', labels: nodeDown('c', 'c1:9100') },
  { name: 'node down twin 2 (matches source and target)', labels: nodeDown('c', 'c2:9100') },
  { name: 'inhibitor without a host label', labels: nodeDown(undefined, 'x:9100') },
  { name: 'warning without a host label (both lack `host`: equal)', labels: { alertname: 'Something', severity: 'warning' } },
  {
    name: 'a job that is not node does not inhibit',
    labels: { alertname: 'InstanceDown', job: 'prometheus', severity: 'warning', host: 'd' },
  },
  { name: 'warning on host d', labels: { alertname: 'Other', severity: 'warning', host: 'd' } },
];

let stack: LoopbackStack;
let port: number;
let config: string;

interface ApiAlert {
  labels: Labels;
  status: { state: string; inhibitedBy: string[] };
}

async function alerts(): Promise<ApiAlert[]> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v2/alerts`);
  return (await res.json()) as ApiAlert[];
}

const same = (a: Labels, b: Labels) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

beforeAll(async () => {
  stack = new LoopbackStack();
  port = await freePort();
  config = prepareAlertmanager(stack, 'pantheon', await freePort());
  startAlertmanager(stack, config, port);
  await waitFor(
    () => `Alertmanager to be ready\n${stack.logs()}`,
    async () => ((await fetch(`http://127.0.0.1:${port}/-/ready`)).ok ? true : undefined),
    30_000,
  );
  const endsAt = new Date(Date.now() + 10 * 60_000).toISOString();
  const res = await fetch(`http://127.0.0.1:${port}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(firing.map((f) => ({ labels: f.labels, endsAt }))),
  });
  expect(res.ok, await res.text()).toBe(true);
  // The inhibitor learns about source alerts asynchronously: wait until the first scenario settles.
  await waitFor(
    'the inhibition of the first scenario',
    async () => ((await alerts()).find((a) => same(a.labels, firing[1]!.labels))?.status.inhibitedBy.length ? true : undefined),
    30_000,
  );
});
afterAll(async () => {
  await stack?.stop();
});

describe("Kiln's inhibition model agrees with Alertmanager (Pantheon's inhibit rules)", () => {
  it('the site has the host-down inhibition this exercises', () => {
    expect(inhibitRules(readYaml(join(GENERATED, 'pantheon/alertmanager/alertmanager.yml')))).toHaveLength(1);
  });

  it.each(firing.map((f) => [f.name, f.labels] as const))('%s', async (_name, labels) => {
    const rules = inhibitRules(readYaml(config));
    const found = (await alerts()).find((a) => same(a.labels, labels));
    expect(found, 'alert not found in Alertmanager').toBeDefined();
    const real = found!.status.inhibitedBy.length > 0;
    // Like Alertmanager's source cache, the firing set includes the alert itself.
    expect(
      isInhibited(
        rules,
        labels,
        firing.map((f) => f.labels),
      ),
    ).toBe(real);
  });

  it('both answers are not all the same (the scenarios cover muted and not muted)', async () => {
    const states = new Set((await alerts()).map((a) => a.status.inhibitedBy.length > 0));
    expect([...states].sort()).toEqual([false, true]);
  });
});
