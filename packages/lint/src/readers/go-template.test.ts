import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { scanTemplate, scanTemplateTokenized } from './go-template.js';

/** Label and annotation values of every rule in the YAML files under `dir`. */
function templatesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    for (const doc of jsyaml.loadAll(readFileSync(join(entry.parentPath, entry.name), 'utf8')) as { groups?: unknown }[]) {
      const groups = Array.isArray(doc?.groups) ? (doc.groups as { rules?: Record<string, unknown>[] }[]) : [];
      for (const r of groups.flatMap((g) => g.rules ?? []))
        for (const section of [r['labels'], r['annotations']])
          if (section && typeof section === 'object') out.push(...Object.values(section).map(String));
    }
  }
  return out;
}

describe('scanTemplate: the shortcut for simple actions', () => {
  // Heads, chains and pipes in every combination, in the spacings Go templates allow, inside the
  // block structures that change what `.` is.
  const heads = [
    '$labels',
    '$value',
    '$',
    '$externalLabels',
    '$undefined',
    '$labels.host',
    '$labels.host.x',
    '.Labels.job',
    '.Labels',
    '.Value',
    '.',
  ];
  const pipes = ['', ' | humanize', '|humanizePercentage', ' | nope', ' | true', ' |  toUpper | title', ' | printf "%s"', ' | humanize.x'];
  const bodies = heads
    .flatMap((h) => pipes.map((p) => `${h}${p}`))
    .concat(['$labels .host', '$labels.host-x', '$x', '$labels.0', '-1', 'x']);
  const texts = bodies.flatMap((b) => [
    `{{ ${b} }}`,
    `{{${b}}}`,
    `{{- ${b} -}}`,
    `{{ $x := 1 }}{{ ${b} }}{{ $x }}`,
    `{{ range $labels }}{{ ${b} }}{{ end }}`,
    `{{ with $labels.a }}{{ ${b} }}{{ end }} {{ ${b} }}`,
    `a }} b {{ ${b} }} c }}`,
  ]);

  it.each(texts)('finds what the tokenizer finds in %s', (text) => {
    expect(scanTemplate(text)).toEqual(scanTemplateTokenized(text));
  });

  it('finds what the tokenizer finds in every template of the corpus', () => {
    const corpus = join(import.meta.dirname, '../../../../../shared/corpora/rules');
    const all = templatesIn(corpus).filter((t) => t.includes('{{'));
    expect(all.length).toBeGreaterThan(900);
    for (const t of all) expect(scanTemplate(t), t).toEqual(scanTemplateTokenized(t));
  });
});
