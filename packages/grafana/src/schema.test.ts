/**
 * Validates the generated dashboards against Grafana's own schema. No JSON Schema of the classic
 * dashboard is published on npm, but `@grafana/schema` (published by Grafana with each release)
 * carries the TypeScript types generated from Grafana's CUE kinds: the dashboard and each core panel
 * plugin's options / field config. ts-json-schema-generator turns those types into JSON Schemas
 * here, with unknown keys forbidden, and ajv checks every dashboard against them. (A static
 * `const d: schema.Dashboard = sdkDashboard` does not work: the SDK and @grafana/schema declare the
 * same enums separately, and TypeScript enums are nominal.)
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { createGenerator, type Schema } from 'ts-json-schema-generator';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateGrafana } from './index.js';
import { planOf, site, withoutGpus } from './test-fixtures/sites.js';

const require = createRequire(import.meta.url);
const RAW = join(dirname(require.resolve('@grafana/schema/package.json')), 'dist/types/raw');
/** Panel type → folder of its plugin schema in @grafana/schema. */
const PANEL_KINDS: Record<string, string> = {
  timeseries: 'timeseries',
  stat: 'stat',
  table: 'table',
  text: 'text',
  'state-timeline': 'statetimeline',
};

/**
 * Deviations of grafana-foundation-sdk 0.0.21 from Grafana 13's schema, accepted with a reason:
 * the SDK still writes the table footer as a panel option; Grafana moves it into the field config
 * when it loads the dashboard.
 */
const KNOWN_GAPS = [{ kind: 'table', part: 'options', property: 'footer' }];

/** Plugin options are stored partially (Grafana fills the plugin's defaults), so drop `required`. */
function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== 'required')
      .map(([k, v]) => [k, withoutRequired(v)]),
  );
}

function schemaOf(file: string, types: string[]): Map<string, Schema> {
  const generator = createGenerator({
    path: join(RAW, file),
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    additionalProperties: false,
  });
  return new Map(types.map((t) => [t, generator.createSchema(t)]));
}

type Json = Record<string, any>;
const ajv = new Ajv({ allErrors: true, strict: false });
let dashboardSchema: ValidateFunction;
const panelSchemas = new Map<string, { options: ValidateFunction; custom?: ValidateFunction }>();

beforeAll(() => {
  dashboardSchema = ajv.compile(schemaOf('dashboard/x/types.gen.d.ts', ['Dashboard']).get('Dashboard')!);
  for (const [kind, folder] of Object.entries(PANEL_KINDS)) {
    const types = kind === 'text' ? ['Options'] : ['Options', 'FieldConfig'];
    const schemas = schemaOf(`composable/${folder}/panelcfg/x/types.gen.d.ts`, types);
    const custom = schemas.get('FieldConfig');
    panelSchemas.set(kind, {
      options: ajv.compile(withoutRequired(schemas.get('Options')) as Schema),
      ...(custom && { custom: ajv.compile(withoutRequired(custom) as Schema) }),
    });
  }
}, 120_000);

function errorsOf(validate: ValidateFunction, value: unknown, ignore: string[] = []): string[] {
  validate(value);
  return (validate.errors ?? [])
    .filter((e) => !(e.keyword === 'additionalProperties' && e.instancePath === '' && ignore.includes(String(e.params.additionalProperty))))
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : ''}`,
    );
}

describe.each([
  ['with GPUs and mounts', () => site()],
  ['without GPUs', () => site(withoutGpus())],
])('dashboards of a site %s follow Grafana 13 schema', (_name, make) => {
  const dashboards = () => generateGrafana(planOf(make())).filter((a) => a.path.endsWith('.json'));

  test('the dashboard model (@grafana/schema Dashboard)', () => {
    for (const a of dashboards()) expect(errorsOf(dashboardSchema, a.value), a.path).toEqual([]);
  });

  test("every panel's options and field config (core panel plugin schemas)", () => {
    let checked = 0;
    for (const a of dashboards()) {
      for (const panel of (a.value as Json).panels as Json[]) {
        const schema = panelSchemas.get(panel.type);
        if (panel.type === 'row') continue;
        expect(schema, `${a.path}: panel type ${panel.type} has no schema in this test`).toBeDefined();
        const gaps = (part: string) => KNOWN_GAPS.filter((g) => g.kind === panel.type && g.part === part).map((g) => g.property);
        expect(errorsOf(schema!.options, panel.options ?? {}, gaps('options')), `${a.path} panel ${panel.id} options`).toEqual([]);
        const custom = panel.fieldConfig?.defaults?.custom;
        if (schema!.custom && custom !== undefined)
          expect(errorsOf(schema!.custom, custom, gaps('custom')), `${a.path} panel ${panel.id} custom`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  test('a misspelt key is caught (the schemas are strict)', () => {
    const [first] = dashboards();
    expect(errorsOf(dashboardSchema, { ...(first!.value as Json), titel: 'x' })).toEqual(['/ must NOT have additional properties: titel']);
  });
});
