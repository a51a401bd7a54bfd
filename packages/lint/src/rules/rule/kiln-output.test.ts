/**
 * Kiln's own output must be clean: every promql/, alerts/ and rule/ rule runs over the rule files
 * Kiln generated for each example site (read from `generated/`), as one Prometheus loads them.
 * The site model is not a dependency of the linter, so its facts come from the generated
 * prometheus.yml: the scrape interval, and the exporter catalogs of the jobs it scrapes (and of what the
 * service-endpoints job scrapes by annotation).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORTER_KINDS } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { lint } from '../../engine.js';
import { loadLintFile } from '../../files.js';
import { RULES } from '../index.js';

const generated = join(import.meta.dirname, '../../../../../generated');
const sites = readdirSync(generated).filter((s) => existsSync(join(generated, s, 'prometheus/rules')));
const OURS = RULES.filter((r) => /^(promql|alerts|rule)\//.test(r.id));

function load(site: string) {
  const dir = join(generated, site, 'prometheus');
  const rel = (p: string) => `generated/${site}/prometheus/${p}`;
  const rules = readdirSync(join(dir, 'rules'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadLintFile(rel(`rules/${f}`), readFileSync(join(dir, 'rules', f), 'utf8')));
  const config = loadLintFile(rel('prometheus.yml'), readFileSync(join(dir, 'prometheus.yml'), 'utf8'));
  const jobs = ((config.values[0] as { scrape_configs?: { job_name: string }[] }).scrape_configs ?? []).map((j) => j.job_name);
  // Apps scraped by annotation come in through the service-endpoints job: VolSync's metrics Service is one (Portkey's backups).
  const byAnnotation = jobs.includes('kubernetes-service-endpoints') ? ['volsync'] : [];
  return { files: [config, ...rules], catalog: EXPORTER_KINDS.filter((k) => jobs.includes(k) || byAnnotation.includes(k)) };
}

describe("Kiln's generated rule files", () => {
  it('include the pantheon example', () => {
    expect(sites).toContain('pantheon');
  });

  it.each(sites)('%s: no findings', (site) => {
    const { files, catalog } = load(site);
    expect(files.length).toBeGreaterThan(1);
    expect(catalog.length).toBeGreaterThan(0);
    const found = lint({
      files,
      registry: OURS,
      rules: { 'promql/series': { options: { catalog } }, 'rule/duplicate': { options: { acrossFiles: true } } },
    });
    expect(found.map((d) => `${d.location.file}:${d.location.line} ${d.ruleId} ${d.message}`)).toEqual([]);
  });
});
