import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiteError, resolve, type SiteInput } from '@kiln/model';
import { addRoutedReceiver, smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { alertmanagerConfig } from './config.js';

type Receiver = { name: string; webhook_configs?: Record<string, any>[] };
const withNtfy = (ntfy: NonNullable<SiteInput['receivers'][string]['ntfy']>) => {
  const s = smallSite();
  s.grafana = { url: 'https://grafana.lab.example/' };
  return addRoutedReceiver(s, 'phone', { ntfy });
};
const webhook = (s: SiteInput) =>
  (alertmanagerConfig(resolve(s)).receivers as Receiver[]).find((r) => r.name === 'phone')!.webhook_configs![0]!;

function issues(s: SiteInput): string[] {
  try {
    resolve(s);
    return [];
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}

describe('ntfy receiver', () => {
  it('is a webhook to the topic with ntfy template parameters, the token by file and a bounded batch', () => {
    const w = webhook(withNtfy([{ server: 'https://ntfy.example.org/', topic: 'lab-alerts', tokenFile: '/run/secrets/ntfy-token' }]));
    const url = new URL(w['url']);
    expect(url.origin + url.pathname).toBe('https://ntfy.example.org/lab-alerts');
    expect([...url.searchParams.keys()]).toEqual(['template', 'title', 'message', 'priority', 'tags', 'click']);
    expect(url.searchParams.get('template')).toBe('yes');
    // Defaults: the site name as tag, Grafana as the click-through link.
    expect(url.searchParams.get('tags')).toBe('lab');
    expect(url.searchParams.get('click')).toBe('https://grafana.lab.example');
    expect(w['http_config']).toEqual({ authorization: { credentials_file: '/run/secrets/ntfy-token' } });
    expect(w['max_alerts']).toBe(10);
    expect(w['send_resolved']).toBe(true);
  });

  it('maps severities to priorities in the template, most urgent first, and a fixed priority is a plain value', () => {
    const tpl = new URL(
      webhook(withNtfy([{ server: 'https://ntfy.sh', topic: 't', priority: { warning: 'default' } }]))['url'],
    ).searchParams.get('priority')!;
    // Each severity's branch names its priority; the site's override replaces the default for warnings only.
    expect([...tpl.matchAll(/\{\{(?:if|else if) \$(\w+)\}\}(\w+)/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual([
      'critical=urgent',
      'warning=default',
      'info=default',
      'none=min',
    ]);
    expect(tpl).toContain('{{if eq .status "resolved"}}low{{else}}');
    const fixed = new URL(webhook(withNtfy([{ server: 'https://ntfy.sh', topic: 't', priority: 'high', tags: ['a', 'b'] }]))['url']);
    expect(fixed.searchParams.get('priority')).toBe('high');
    expect(fixed.searchParams.get('tags')).toBe('a,b');
  });

  it('uses nothing ntfy refuses in a template (call, template, define)', () => {
    const url = new URL(webhook(withNtfy([{ server: 'https://ntfy.sh', topic: 't' }]))['url']);
    for (const k of ['title', 'message', 'priority']) expect(url.searchParams.get(k)).not.toMatch(/\{\{-?\s*(call|template|define)\b/);
  });

  it('amtool accepts the configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-ntfy-'));
    try {
      const s = withNtfy([
        { server: 'https://ntfy.sh', topic: 'lab-alerts', tokenFile: '/run/secrets/ntfy-token', tags: ['rotating_light'] },
        { server: 'https://ntfy.example.org', topic: 'lab-pager', priority: 'urgent', click: 'https://alerts.lab.example/' },
      ]);
      writeFileSync(join(dir, 'alertmanager.yml'), stringify(alertmanagerConfig(resolve(s))));
      const r = spawnSync('amtool', ['check-config', join(dir, 'alertmanager.yml')], { encoding: 'utf8' });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad topic and an unknown priority, naming the receiver and the field', () => {
    const errors = issues(withNtfy([{ server: 'https://ntfy.sh', topic: 'lab alerts', priority: 'loud' as 'high' }]));
    expect(errors).toEqual([
      expect.stringMatching(/^receivers\.phone\.ntfy\.0\.topic: must be an ntfy topic/),
      expect.stringMatching(/^receivers\.phone\.ntfy\.0\.priority: /),
    ]);
  });
});
