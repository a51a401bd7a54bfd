/**
 * `kiln test [--site NAME]... [--junit FILE]` — runs each site's generated promtool unit tests
 * with `promtool test rules`, its routing tests with Kiln's simulator *and* `amtool config routes
 * test --verify.receivers`, and prints coverage: alert rules no unit test sees fire, routes no
 * routing test reaches. The site is built fresh into a temporary folder, so what is tested is what
 * the sources produce now, whether or not generated/ was rebuilt.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  alertCoverage,
  junitXml,
  ratio,
  recordingCoverage,
  routeCoverage,
  runRoutingTest,
  withoutInputSeries,
  type JUnitCase,
  type JUnitSuite,
  type RoutingTestOutcome,
} from '@kiln/diff';
import { SiteError, type ResolvedSite } from '@kiln/model';
import { parse } from 'yaml';
import { PROMETHEUS_DIR, isUnitTestFile, layout } from '@kiln/plan';
import { BuildError, buildLoaded } from '../pipeline.js';
import { selectSources, type SiteSource } from '../load-site.js';
import type { Output } from '../output.js';

export interface TestOptions {
  root: string;
  sites: string[];
  /** YAML/JSON site files to test instead of the workspace sites. */
  files?: string[];
  /** Where to write JUnit XML (relative to the current directory). */
  junit?: string;
}

export const TOOLS = ['promtool', 'amtool'] as const;

export class MissingToolError extends Error {
  override name = 'MissingToolError';
}

/** The path of each tool; a missing one is an error, never a skip. */
export function requireTools(): Record<(typeof TOOLS)[number], string> {
  const found: Partial<Record<(typeof TOOLS)[number], string>> = {};
  const missing: string[] = [];
  for (const tool of TOOLS) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) found[tool] = r.stdout.trim();
    else missing.push(tool);
  }
  if (missing.length > 0) {
    throw new MissingToolError(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed; kiln test runs the real tools. Install them with \`sudo apt-get install -y prometheus prometheus-alertmanager\` (Debian/Ubuntu) or put them on PATH`,
    );
  }
  return found as Record<(typeof TOOLS)[number], string>;
}

const pct = (r: number) => `${Math.floor(r * 1000) / 10}%`;
const labelArgs = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`);
const shown = (labels: Record<string, string>) => labelArgs(labels).join(', ');

interface SiteResult {
  suites: JUnitSuite[];
  failed: boolean;
}

function promtoolTests(site: ResolvedSite, dir: string, files: Map<string, string>, promtool: string, out: Output): JUnitCase[] {
  const tests = [...files.keys()].filter(isUnitTestFile).sort();
  out.info(`  promtool test rules (${tests.length} file${tests.length === 1 ? '' : 's'})`);
  return tests.map((path) => {
    const cases = ((parse(withoutInputSeries(files.get(path)!)) as { tests?: unknown[] } | null)?.tests ?? []).length;
    const started = performance.now();
    const r = spawnSync(promtool, ['test', 'rules', relative(join(dir, PROMETHEUS_DIR), join(dir, path))], {
      cwd: join(dir, PROMETHEUS_DIR),
      encoding: 'utf8',
      timeout: 120_000,
    });
    const time = (performance.now() - started) / 1000;
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    const pass = r.status === 0;
    out.info(`    ${pass ? '✓' : '✗'} ${path} (${cases} case${cases === 1 ? '' : 's'})`);
    if (!pass) for (const line of output.split('\n')) out.info(`        ${line}`);
    return {
      name: path,
      classname: `${site.name}.promtool`,
      time,
      ...(!pass && { failure: { message: `promtool test rules failed for ${path}`, details: output } }),
    };
  });
}

function amtoolReceivers(amtool: string, config: string, o: RoutingTestOutcome): { receivers: string; pass: boolean; output: string } {
  const r = spawnSync(
    amtool,
    ['config', 'routes', 'test', `--config.file=${config}`, `--verify.receivers=${o.test.expect.join(',')}`, ...labelArgs(o.test.labels)],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return { receivers: (r.stdout ?? '').trim().split('\n')[0] ?? '', pass: r.status === 0, output };
}

function routingTests(site: ResolvedSite, dir: string, amConfig: unknown, amtool: string, out: Output): JUnitCase[] {
  out.info(`  routing tests (${site.routingTests.length}; Kiln's simulator and amtool config routes test)`);
  const config = join(dir, layout.alertmanager.config);
  return site.routingTests.map((test) => {
    const started = performance.now();
    const o = runRoutingTest(amConfig, test);
    const am = amtoolReceivers(amtool, config, o);
    const problems: string[] = [];
    if (!o.receiversPass)
      problems.push(`expected ${test.expect.join(', ')}, Kiln's simulator routes to ${o.receivers.join(', ') || 'nothing'}`);
    if (!am.pass)
      problems.push(
        `expected ${test.expect.join(', ')}, amtool routes to ${am.receivers || 'nothing'}${am.output && !am.receivers ? ` (${am.output})` : ''}`,
      );
    if (am.receivers && am.receivers !== o.receivers.join(','))
      problems.push(`Kiln's simulator (${o.receivers.join(',')}) disagrees with amtool (${am.receivers}): a bug in Kiln`);
    if (o.inhibition && !o.inhibition.pass)
      problems.push(`expected to be inhibited by ${shown(test.inhibitedBy!)}, but no inhibit rule mutes it`);
    const pass = problems.length === 0;
    const inhibited = o.inhibition?.pass
      ? `, inhibited by ${shown(test.inhibitedBy!)} (inhibit_rules[${o.inhibition.rules.join('], [')}])`
      : '';
    out.info(`    ${pass ? '✓' : '✗'} ${test.name}: → ${o.receivers.join(', ')}${inhibited}`);
    for (const p of problems) out.info(`        ${p}`);
    return {
      name: test.name,
      classname: `${site.name}.routing`,
      time: (performance.now() - started) / 1000,
      ...(!pass && { failure: { message: problems[0]!, details: problems.join('\n') } }),
    };
  });
}

