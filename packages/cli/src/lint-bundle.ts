/**
 * The entry of `dist/kiln-lint.cjs`, the one-file bundle `bin/kiln.js` runs for `kiln lint` (built by
 * `scripts/bundle-lint.mjs`, with a V8 code cache). It is the whole CLI except what linting files does
 * not need: the site loader, the pipeline and the other commands are stand-ins that throw
 * `FULL_CLI_NEEDED`. `kiln lint` imports those before it prints anything, so when it needs them (a
 * site file among the files, or no files) the bundle declines and the launcher runs the full CLI.
 */
import { main } from './main.js';
import { runProcess } from './process.js';

/** The `code` of the error the bundle's stand-in modules throw when they are imported. */
export const FULL_CLI_NEEDED = 'KILN_FULL_CLI_NEEDED';

/** Runs `kiln lint …` as the process; false when the full CLI must run instead (nothing was printed). */
export function runLint(): Promise<boolean> {
  return runProcess(async (argv) => {
    try {
      return await main(argv);
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === FULL_CLI_NEEDED) return undefined;
      throw err;
    }
  });
}
