/**
 * What generators return: plain values keyed by output path. Generators never serialize or write;
 * the CLI's one writer does, so every file of a format is written the same way.
 */
export interface Artifact {
  /** Path below `generated/<site>/`, with forward slashes. */
  path: string;
  format: 'yaml' | 'json' | 'text';
  /** Plain data (yaml/json) or the file text (text). */
  value: unknown;
}
