/** Resolved forms of the recording-rule, HTTP SD and multi-target parts of the model (see resolve-extensions.ts). */
import type { z } from 'zod';
import type { RecordingRuleTest } from './recording-schema.js';

export interface ResolvedRecordingRule {
  /** The recorded series name, `level:metric:operations`. */
  name: string;
  expr: string;
  labels: Record<string, string>;
  description?: string;
  tests: z.output<typeof RecordingRuleTest>[];
}

export interface ResolvedHttpSd {
  /** Full URL Prometheus reads the target list from. */
  url: string;
  refreshInterval: string;
  /** The discovery service (key of `services`) and endpoint the URL points at. */
  service: string;
  endpoint: string;
}

/** A host a multi-target exporter queries (`?target=`): the host and the address passed as target. */
export interface ResolvedProbe {
  host: string;
  address: string;
}
