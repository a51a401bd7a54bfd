/**
 * Experimental PromQL features that Prometheus 3.x only accepts behind feature flags. All are off
 * by default, as in Prometheus.
 */
export interface PromqlFeatures {
  /** `--enable-feature=promql-experimental-functions`: sort_by_label, info, limitk, mad_over_time, … */
  experimentalFunctions: boolean;
  /** Arithmetic in ranges and offsets: `foo[5m + step()]`, `offset min_of(…)`. */
  durationExpressions: boolean;
  /** The `anchored` and `smoothed` range selector modifiers. */
  extendedRangeSelectors: boolean;
  /** `fill(…)`, `fill_left(…)`, `fill_right(…)` on binary operators. */
  binopFillModifiers: boolean;
}

export const DEFAULT_FEATURES: PromqlFeatures = Object.freeze({
  experimentalFunctions: false,
  durationExpressions: false,
  extendedRangeSelectors: false,
  binopFillModifiers: false,
});

export interface CheckOptions {
  features?: Partial<PromqlFeatures>;
}

export function resolveFeatures(options: CheckOptions | undefined): PromqlFeatures {
  return { ...DEFAULT_FEATURES, ...options?.features };
}
