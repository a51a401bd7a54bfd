// Loads a one-file CommonJS bundle of dist/ (see scripts/bundle-lint.mjs) with V8's code cache: the
// bytecode of every function the build's warm-up run compiled, saved beside the bundle as
// `<bundle>.cache`. Node 20 has no module.enableCompileCache, so the bundle is compiled as a
// vm.Script, which takes cached data. A cache V8 rejects (another Node version, other V8 flags) costs
// nothing but the compile it would have saved.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * The bundle's exports, whether V8 rejected its cache, and `writeCache()`, which saves the code
 * cache (call it after a warm-up run, so that the functions compiled lazily are in it); undefined
 * when the bundle is not built. `produceCache` ignores an existing cache.
 */
export function loadBundle(file, { produceCache = false } = {}) {
  if (!existsSync(file)) return undefined;
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
