import type { Diagnostic } from '../types.js';
import { github } from './github.js';
import { sarif } from './sarif.js';
import { stylish, type StylishOptions } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function report(format: Format, diagnostics: Diagnostic[], options: StylishOptions = {}): string {
  switch (format) {
    case 'stylish':
      return stylish(diagnostics, options);
    case 'json':
      return JSON.stringify(diagnostics, null, 2) + '\n';
    case 'sarif':
      return sarif(diagnostics);
    case 'github':
      return github(diagnostics);
  }
}
