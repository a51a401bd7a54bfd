/**
 * Pantheon's routing policy, as Alertmanager itself evaluates it (`amtool config routes test`).
 * The table is the policy of the site: criticals page the phone and mail, warnings mail, the
 * Watchdog goes only to the dead man's switch.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, run } from './tools.js';

const config = join(GENERATED, 'pantheon/alertmanager/alertmanager.yml');

const table: [labels: string[], receivers: string][] = [
  [['alertname=Watchdog', 'severity=none'], 'deadmans-switch'],
  [['alertname=GpuUnavailable', 'severity=critical', 'host=prometheus'], 'ops-push,ops-email'],
  [['alertname=NfsMountUnavailable', 'severity=critical', 'host=prometheus'], 'ops-push,ops-email'],
  [['alertname=NfsMountUnavailable', 'severity=warning', 'host=prometheus'], 'ops-email'],
  [['alertname=ScratchDiskPressure', 'severity=warning'], 'ops-email'],
  [['alertname=Something', 'severity=info'], 'ops-email'],
  [['alertname=NoSeverity'], 'ops-email'],
];

describe('pantheon routing (amtool config routes test)', () => {
  it.each(table)('%j → %s', (labels, receivers) => {
    const r = run('amtool', ['config', 'routes', 'test', `--config.file=${config}`, ...labels]);
    expect(r.status, r.output).toBe(0);
    expect(r.stdout.trim()).toBe(receivers);
  });

  it('amtool --verify.receivers fails on a wrong expectation (the check can fail)', () => {
    const r = run('amtool', ['config', 'routes', 'test', `--config.file=${config}`, '--verify.receivers=ops-email', 'severity=critical']);
    expect(r.status).not.toBe(0);
  });
});
