/**
 * Every problem Kiln reports has this one shape — lint findings, build-time checks of generated
 * output, dashboard checks — so reporters, exit codes and the review diff treat them alike.
 */
export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface ProblemLocation {
  file?: string;
  line?: number;
  column?: number;
  /** Path in the site definition, e.g. `services.jellyfin.endpoints.http.bind`. */
  modelPath?: string;
}

export interface Problem {
  /** `<area>/<name>`: the registry rule (and docs page) that reports it. */
  ruleId: string;
  /** Which of the rule's messages this is (stable, for tests and tooling). */
  messageId: string;
  severity: ProblemSeverity;
  /** Short and stable: what kind of problem (the rule's summary). */
  summary: string;
  /** The full sentence: entity, field, requirement and fix. */
  message: string;
  entity: { kind: string; name: string };
  location: ProblemLocation;
  fix?: string;
}
