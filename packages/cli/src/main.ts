/**
 * kiln — build configuration from site definitions.
 *
 * Exit codes: 0 success; 1 a site has errors, a build failed, or `--check` found stale output;
 * 2 usage error (unknown command or flag, missing site, unbuilt site package).
 */
import { parseArgs } from 'node:util';
import { FORMATS, LintConfigError, type Format } from '@kiln/lint';
import type { DiffFormat } from './commands/diff.js';
import { consoleOutput } from './output.js';
import { UsageError, findRoot } from './workspace.js';

export const USAGE = `Usage: kiln <command> [options]

Commands:
  build            Build every site under packages/sites into generated/<site>/
    --site NAME      only this site (repeatable)
    --file FILE      build a YAML/JSON site file instead of the workspace sites (repeatable)
    --check          build in memory and exit 1, listing files, when generated/ differs
    --out DIR        output folder relative to the root (default: generated)
  lint [FILE...]   Lint every site (model + generated files), or the given files (prometheus.yml,
                   alertmanager.yml, rule files, Kubernetes manifests, Ansible vars)
    --site NAME      only this site (repeatable)
    --format F       stylish (default) | json | sarif | github
    --rule ID=SEV    override a rule's severity: error | warning | info | off (repeatable)
    --rule-option ID=JSON  a rule's options, e.g. 'promql/series={"catalog":["node"]}' (repeatable)
    --max-warnings N fail when there are more than N warnings
    --check-generated  also report files in generated/ that differ from a fresh build
  routes test --config.file=F [--verify.receivers=R] label=value...
                   Print the receivers an alert reaches, like \`amtool config routes test\`
  diff             What a change does to the generated configuration (Markdown for review)
    --base REF       compare with the generated/ committed at REF (default: HEAD)
    --head REF       the generated/ committed at REF (default: a fresh build of the working tree)
    --format F       markdown (default) | json
  test             Run every site's promtool unit tests and routing tests (Kiln's simulator and
                   amtool), and print coverage; needs promtool and amtool
    --site NAME      only this site (repeatable)
    --junit FILE     also write the results as JUnit XML
  help             Show this text

Global options:
  --root DIR       repository root (default: nearest folder above with packages/sites)
  --quiet          no progress lines, only errors

Exit codes: 0 ok; 1 site errors, build failure, stale output (--check), lint errors, or
receivers differing from --verify.receivers, failed tests or coverage below the minimum (test);
2 usage or lint configuration error, promtool/amtool missing (test).`;

// Each command's module is imported when the command runs: `kiln lint FILE` then loads neither
// the generators (Grafana SDK, exporters' dashboards) nor diff/test.
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const quiet = rest.includes('--quiet');
  const out = consoleOutput(quiet);
  try {
    switch (command) {
      case 'build': {
        const { values } = parseArgs({
          args: rest,
          options: {
            site: { type: 'string', multiple: true, default: [] },
            file: { type: 'string', multiple: true, default: [] },
            check: { type: 'boolean', default: false },
            out: { type: 'string', default: 'generated' },
            root: { type: 'string' },
            quiet: { type: 'boolean', default: false },
          },
          strict: true,
          allowPositionals: false,
        });
        const root = values.root ?? findRoot();
        const { build } = await import('./commands/build.js');
        return await build({ root, sites: values.site, files: values.file, check: values.check, out: values.out }, out);
      }
      case 'lint': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: {
            site: { type: 'string', multiple: true, default: [] },
            format: { type: 'string', default: 'stylish' },
            rule: { type: 'string', multiple: true, default: [] },
            'rule-option': { type: 'string', multiple: true, default: [] },
            'max-warnings': { type: 'string' },
            'check-generated': { type: 'boolean', default: false },
            root: { type: 'string' },
            quiet: { type: 'boolean', default: false },
          },
          strict: true,
          allowPositionals: true,
        });
        if (!FORMATS.includes(values.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
        const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
        if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) throw new UsageError('--max-warnings expects a whole number');
        const root = values.root ?? findRoot();
        const { lintCommand, mergeRuleSettings, parseRuleFlags, parseRuleOptionFlags } = await import('./commands/lint.js');
        return await lintCommand(
          { root, sites: values.site, files: positionals, format: values.format as Format, rules: mergeRuleSettings(parseRuleFlags(values.rule), parseRuleOptionFlags(values['rule-option'])), ...(maxWarnings !== undefined && { maxWarnings }), checkGenerated: values['check-generated'] },
          out,
        );
      }
      case 'routes': {
        if (rest[0] !== 'test') throw new UsageError('usage: kiln routes test --config.file=F label=value…');
        const { routesTest } = await import('./commands/routes.js');
        return routesTest(rest.slice(1), out);
      }
      case 'diff': {
        const { values } = parseArgs({
          args: rest,
          options: {
            base: { type: 'string', default: 'HEAD' },
            head: { type: 'string' },
            format: { type: 'string', default: 'markdown' },
            out: { type: 'string', default: 'generated' },
            root: { type: 'string' },
            quiet: { type: 'boolean', default: false },
          },
          strict: true,
          allowPositionals: false,
        });
        const { DIFF_FORMATS, diffCommand } = await import('./commands/diff.js');
        if (!DIFF_FORMATS.includes(values.format as DiffFormat)) throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')}`);
        const root = values.root ?? findRoot();
        return await diffCommand({ root, base: values.base, ...(values.head !== undefined && { head: values.head }), format: values.format as DiffFormat, out: values.out }, out);
      }
      case 'test': {
        const { values } = parseArgs({
          args: rest,
          options: {
            site: { type: 'string', multiple: true, default: [] },
            junit: { type: 'string' },
            root: { type: 'string' },
            quiet: { type: 'boolean', default: false },
          },
          strict: true,
          allowPositionals: false,
        });
        const root = values.root ?? findRoot();
        const { MissingToolError, testCommand } = await import('./commands/test.js');
        try {
          return await testCommand({ root, sites: values.site, ...(values.junit !== undefined && { junit: values.junit }) }, out);
        } catch (err) {
          if (!(err instanceof MissingToolError)) throw err;
          out.error(`kiln: ${err.message}`);
          return 2;
        }
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.info(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof LintConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`kiln: ${(err as Error).message}`);
      out.error('Run `kiln help` for usage.');
      return 2;
    }
    throw err;
  }
}
