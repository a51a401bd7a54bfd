/**
 * How the serializer lays out YAML, as a contract for readers of very large generated files that
 * must not parse them whole (the diff and `kiln test` read unit-test files that grow with the square
 * of the inventory). These functions and `emitYaml` live together: change one, change both — the
 * tests in text.test.ts hold them to what the serializer writes.
 */

/** Indentation of one nesting level (YAML_OPTIONS.indent). */
export const INDENT = '  ';

/**
 * The items of a top-level block sequence `key:` as the serializer writes it (`key:` at column 0,
 * items as `  - …` lines, nothing else at column 0 after it), each item's text; undefined when the
 * text is not laid out that way (a file written by hand), so the caller parses it instead.
 */
export function topLevelSequenceItems(text: string, key: string): string[] | undefined {
  const start = text.search(new RegExp(`^${key}:\\n`, 'm'));
  if (start < 0) return undefined;
  const body = text.slice(start + key.length + 2);
  if (!body.startsWith(`${INDENT}- `) || /^\S/m.test(body)) return undefined;
  return body.split(new RegExp(`^(?=${INDENT}- )`, 'm'));
}

/** The value of `key: value` on an item's first line (`  - key: value`), as written (maybe quoted). */
export function itemScalar(item: string, key: string): string | undefined {
  return new RegExp(`^${INDENT}- ${key}: (.*)$`, 'm').exec(item)?.[1];
}

/** Number of entries of a sequence `key:` nested `depth` levels in a top-level sequence item. */
export function countNestedItems(item: string, key: string, depth: number): number {
  const prefix = INDENT.repeat(depth + 1);
  return (item.match(new RegExp(`^${prefix}- ${key}: `, 'gm')) ?? []).length;
}

/**
 * The text with every block `key:` at `depth` levels (in items of a top-level sequence) replaced by
 * an empty sequence: the rest parses small. Lines deeper than the key belong to its block.
 */
export function withoutNestedBlocks(text: string, key: string, depth: number): string {
  const header = `${INDENT.repeat(depth)}${key}:`;
  const deeper = INDENT.repeat(depth + 1);
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    if (skipping && (line.startsWith(deeper) || line === '')) continue;
    skipping = line === header;
    out.push(skipping ? `${header} []` : line);
  }
  return out.join('\n');
}
