/**
 * kiln — build configuration from site definitions. Commands and options are the tables of
 * commands.ts; usage text is generated from them.
 */
import { parseArgs } from 'node:util';
import { FORMATS, LintConfigError, type Format } from '@kiln/lint';
import { closest } from '@kiln/model/basics';
import { COMMANDS, commandUsage, parseArgsOptions, usage, type CommandSpec } from './commands.js';
import type { DiffFormat } from './commands/diff.js';
import { consoleOutput, type Output } from './output.js';
import { UsageError, findRoot } from './workspace.js';

type Values = Record<string, string | boolean | string[] | undefined>;

const str = (v: Values, k: string) => v[k] as string | undefined;
const strs = (v: Values, k: string) => (v[k] as string[] | undefined) ?? [];
const bool = (v: Values, k: string) => v[k] === true;

async function run(spec: CommandSpec, values: Values, positionals: string[], out: Output): Promise<number> {
  const root = () => str(values, 'root') ?? findRoot();
  // `kiln lint FILE…` also runs as a pre-commit hook in repositories that are not Kiln workspaces:
  // loose files need no workspace (paths are shown relative to the current folder).
  const lintRoot = () => {
    try {
      return root();
    } catch (err) {
      if (err instanceof UsageError && positionals.length > 0 && strs(values, 'site').length === 0) return process.cwd();
      throw err;
    }
  };
  switch (spec.name) {
    case 'build': {
      const { build } = await import('./commands/build.js');
      return build(
        {
          root: root(),
          sites: strs(values, 'site'),
          files: strs(values, 'file'),
          check: bool(values, 'check'),
          out: str(values, 'out')!,
          verify: !bool(values, 'no-verify'),
          cache: !bool(values, 'no-cache'),
        },
        out,
      );
    }
    case 'lint': {
      const format = str(values, 'format')!;
      if (!FORMATS.includes(format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
      const mw = str(values, 'max-warnings');
      const maxWarnings = mw === undefined ? undefined : Number(mw);
      if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0))
        throw new UsageError('--max-warnings expects a whole number');
      const { lintCommand, mergeRuleSettings, parseRuleFlags, parseRuleOptionFlags } = await import('./commands/lint.js');
      return lintCommand(
        {
          root: lintRoot(),
          sites: strs(values, 'site'),
          files: positionals,
          format: format as Format,
          rules: mergeRuleSettings(parseRuleFlags(strs(values, 'rule')), parseRuleOptionFlags(strs(values, 'rule-option'))),
          ...(maxWarnings !== undefined && { maxWarnings }),
          checkGenerated: bool(values, 'check-generated'),
          siteFiles: strs(values, 'file'),
        },
        out,
      );
    }
    case 'routes': {
      const [sub, ...labels] = positionals;
      if (sub !== 'test') throw new UsageError('usage: kiln routes test --config.file=F [--verify.receivers=R] label=value…');
      const file = str(values, 'config.file');
      if (!file) throw new UsageError('--config.file=alertmanager.yml is required');
      const { routesTest } = await import('./commands/routes.js');
      return routesTest({ file, verify: str(values, 'verify.receivers'), labels }, out);
    }
    case 'diff': {
      const { DIFF_FORMATS, diffCommand } = await import('./commands/diff.js');
      const format = str(values, 'format')!;
      if (!DIFF_FORMATS.includes(format as DiffFormat)) throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')}`);
      const head = str(values, 'head');
      return diffCommand(
        {
          root: root(),
          base: str(values, 'base')!,
          ...(head !== undefined && { head }),
          format: format as DiffFormat,
          out: str(values, 'out')!,
        },
        out,
      );
    }
    case 'test': {
      const { MissingToolError, testCommand } = await import('./commands/test.js');
      const junit = str(values, 'junit');
      try {
        return await testCommand(
          { root: root(), sites: strs(values, 'site'), files: strs(values, 'file'), ...(junit !== undefined && { junit }) },
          out,
        );
      } catch (err) {
        if (!(err instanceof MissingToolError)) throw err;
        out.error(`kiln: ${err.message}`);
        return 2;
      }
    }
    case 'help': {
      const [name] = positionals;
      const c = name === undefined ? undefined : COMMANDS.find((x) => x.name === name);
      if (name !== undefined && !c) throw new UsageError(`unknown command \`${name}\``);
      if (c?.delegates) return main([c.name, '--help']);
      out.info(c ? commandUsage(c) : usage());
      return 0;
    }
  }
  throw new UsageError(`unknown command \`${spec.name}\``);
}

// Each command's module is imported when the command runs: `kiln lint FILE` then loads neither
// the generators (Grafana SDK, exporters' dashboards) nor diff/test.
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = consoleOutput(rest.includes('--quiet'));
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      out.info(usage());
      return command === undefined ? 2 : 0;
    }
    const spec = COMMANDS.find((c) => c.name === command);
    if (!spec) {
      const near = closest(
        command,
        COMMANDS.map((c) => c.name),
      );
      throw new UsageError(`unknown command \`${command}\`${near ? `; did you mean \`${near}\`?` : ''}`);
    }
    if (spec.delegates) {
      // Long-running: its own flags, --help, signals and exit codes (@kiln/discovery).
      const { discoverCommand } = await import('@kiln/discovery');
      return await discoverCommand(rest, { out: (l) => out.info(l), err: (l) => out.error(l) });
    }
    if (rest.includes('-h')) {
      out.info(commandUsage(spec));
      return 0;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      options: parseArgsOptions(spec),
      strict: true,
      allowPositionals: spec.positionals,
    });
    if (values['help'] === true) {
      out.info(commandUsage(spec));
      return 0;
    }
    return await run(spec, values as Values, positionals, out);
  } catch (err) {
    if (err instanceof UsageError || err instanceof LintConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`kiln: ${(err as Error).message}`);
      out.error(
        command && COMMANDS.some((c) => c.name === command) ? `Run \`kiln ${command} --help\` for usage.` : 'Run `kiln help` for usage.',
      );
      return 2;
    }
    throw err;
  }
}
