import type { ResolvedSite } from '@kiln/model';
import type { Output, Schema } from './options-schema.js';
import type { LintFile } from './files.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  file?: string;
  line?: number;
  column?: number;
  /** Path in the site definition, e.g. `services.jellyfin.endpoints.http.bind`. */
  modelPath?: string;
}

export interface Diagnostic {
  ruleId: string;
  /** Which of the rule's messages this is (stable, for tests and tooling). */
  messageId: string;
  severity: Severity;
  /** Short and stable: what kind of problem (the rule's summary). */
  summary: string;
  /** The full sentence: entity, field, requirement and fix. */
  message: string;
  entity: { kind: string; name: string };
  location: Location;
  fix?: string;
}

export interface Report<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  entity: { kind: string; name: string };
  location: Location;
  fix?: string;
}

export interface RuleContext<M extends string, O> {
  /** The resolved site, when linting a site (absent when linting loose files). */
  site?: ResolvedSite;
  /** Configuration files: generated artifacts of the site, or files given on the command line. */
  files: LintFile[];
  options: O;
  report(this: void, r: Report<M>): void;
}

export interface RuleMeta<M extends string, S extends Schema<unknown>> {
  description: string;
  /** Why the rule exists, for the docs page. */
  rationale: string;
  summary: string;
  severity: Severity;
  /**
   * False for opt-in rules: they run only when configured (`'warning'`, `{ options }`, …) in the
   * site's `lint.rules` or with `--rule`. Conventions that published rule files do not follow are
   * opt-in, so a finding on someone else's file by default is always a defect. Default true.
   */
  enabledByDefault?: boolean;
  /** Message templates with `{{placeholder}}`s, keyed by message id. */
  messages: Record<M, string>;
  /** Options schema; every field described and defaulted, so `options.parse({})` gives the defaults. */
  options: S;
  /** What the rule reads: the site model, configuration files, or both. */
  reads: ('site' | 'files')[];
}

export interface Rule<M extends string = string, S extends Schema<unknown> = Schema<unknown>> {
  id: string;
  meta: RuleMeta<M, S>;
  check(ctx: RuleContext<M, Output<S>>): void;
}
