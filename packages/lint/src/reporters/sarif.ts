import { RULES } from '../rules/index.js';
import type { Diagnostic } from '../types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
export const RULE_DOCS_BASE = 'https://github.com/kiln-dev/kiln/blob/main/packages/lint/docs/rules/';

/** SARIF 2.1.0, one run, the whole registry as the tool's rules (GitHub code scanning reads it). */
export function sarif(diagnostics: Diagnostic[]): string {
  const ids = [...RULES.map((r) => r.id), ...new Set(diagnostics.map((d) => d.ruleId).filter((id) => !RULES.some((r) => r.id === id)))];
  const rules = ids.map((id) => {
    const rule = RULES.find((r) => r.id === id);
    return {
      id,
      shortDescription: { text: rule?.meta.summary ?? id },
      fullDescription: { text: rule?.meta.description ?? id },
      ...(rule && { helpUri: `${RULE_DOCS_BASE}${id}.md`, help: { text: rule.meta.rationale } }),
      defaultConfiguration: { level: LEVEL[rule?.meta.severity ?? 'error'] },
    };
  });
  const results = diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: ids.indexOf(d.ruleId),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        ...(d.location.file !== undefined && {
          physicalLocation: {
            artifactLocation: { uri: d.location.file.split('\\').join('/') },
            region: { startLine: d.location.line ?? 1, startColumn: d.location.column ?? 1 },
          },
        }),
        logicalLocations: [{ fullyQualifiedName: d.location.modelPath ?? `${d.entity.kind}:${d.entity.name}`, kind: 'member' }],
      },
    ],
    ...(d.fix !== undefined && { properties: { fix: d.fix } }),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'kiln', informationUri: 'https://github.com/kiln-dev/kiln', version: '0.1.0', rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
