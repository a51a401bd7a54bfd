/**
 * The `yaml` package, loaded on first use: the linter reads with js-yaml and needs `yaml` only for
 * files js-yaml rejects, for positions its events cannot give and for Kubernetes ConfigMaps. Loading
 * it at start-up cost about a third of `kiln lint`'s start-up, which counts on every pre-commit run.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export function yaml(): Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);
}
