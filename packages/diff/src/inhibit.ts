/**
 * Inhibition with Alertmanager's semantics (inhibit/inhibit.go): an alert is muted when a rule's
 * target matchers match it and a firing alert matches the source matchers with every `equal`
 * label equal (a label missing on both sides counts as equal). When the muted alert matches the
 * source matchers too, inhibitors that also match the target matchers are skipped, so an alert
 * cannot inhibit itself or its twins.
 */
import { matchesAll, parseMatcher, type Matcher } from '@kiln/alertmanager';
import { asArray, asLabels, isRecord, type Labels } from './parse.js';

export interface InhibitRule {
  /** Position in `inhibit_rules`. */
  index: number;
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}

const legacy = (match: unknown, op: '=' | '=~'): Matcher[] => Object.entries(asLabels(match)).map(([name, value]) => ({ name, op, value }));

/** The inhibit rules of an alertmanager.yml value (matcher lists and the deprecated match/match_re maps). */
export function inhibitRules(config: unknown): InhibitRule[] {
  if (!isRecord(config)) return [];
  return asArray(config.inhibit_rules).flatMap((r, index) => {
    if (!isRecord(r)) return [];
    return [
      {
        index,
        source: [
          ...asArray(r.source_matchers).map((m) => parseMatcher(String(m))),
          ...legacy(r.source_match, '='),
          ...legacy(r.source_match_re, '=~'),
        ],
        target: [
          ...asArray(r.target_matchers).map((m) => parseMatcher(String(m))),
          ...legacy(r.target_match, '='),
          ...legacy(r.target_match_re, '=~'),
        ],
        equal: asArray(r.equal).map(String),
      },
    ];
  });
}

/** The rules under which `inhibitor`, firing, mutes `alert` (empty: not inhibited). */
export function inhibitingRules(rules: InhibitRule[], alert: Labels, inhibitor: Labels): InhibitRule[] {
  return rules.filter((r) => {
    if (!matchesAll(r.target, alert)) return false;
    if (!matchesAll(r.source, inhibitor)) return false;
    if (!r.equal.every((n) => (inhibitor[n] ?? '') === (alert[n] ?? ''))) return false;
    const twoSided = matchesAll(r.source, alert);
    return !(twoSided && matchesAll(r.target, inhibitor));
  });
}

/** Whether any of the firing alerts mutes `alert`. */
export function isInhibited(rules: InhibitRule[], alert: Labels, firing: Labels[]): boolean {
  return firing.some((f) => inhibitingRules(rules, alert, f).length > 0);
}
