import type { Output, Schema } from './options-schema.js';
import type { Rule, RuleContext, RuleMeta } from './types.js';

/** Metadata first, then `check`; the id is `<area>/<name>`, equal to the rule's file path. */
export function createRule<M extends string, S extends Schema<unknown>>(rule: {
  id: `${string}/${string}`;
  meta: RuleMeta<M, S>;
  check(ctx: RuleContext<M, Output<S>>): void;
}): Rule<M, S> {
  return rule;
}

/** Fills `{{name}}` placeholders; a missing value is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`message placeholder {{${key}}} has no value`);
    return String(data[key]);
  });
}
