/**
 * Ansible renders every string of a variables file as a Jinja2 template. Values that come from the
 * site (labels, paths, URLs) must reach the roles literally, so any string that contains Jinja
 * delimiters is wrapped in `{% raw %}…{% endraw %}`. Only the templates Kiln writes itself (such as
 * `{{ prometheus_config_dir }}/file_sd/node.yml`) are left for Ansible to expand.
 */
const JINJA = /\{\{|\{%|\{#/;

export function literal(text: string): string {
  return JINJA.test(text) ? `{% raw %}${text.replaceAll('{% endraw %}', "{% endraw %}{{ '{% endraw %}' }}{% raw %}")}{% endraw %}` : text;
}

/** Deep copy with every string made literal, except those in `templates`. */
export function toVars(value: unknown, templates: ReadonlySet<string> = new Set()): unknown {
  if (typeof value === 'string') return templates.has(value) ? value : literal(value);
  if (Array.isArray(value)) return value.map((v) => toVars(v, templates));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toVars(v, templates)]));
  }
  return value;
}
