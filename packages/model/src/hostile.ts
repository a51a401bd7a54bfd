/**
 * Checks of the raw input that zod cannot make: a `__proto__` key (zod's records skip it, so the
 * entity would vanish without a word), cycles and absurd nesting. Iterative over objects only and
 * bounded by MAX_DEPTH, so hostile input costs little.
 */
import type { SiteIssue } from './errors.js';
import { entityAt } from './errors.js';

/** No field of a site is nested this deep (the deepest, a lint rule's options, is far above it). */
export const MAX_DEPTH = 32;

type Path = (string | number)[];

export function scanInput(siteName: string, input: unknown): SiteIssue[] {
  const issues: SiteIssue[] = [];
  // One path, pushed and popped as the walk descends (copied only into a report): a 10,000-host site has ~400,000 nodes.
  const path: Path = [];
  const report = (at: Path, message: string) => issues.push({ entity: entityAt(siteName, at), path: at, message });
  const ancestors = new Set<object>();
  const done = new WeakSet<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || done.has(value)) return;
    if (ancestors.has(value)) {
      report([...path], 'refers back to an object that contains it (a cycle); a site must be a tree of plain values');
      return;
    }
    if (path.length >= MAX_DEPTH) {
      report([...path], `is nested deeper than ${MAX_DEPTH} levels; no field of a site is that deep (check the structure)`);
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else {
      if (Object.hasOwn(value, '__proto__')) {
        report(
          [...path, '__proto__'],
          "`__proto__` cannot be a name or a field: JavaScript reads it as the object's prototype, so the entry would silently disappear; rename it (e.g. `proto`)",
        );
      }
      for (const key of Object.keys(value)) {
        if (key === '__proto__') continue;
        path.push(key);
        walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
    ancestors.delete(value);
    done.add(value);
  };
  walk(input);
  return issues;
}