function coverage(site: ResolvedSite, files: Map<string, string>, amConfig: unknown, out: Output): JUnitCase {
  const alerts = alertCoverage(files);
  const routes = routeCoverage(amConfig, site.routingTests);
  const untested = alerts.filter((a) => a.testedBy.length === 0);
  const unexercised = routes.filter((r) => r.exercisedBy.length === 0);
  const alertRatio = ratio(alerts, alerts.length - untested.length);
  const routeRatio = ratio(routes, routes.length - unexercised.length);
  out.info('  coverage');
  out.info(`    alert rules with a firing unit test: ${alerts.length - untested.length}/${alerts.length} (${pct(alertRatio)})`);
  for (const a of untested)
    out.info(
      `      - no unit test: ${a.rule.name}${Object.keys(a.rule.labels).length ? ` {${shown(a.rule.labels)}}` : ''} (${a.rule.file})`,
    );
  out.info(`    routes exercised by a routing test: ${routes.length - unexercised.length}/${routes.length} (${pct(routeRatio)})`);
  for (const r of unexercised)
    out.info(
      `      - never reached: ${r.path === 'route' ? 'default route' : r.path}${r.matchers.length ? ` {${r.matchers.join(', ')}}` : ''} → ${r.receiver}`,
    );
  const recorded = recordingCoverage(files);
  const unrecorded = recorded.filter((r) => r.testedBy.length === 0);
  const recordingRatio = ratio(recorded, recorded.length - unrecorded.length);
  if (recorded.length > 0)
    out.info(`    recording rules with a unit test: ${recorded.length - unrecorded.length}/${recorded.length} (${pct(recordingRatio)})`);
  for (const r of unrecorded) out.info(`      - no unit test: ${r.rule.name} (${r.rule.file})`);
  const min = site.testing.minCoverage;
  const below =
    min !== undefined
      ? [
          alertRatio < min && `alert coverage ${pct(alertRatio)}`,
          routeRatio < min && `route coverage ${pct(routeRatio)}`,
          recordingRatio < min && `recording rule coverage ${pct(recordingRatio)}`,
        ].filter(Boolean)
      : [];
  if (min !== undefined)
    out.info(`    minimum (testing.minCoverage): ${pct(min)}${below.length ? ` — ✗ ${below.join(' and ')} below it` : ' — ✓'}`);
  return {
    name: 'coverage',
    classname: `${site.name}.coverage`,
    ...(below.length > 0 && {
      failure: {
        message: `${below.join(' and ')} below testing.minCoverage ${pct(min!)}`,
        details: [
          ...untested.map((a) => `no unit test: ${a.rule.name} (${a.rule.file})`),
          ...unexercised.map((r) => `never reached: ${r.path} → ${r.receiver}`),
          ...unrecorded.map((r) => `no unit test: ${r.rule.name} (${r.rule.file})`),
        ].join('\n'),
      },
    }),
  };
}

async function testSite(source: SiteSource, tools: ReturnType<typeof requireTools>, out: Output): Promise<SiteResult> {
  let site: ResolvedSite;
  let files: Map<string, string>;
  try {
    ({ site, files } = buildLoaded(await source.load()));
  } catch (err) {
    if (!(err instanceof SiteError || err instanceof BuildError)) throw err;
    out.error(`✗ ${source.name} (${source.origin}): ${err.message}`);
    return {
      failed: true,
      suites: [
        {
          name: source.name,
          cases: [
            { name: 'build', classname: `${source.name}.build`, failure: { message: 'the site does not build', details: err.message } },
          ],
        },
      ],
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `kiln-test-${site.name}-`));
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    out.info(`${site.name} (${source.origin})`);
    const amText = files.get(layout.alertmanager.config);
    const amConfig: unknown = amText ? parse(amText) : undefined;
    const suites: JUnitSuite[] = [
      { name: `${site.name} promtool`, cases: promtoolTests(site, dir, files, tools.promtool, out) },
      { name: `${site.name} routing`, cases: routingTests(site, dir, amConfig, tools.amtool, out) },
      { name: `${site.name} coverage`, cases: [coverage(site, files, amConfig, out)] },
    ];
    return { suites, failed: suites.some((s) => s.cases.some((c) => c.failure)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function testCommand(o: TestOptions, out: Output): Promise<number> {
  const chosen = selectSources(o.root, o.sites, o.files ?? []);
  const tools = requireTools();
  const suites: JUnitSuite[] = [];
  let failed = 0;
  for (const source of chosen) {
    const r = await testSite(source, tools, out);
    suites.push(...r.suites);
    if (r.failed) failed++;
  }
  const cases = suites.flatMap((s) => s.cases);
  const failures = cases.filter((c) => c.failure).length;
  out.info(
    failed
      ? `✗ ${failures} of ${cases.length} checks failed in ${failed} site${failed === 1 ? '' : 's'}`
      : `✓ ${cases.length} checks passed in ${chosen.length} site${chosen.length === 1 ? '' : 's'}`,
  );
  if (o.junit) {
    mkdirSync(dirname(o.junit), { recursive: true });
    writeFileSync(o.junit, junitXml(suites));
  }
  return failed ? 1 : 0;
}
