/**
 * The commands and their options as data: `kiln help`, `kiln <command> --help` and node's
 * `util.parseArgs` all read these tables, so usage text and parsing cannot drift apart.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Shown in usage after the flag, e.g. `NAME`. */
  value?: string;
  help: string;
  default?: string | boolean;
}

export interface CommandSpec {
  name: string;
  /** Words after `kiln <name>`, e.g. `[FILE...]` or `proxmox`. */
  args?: string;
  summary: string;
  /** Longer explanation printed by `kiln <command> --help`. */
  details?: string[];
  options: Record<string, OptionSpec>;
  positionals: boolean;
  /** The command parses its own arguments (its package owns the flag table and the --help text). */
  delegates?: boolean;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  root: { type: 'string', value: 'DIR', help: 'repository root (default: nearest folder above with packages/sites)' },
  quiet: { type: 'boolean', help: 'no progress lines, only errors', default: false },
  help: { type: 'boolean', help: 'show this command’s usage', default: false },
};

const site: OptionSpec = { type: 'string', multiple: true, value: 'NAME', help: 'only this site (repeatable)' };
const file: OptionSpec = {
  type: 'string',
  multiple: true,
  value: 'FILE',
  help: 'a YAML/JSON site file instead of the workspace sites (repeatable)',
};

export const COMMANDS: CommandSpec[] = [
  {
    name: 'build',
    summary: 'Build every site under packages/sites into generated/<site>/',
    details: [
      'A site folder is updated only when everything succeeded (changed files are replaced one by one); a failed build leaves the previous output untouched.',
    ],
    positionals: false,
    options: {
      site,
      file,
      check: { type: 'boolean', help: 'build in memory and exit 1, listing files, when generated/ differs', default: false },
      out: {
        type: 'string',
        value: 'DIR',
        help: 'output folder, relative to the root or absolute; kiln only replaces folders it wrote',
        default: 'generated',
      },
      'no-verify': { type: 'boolean', help: 'do not check the output with promtool and amtool before writing it', default: false },
      'no-cache': {
        type: 'boolean',
        help: "run every check (promtool, amtool, Kiln's own of the rule files), even those that passed before on the same bytes ($KILN_CACHE_DIR or node_modules/.cache/kiln/verify/)",
        default: false,
      },
    },
  },
  {
    name: 'lint',
    args: '[FILE...]',
    summary: 'Lint every site (model + generated files), or the given files',
    details: ['Files: prometheus.yml, alertmanager.yml, rule files, Kubernetes manifests (PrometheusRule, ConfigMaps), Ansible variables.'],
    positionals: true,
    options: {
      site,
      file: { ...file, help: 'lint a YAML/JSON site file (model and generated output); a site file given as FILE is recognised too' },
      format: { type: 'string', value: 'F', help: 'stylish | json | sarif | github', default: 'stylish' },
      rule: {
        type: 'string',
        multiple: true,
        value: 'ID=SEV',
        help: "override a rule's severity: error | warning | info | off (repeatable)",
      },
      'rule-option': {
        type: 'string',
        multiple: true,
        value: 'ID=JSON',
        help: 'a rule\'s options, e.g. \'promql/series={"catalog":["node"]}\' (repeatable)',
      },
      'max-warnings': { type: 'string', value: 'N', help: 'fail when there are more than N warnings' },
      'check-generated': { type: 'boolean', help: 'also report files in generated/ that differ from a fresh build', default: false },
    },
  },
  {
    name: 'routes',
    args: 'test [label=value...]',
    summary: 'Print the receivers an alert reaches, like `amtool config routes test`',
    positionals: true,
    options: {
      'config.file': { type: 'string', value: 'F', help: 'the alertmanager.yml to route through (required)' },
      'verify.receivers': { type: 'string', value: 'R', help: 'exit 1 unless the receivers are exactly R (comma-separated, tree order)' },
    },
  },
  {
    name: 'diff',
    summary: 'What a change does to the generated configuration (Markdown for review)',
    positionals: false,
    options: {
      base: { type: 'string', value: 'REF', help: 'compare with the generated/ committed at REF', default: 'HEAD' },
      head: { type: 'string', value: 'REF', help: 'the generated/ committed at REF (default: a fresh build of the working tree)' },
      format: { type: 'string', value: 'F', help: 'markdown | json', default: 'markdown' },
      out: { type: 'string', value: 'DIR', help: 'output folder relative to the root', default: 'generated' },
    },
  },
  {
    name: 'test',
    summary: "Run every site's promtool unit tests and routing tests (Kiln's simulator and amtool), and print coverage",
    details: ['Needs promtool and amtool (Debian: apt-get install -y prometheus prometheus-alertmanager); never skips.'],
    positionals: false,
    options: {
      site,
      file,
      junit: { type: 'string', value: 'FILE', help: 'also write the results as JUnit XML' },
    },
  },
  {
    name: 'discover',
    args: 'proxmox --api URL --token-id USER@REALM!NAME --token-secret-file FILE --listen HOST:PORT',
    summary: 'Serve Prometheus HTTP service discovery of Proxmox VMs (see `kiln discover proxmox --help`)',
    positionals: true,
    delegates: true,
    options: {},
  },
  {
    name: 'help',
    args: '[COMMAND]',
    summary: 'Show this text, or one command’s usage',
    positionals: true,
    options: {},
  },
];

const EXIT_CODES = `Exit codes: 0 ok; 1 site errors, build failure, stale output (--check), lint errors, or
receivers differing from --verify.receivers, failed tests or coverage below the minimum (test);
2 usage or lint configuration error, promtool/amtool missing (test); 70 internal error.`;

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `--${name}${o.value ? ` ${o.value}` : ''}`;
    const dflt = typeof o.default === 'string' ? ` (default: ${o.default})` : '';
    return [flag, `${o.help}${dflt}`] as const;
  });
  const width = Math.max(0, ...rows.map(([f]) => f.length));
  return rows.map(([f, h]) => `    ${f.padEnd(width)}  ${h}`);
}

const head = (c: CommandSpec) => `${c.name}${c.args ? ` ${c.args}` : ''}`;

/** `kiln help`: every command with its options. */
export function usage(): string {
  const lines = ['Usage: kiln <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) {
    lines.push(`  ${head(c)}`, `      ${c.summary}`, ...optionLines(c.options));
  }
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS), '', EXIT_CODES);
  return lines.join('\n');
}

/** `kiln <command> --help`. */
export function commandUsage(c: CommandSpec): string {
  return [
    `Usage: kiln ${head(c)} [options]`,
    '',
    c.summary + '.',
    ...(c.details ?? []),
    '',
    'Options:',
    ...optionLines(c.options),
    ...optionLines(GLOBAL_OPTIONS),
    '',
    EXIT_CODES,
  ].join('\n');
}

/** The `util.parseArgs` options of a command (its own and the global ones). */
export function parseArgsOptions(
  c: CommandSpec,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; default?: string | boolean | string[] }> {
  const out: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; default?: string | boolean | string[] }> = {};
  for (const [name, o] of Object.entries({ ...c.options, ...GLOBAL_OPTIONS })) {
    out[name] = {
      type: o.type,
      ...(o.multiple && { multiple: true, default: [] }),
      ...(o.default !== undefined && { default: o.default }),
    };
  }
  return out;
}
