/**
 * Deterministic names. A dashboard's uid depends only on the site name and the dashboard id, so it
 * survives every inventory change and bookmarks, links and alert annotations keep working.
 */

/** Grafana's limit on dashboard uids. */
export const MAX_UID_LENGTH = 40;

/** Lowercase ASCII letters, digits and single dashes; what Grafana accepts in uids and URL slugs. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** FNV-1a (32 bit) in base 36: short, stable across runs and platforms. Not for security. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/**
 * `<site>-<id>` when it fits in 40 characters, else its first 32 characters, a dash and a hash of
 * the whole, so two long names never collide by truncation.
 */
export function dashboardUid(siteName: string, dashboardId: string): string {
  const full = slugify(`${siteName}-${dashboardId}`);
  if (full.length <= MAX_UID_LENGTH) return full;
  const hash = stableHash(`${siteName}\u0000${dashboardId}`);
  return `${full.slice(0, MAX_UID_LENGTH - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** The tag every dashboard of a site carries; dashboard links list the site's dashboards by it. */
export function siteTag(siteName: string): string {
  return `kiln-${slugify(siteName)}`;
}

/** Grafana's path to a dashboard, optionally opened on one panel. */
export function dashboardPath(uid: string, title: string, panelId?: number): string {
  const base = `/d/${uid}/${slugify(title)}`;
  return panelId === undefined ? base : `${base}?viewPanel=${panelId}`;
}

/** refIds A, B, …, Z, AA, AB, … for the n-th query of a panel (0-based). */
export function refId(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
