#!/usr/bin/env node
// Builds dist/kiln-lint.cjs, the one-file bundle `bin/kiln.cjs` runs for `kiln lint`, and its V8 code
// cache (run by `npm run build` after tsc). Why: `kiln lint FILE` used to load 257 ES modules (zod
// alone is 95 files) and compile them on every run; a bundle is one read and one compile, and the
// code cache skips the compile of every function the warm-up run below used.
//
// The bundle is the CLI from dist/lint-bundle.js minus what linting files never needs: the modules
// below are stand-ins that throw, and `kiln lint` then runs the full CLI (see src/lint-bundle.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const pkg = join(import.meta.dirname, '..');
const dist = join(pkg, 'dist');
const outfile = join(dist, 'kiln-lint.cjs');
const FULL_CLI_ONLY = new Set(
  ['load-site.js', 'pipeline.js', 'write.js', 'commands/build.js', 'commands/diff.js', 'commands/routes.js', 'commands/test.js'].map((f) =>
    join(dist, f),
  ),
);
/** Packages the bundle must not contain: they are what the site pipeline loads. */
const NOT_BUNDLED = ['typescript', '@grafana/grafana-foundation-sdk', 'kubernetes-models', '@kubernetes-models/', 'ajv'];

const fullCliOnly = {
  name: 'full-cli-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const stub = args.path === '@kiln/discovery' || (args.path.startsWith('.') && FULL_CLI_ONLY.has(resolve(args.resolveDir, args.path)));
      return stub ? { path: args.path, namespace: 'full-cli-only' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'full-cli-only' }, (args) => ({
      contents: `throw Object.assign(new Error(${JSON.stringify(`${args.path} is not in the kiln lint bundle`)}), { code: 'KILN_FULL_CLI_NEEDED' });`,
      loader: 'js',
    }));
  },
};

rmSync(`${outfile}.cache`, { force: true });
const result = await build({
  absWorkingDir: pkg,
  entryPoints: [join(dist, 'lint-bundle.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Whitespace and syntax only: identifiers (class names in messages, stack traces) stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  // The `import.meta.url`s in dist: the lazy `yaml` of @kiln/lint and lezer of @kiln/promql (createRequire), resolved from here as from there.
  define: { 'import.meta.url': '__kiln_bundle_url' },
  banner: { js: "const __kiln_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [fullCliOnly],
  metafile: true,
  logLevel: 'warning',
});
// A warning is a module the bundle would run differently from dist/ (e.g. another `import.meta`, empty in CommonJS).
if (result.warnings.length > 0) throw new Error(`kiln-lint.cjs: esbuild warned (see above); the bundle would not behave as dist/ does`);
const inputs = Object.keys(result.metafile.inputs);
const unwanted = inputs.filter((i) => NOT_BUNDLED.some((p) => i.includes(`node_modules/${p}`)));
if (unwanted.length > 0) throw new Error(`kiln-lint.cjs must not contain the site pipeline's dependencies, found: ${unwanted.join(', ')}`);
// Kiln's compiled modules in the bundle, with a hash of each: bin/bundle.cjs does not use the bundle
// when one of them changed since (a package rebuilt alone, e.g. `nx build @kiln/lint`, must not
// leave `kiln lint` running old code).
const kilnInputs = Object.fromEntries(
  inputs
    .filter((i) => !i.includes('node_modules/') && !i.startsWith('full-cli-only:'))
    .map((i) => resolve(pkg, i))
    .sort()
    .map((f) => [relative(dist, f), createHash('sha1').update(readFileSync(f)).digest('hex')]),
);
writeFileSync(join(dist, 'kiln-lint.inputs.json'), JSON.stringify(kilnInputs, null, 1) + '\n');

// The warm-up: lint Kiln's own generated configuration and two files with typical defects, in a
// plain `node` (V8 rejects a cache made under other flags), then save the code cache.
const root = resolve(pkg, '../..');
const ls = (dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).sort() : []);
const files = [
  ...ls('generated').flatMap((site) =>
    [
      ...ls(`generated/${site}/prometheus/rules`).map((f) => `generated/${site}/prometheus/rules/${f}`),
      `generated/${site}/prometheus/prometheus.yml`,
      `generated/${site}/alertmanager/alertmanager.yml`,
    ].filter((f) => existsSync(join(root, f))),
  ),
  ...['rules.yml', 'alertmanager.yml'].map((f) => relative(root, join(pkg, 'scripts/fixtures/warm-up', f))),
];
const warmUp = `
import { loadBundle } from ${JSON.stringify(join(pkg, 'bin/bundle.cjs'))};
const bundle = loadBundle(${JSON.stringify(outfile)}, { produceCache: true });
for (const format of ['stylish', 'json']) {
  process.argv = [process.argv[0], 'kiln', 'lint', '--format', format, ...${JSON.stringify(files)}];
  if (!(await bundle.exports.runLint()) || process.exitCode > 1) throw new Error('the warm-up run of kiln lint failed (exit ' + process.exitCode + ')');
}
bundle.writeCache();
process.exitCode = 0;
`;
const env = { ...process.env };
delete env.NODE_OPTIONS;
const run = spawnSync(process.execPath, ['--input-type=module', '-e', warmUp], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
if (run.status !== 0 || !existsSync(`${outfile}.cache`)) throw new Error(`kiln-lint.cjs: the warm-up run failed (status ${run.status})`);
console.log(`${relative(dirname(pkg), outfile)}: ${inputs.length} modules; code cache from linting ${files.length} files`);
