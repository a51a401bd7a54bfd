/**
 * PromQL's function table (Prometheus 3.x, promql/parser/functions.go), limited to the names the
 * lezer grammar recognises. `variadic` follows Prometheus: 0 = exactly `args`; n > 0 = the last
 * argument type may be given up to n times in total beyond the required ones (so optional
 * arguments); -1 = the last argument type repeats without limit.
 */
import type { ValueType } from './value-type.js';

export interface PromqlFunction {
  name: string;
  args: readonly ValueType[];
  variadic: number;
  returns: ValueType;
  /** Needs `--enable-feature=promql-experimental-functions` in Prometheus 3.x. */
  experimental: boolean;
}

type Spec = [args: ValueType[], returns: ValueType, options?: { variadic?: number; experimental?: boolean }];

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

const instantMath = [
  'abs',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'ceil',
  'cos',
  'cosh',
  'deg',
  'exp',
  'floor',
  'ln',
  'log10',
  'log2',
  'rad',
  'sgn',
  'sin',
  'sinh',
  'sort',
  'sort_desc',
  'sqrt',
  'tan',
  'tanh',
  'timestamp',
  'absent',
  'histogram_avg',
  'histogram_count',
  'histogram_sum',
  'histogram_stddev',
  'histogram_stdvar',
];
const overTime = [
  'absent_over_time',
  'avg_over_time',
  'changes',
  'count_over_time',
  'delta',
  'deriv',
  'idelta',
  'increase',
  'irate',
  'last_over_time',
  'max_over_time',
  'min_over_time',
  'present_over_time',
  'rate',
  'resets',
  'stddev_over_time',
  'stdvar_over_time',
  'sum_over_time',
];
const experimentalOverTime = [
  'first_over_time',
  'mad_over_time',
  'ts_of_first_over_time',
  'ts_of_max_over_time',
  'ts_of_min_over_time',
  'ts_of_last_over_time',
];
const dateFunctions = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];

const specs: Record<string, Spec> = {
  ...Object.fromEntries(instantMath.map((n): [string, Spec] => [n, [[V], V]])),
  ...Object.fromEntries(overTime.map((n): [string, Spec] => [n, [[M], V]])),
  ...Object.fromEntries(experimentalOverTime.map((n): [string, Spec] => [n, [[M], V, { experimental: true }]])),
  ...Object.fromEntries(dateFunctions.map((n): [string, Spec] => [n, [[V], V, { variadic: 1 }]])),
  clamp: [[V, S, S], V],
  clamp_max: [[V, S], V],
  clamp_min: [[V, S], V],
  double_exponential_smoothing: [[M, S, S], V, { experimental: true }],
  end: [[], S, { experimental: true }],
  histogram_fraction: [[S, S, V], V],
  histogram_quantile: [[S, V], V],
  histogram_quantiles: [[V, STR, S, S], V, { variadic: 9, experimental: true }],
  info: [[V, V], V, { variadic: 1, experimental: true }],
  label_join: [[V, STR, STR, STR], V, { variadic: -1 }],
  label_replace: [[V, STR, STR, STR, STR], V],
  pi: [[], S],
  predict_linear: [[M, S], V],
  quantile_over_time: [[S, M], V],
  range: [[], S, { experimental: true }],
  round: [[V, S], V, { variadic: 1 }],
  scalar: [[V], S],
  sort_by_label: [[V, STR], V, { variadic: -1, experimental: true }],
  sort_by_label_desc: [[V, STR], V, { variadic: -1, experimental: true }],
  start: [[], S, { experimental: true }],
  step: [[], S, { experimental: true }],
  time: [[], S],
  vector: [[S], V],
};

export const FUNCTIONS: ReadonlyMap<string, PromqlFunction> = new Map(
  Object.entries(specs)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, [args, returns, options]]) => [
      name,
      { name, args, returns, variadic: options?.variadic ?? 0, experimental: options?.experimental ?? false },
    ]),
);

/** The fewest and most arguments a call accepts (`max` is Infinity for unbounded variadics). */
export function arity(fn: PromqlFunction): { min: number; max: number } {
  if (fn.variadic === 0) return { min: fn.args.length, max: fn.args.length };
  const min = fn.args.length - 1;
  return { min, max: fn.variadic < 0 ? Infinity : min + fn.variadic };
}
