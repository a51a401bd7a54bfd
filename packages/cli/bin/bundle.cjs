// Loads a one-file CommonJS bundle of dist/ (see scripts/bundle-lint.mjs) with V8's code cache: the
// bytecode of every function the build's warm-up run compiled, saved beside the bundle as
// `<bundle>.cache`. Node 20 has no module.enableCompileCache, so the bundle is compiled as a
// vm.Script, which takes cached data. A cache V8 rejects (another Node version, other V8 flags) costs
// nothing but the compile it would have saved.
'use strict';
const { existsSync, readFileSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/**
 * The bundle's exports, whether V8 rejected its cache, and `writeCache()`, which saves the code
 * cache (call it after a warm-up run, so that the functions compiled lazily are in it); undefined
 * when the bundle is not built or older than what it was built from. `produceCache` ignores an
 * existing cache.
 */
function loadBundle(file, { produceCache = false } = {}) {
  if (!existsSync(file) || (!produceCache && stale(file))) return undefined;
  const cacheFile = `${file}.cache`;
  const cachedData = !produceCache && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const source = `(function kilnBundle(exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, ...(cachedData && { cachedData }) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected,
    writeCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}

/**
 * Whether one of Kiln's compiled modules the bundle was built from (listed beside it with their
 * hashes at build time) has changed: a package rebuilt alone (`nx build @kiln/lint`, `tsc`) must
 * not leave `kiln lint` running the old code; the caller then runs the full CLI. Only files newer
 * than the bundle are read (nx restores a cached dist/ in any order, so newer is not changed).
 */
function stale(file) {
  const list = file.replace(/\.cjs$/, '.inputs.json');
  if (!existsSync(list)) return true;
  const built = statSync(file).mtimeMs;
  const dir = dirname(file);
  let newer = false;
  for (const [f, hash] of Object.entries(JSON.parse(readFileSync(list, 'utf8')))) {
    const path = join(dir, f);
    const mtime = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined) return true;
    if (mtime <= built) continue;
    // node:crypto is required here, not above: loading it costs ~13 ms, and most runs never hash.
    if (require('node:crypto').createHash('sha1').update(readFileSync(path)).digest('hex') !== hash) return true;
    newer = true;
  }
  // Unchanged modules written after the bundle (nx restores dist/ in any order): mark the bundle as
  // newer, so that the next run does not hash them again. A read-only install hashes every time.
  if (newer) {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // not ours to touch
    }
  }
  return false;
}

module.exports = { loadBundle };
