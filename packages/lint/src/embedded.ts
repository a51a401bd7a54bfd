/**
 * Configuration embedded in Kubernetes manifests: a ConfigMap's `data` entry named `*.yml`/`*.yaml`
 * (prometheus.yml, alertmanager.yml, rule files) is a file of its own. It is linted as such, with
 * every position mapped back into the manifest, so findings point at the manifest's lines.
 */
import { loadLintFile, type LintFile } from './files.js';
import { yaml } from './lazy-yaml.js';

export function embeddedFiles(file: LintFile): LintFile[] {
  if (file.kind !== 'kubernetes') return [];
  // Only ConfigMaps embed files: other manifests (a PrometheusRule, a Deployment) need neither
  // `yaml` nor its full parse, which cost a 15-manifest run ~135 ms.
  if (!file.values.some((v) => (v as { kind?: unknown } | null)?.kind === 'ConfigMap')) return [];
  const { isMap, isScalar, Scalar } = yaml();
  const out: LintFile[] = [];
  file.docs.forEach((doc, d) => {
    const value = file.values[d] as { kind?: unknown } | undefined;
    if (value?.kind !== 'ConfigMap') return;
    const data = doc.get('data', true);
    if (!isMap(data)) return;
    for (const pair of data.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const node = pair.value;
      if (!/\.ya?ml$/.test(key) || !isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      if (!block) continue; // a quoted one-line value has no useful line structure to map
      const header = file.positionAt(node.range[0]);
      const firstLine = header.line + 1;
      const indent = /^\s*/.exec(file.text.split('\n')[firstLine - 1] ?? '')![0].length;
      const inner = loadLintFile(`${file.path}`, node.value);
      const shift = (p: { line: number; column: number }) => ({ line: p.line + firstLine - 1, column: p.column + indent });
      out.push({
        ...inner,
        path: file.path,
        position: (path, doc) => shift(inner.position(path, doc)),
        positionAt: (offset) => shift(inner.positionAt(offset)),
        // The manifest's own scan already found suppression comments inside the block, at manifest lines.
        suppressions: [],
        parseErrors: inner.parseErrors.map((e) => ({ ...e, ...shift(e) })),
      });
    }
  });
  return out;
}
