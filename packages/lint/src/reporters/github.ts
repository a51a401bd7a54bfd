import type { Diagnostic } from '../types.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: annotations on the pull request diff. */
export function github(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        d.location.file !== undefined && `file=${escapeProperty(d.location.file)}`,
        d.location.line !== undefined && `line=${d.location.line}`,
        d.location.column !== undefined && `col=${d.location.column}`,
        `title=${escapeProperty(`${d.ruleId}: ${d.summary}`)}`,
      ].filter(Boolean);
      return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}
