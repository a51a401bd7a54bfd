/**
 * End-to-end: real prometheus, prometheus-alertmanager and prometheus-node-exporter on loopback,
 * running Pantheon's generated configuration. For the test only, addresses point at loopback,
 * intervals and `for` durations shrink to seconds, and every receiver becomes a webhook served here.
 * Everything else — jobs, file_sd, rules, routes, inhibitions — is the generated output as committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LoopbackStack,
  activeTargets,
  freePort,
  prepareAlertmanager,
  preparePrometheus,
  startAlertmanager,
  startNodeExporter,
  startPrometheus,
  waitFor,
} from './stack.js';

describe('Pantheon on a loopback stack', () => {
  const stack = new LoopbackStack();
  const ports = { node: 0, prometheus: 0, alertmanager: 0, hook: 0, closed: 0 };

  beforeAll(async () => {
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    await stack.webhook(ports.hook);
    // The `prometheus` host's node exporter is real; every other target points at a closed port.
    const prometheusYml = preparePrometheus(stack, 'pantheon', ports, (file, g) => [
      `127.0.0.1:${file.endsWith('/node.json') && g.labels['host'] === 'prometheus' ? ports.node : ports.closed}`,
    ]);
    const alertmanagerYml = prepareAlertmanager(stack, 'pantheon', ports.hook);
    startNodeExporter(stack, ports.node);
    startAlertmanager(stack, alertmanagerYml, ports.alertmanager);
    startPrometheus(stack, prometheusYml, ports.prometheus);
  });

  afterAll(() => stack.stop());

  it('scrapes the node exporter target of host `prometheus` from the generated file_sd', async () => {
    const target = await waitFor(
      () => `node target up (logs:\n${stack.logs()})`,
      async () =>
        (await activeTargets(ports.prometheus)).find(
          (t) => t.labels['job'] === 'node' && t.labels['host'] === 'prometheus' && t.health === 'up',
        ),
    );
    expect(target.labels['instance']).toBe(`127.0.0.1:${ports.node}`);
  });

  it('delivers generated alerts through the generated routes to the right receivers', async () => {
    const find = (receiver: string, match: Parameters<LoopbackStack['got']>[1]) => stack.got(receiver, match);
    await waitFor(
      () =>
        `GpuUnavailable, InstanceDown and Watchdog notifications (received: ${JSON.stringify(stack.received.map((n) => [n.receiver, n.alerts.map((a) => a.labels['alertname'])]))})`,
      async () =>
        find('ops-push', (a) => a.labels['alertname'] === 'GpuUnavailable') &&
        find('ops-push', (a) => a.labels['alertname'] === 'InstanceDown' && a.labels['host'] === 'atlas') &&
        find('deadmans-switch', (a) => a.labels['alertname'] === 'Watchdog')
          ? true
          : undefined,
    );
    // Critical alerts reach both critical receivers; the Watchdog reaches only the dead man's switch.
    expect(find('ops-email', (a) => a.labels['alertname'] === 'GpuUnavailable' && a.labels['host'] === 'prometheus')).toBe(true);
    expect(
      stack.received
        .filter((n) => n.receiver !== 'deadmans-switch')
        .flatMap((n) => n.alerts)
        .some((a) => a.labels['alertname'] === 'Watchdog'),
    ).toBe(false);
    // The node exporter of `prometheus` is up, so its own InstanceDown never fires.
    expect(
      stack.received
        .flatMap((n) => n.alerts)
        .some((a) => a.labels['alertname'] === 'InstanceDown' && a.labels['job'] === 'node' && a.labels['host'] === 'prometheus'),
    ).toBe(false);
  });
});
