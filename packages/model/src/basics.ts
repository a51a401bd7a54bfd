/**
 * The parts of @kiln/model that build no schema: errors, name suggestions, the exporter kinds and
 * memory quantities. `@kiln/model/basics` is what the linter and the CLI's lint path import, so that
 * `kiln lint FILE` does not construct the site schema at start-up (a fifth of its start-up time).
 */
export * from './errors.js';
export { EXPORTER_KINDS } from './exporter-kinds.js';
export { memoryBytes, formatMemory } from './quantity.js';
