import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffScrape } from './scrape.js';

const sd = (groups: { targets: string[]; labels: Record<string, string> }[]) => JSON.stringify(groups, null, 2);
const node = sd([
  { targets: ['10.0.0.1:9100'], labels: { host: 'a', job: 'node' } },
  { targets: ['10.0.0.2:9100'], labels: { host: 'b', job: 'node' } },
]);

function build(
  over: { global?: Record<string, unknown>; node?: Record<string, unknown>; sd?: string; jobs?: Record<string, unknown>[] } = {},
) {
  const config = {
    global: { scrape_interval: '30s', ...over.global },
    rule_files: ['rules/node.yml'],
    scrape_configs: over.jobs ?? [
      { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'], labels: { host: 'a' } }] },
      { job_name: 'node', file_sd_configs: [{ files: ['file_sd/node.json'], refresh_interval: '1m' }], ...over.node },
    ],
  };
  return new Map([
    ['prometheus/prometheus.yml', stringify(config)],
    ['prometheus/file_sd/node.json', over.sd ?? node],
  ]);
}

describe('diffScrape', () => {
  it('reads targets from file_sd files and reports a removed one as high risk', () => {
    const { changes, read } = diffScrape(build(), build({ sd: sd([{ targets: ['10.0.0.1:9100'], labels: { host: 'a', job: 'node' } }]) }));
    expect(changes).toEqual([
      {
        subject: 'target',
        kind: 'removed',
        risk: 'high',
        summary: 'removed target `10.0.0.2:9100` of job `node` (host=b): no longer scraped, its alerts cannot fire',
        details: [],
      },
    ]);
    expect([...read].sort()).toEqual(['prometheus/file_sd/node.json', 'prometheus/prometheus.yml']);
  });

  it('shows target label changes', () => {
    const { changes } = diffScrape(
      build(),
      build({
        sd: sd([
          { targets: ['10.0.0.1:9100'], labels: { host: 'a', job: 'node', rack: 'r1' } },
          { targets: ['10.0.0.2:9100'], labels: { host: 'b', job: 'node' } },
        ]),
      }),
    );
    expect(changes.map((c) => [c.summary, c.details])).toEqual([
      ['target `10.0.0.1:9100` of job `node`: labels changed', ['`labels.rack`: (none) → `r1`']],
    ]);
  });

  it('compares effective intervals: a global change shows on every job that inherits it', () => {
    const { changes } = diffScrape(build(), build({ global: { scrape_interval: '60s' }, node: { scrape_interval: '30s' } }));
    expect(changes.map((c) => c.summary)).toEqual([
      'scrape job `prometheus`: `scrape_interval` changed',
      'prometheus.yml: `global.scrape_interval` changed',
    ]);
    expect(changes[0]!.details).toEqual(['`scrape_interval`: `30s` → `60s`']);
  });

  it('TLS changes are medium risk', () => {
    const { changes } = diffScrape(
      build(),
      build({ node: { scheme: 'https', tls_config: { ca_file: '/etc/ca.pem', insecure_skip_verify: true } } }),
    );
    expect(changes[0]).toMatchObject({ subject: 'scrape job', kind: 'changed', risk: 'medium' });
    expect(changes[0]!.details).toEqual([
      '`scheme`: `http` → `https`',
      '`tls_config.ca_file`: (none) → `/etc/ca.pem`',
      '`tls_config.insecure_skip_verify`: (none) → `true`',
    ]);
  });

  it('a removed job lists the targets it was scraping', () => {
    const { changes } = diffScrape(
      build(),
      build({ jobs: [{ job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'], labels: { host: 'a' } }] }] }),
    );
    expect(changes[0]).toMatchObject({
      subject: 'scrape job',
      kind: 'removed',
      risk: 'high',
      summary: 'removed scrape job `node` with 2 targets: they are no longer scraped',
    });
    expect(changes[0]!.details).toEqual(['was scraping `10.0.0.1:9100`', 'was scraping `10.0.0.2:9100`']);
  });
});
