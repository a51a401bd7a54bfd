/**
 * PromQL expressions with the verdict Prometheus 3.x gives them (default features). Each line is
 * `<tag> <expression>`:
 *   V   valid in 3.x and in promtool 2.42 (the oracle test runs promtool on these)
 *   X   invalid in both
 *   V3  valid in 3.x, rejected by 2.42 (newer syntax or functions): asserted statically
 *   X3  invalid in 3.x, accepted by 2.42 (removed or tightened since): asserted statically
 */

export type CaseTag = 'V' | 'X' | 'V3' | 'X3';

export interface PromqlCase {
  tag: CaseTag;
  expr: string;
  /** Whether Prometheus 3.x accepts it. */
  valid: boolean;
  /** Whether promtool 2.42 is expected to give the same verdict. */
  shared: boolean;
}

const lines = String.raw`
# number literals
V 1
V -1
V +1
V 1.5
V .5
V 1e3
V 1E-3
V 1.5e+2
V 0x1F
V 0xff
V 017
V 019
V Inf
V +Inf
V -inf
V NaN
V nan
V 1 + 2
X 1e400
V3 1_000
V3 1_000.5
V3 5m
V3 1h30m
V3 1h + 1
V3 5m * 2
X 1__0
X 0x
X 1e
X 1a

# strings
V "foo"
V 'foo'
V ${'`'}foo${'`'}
V "a\"b"
V 'a\'b'
V "\n\t\\"
V "\x41\u00e9\U0001F600"
V "\101"
V ${'`'}raw\q${'`'}
X "\q"
X "\'"
X '\"'
X "\400"
X "\x4"
X "\u12"
X "\ud800"
X "abc
X 'abc

# vector selectors and matchers
V up
V up{}
V up{job="a"}
V up{job="a",}
V up{job!="a"}
V up{job=~"a.*"}
V up{job!~"a.*"}
V up{job='a'}
V up{job=${'`'}a${'`'}}
V up{job="a", instance="b"}
V {job="a"}
V {__name__="up"}
V {__name__="up", job="a"}
V {__name__=~"up|down"}
V {a!=""}
V {a=~".+"}
V {a=~"x"}
V {a="", b="x"}
X {a=~"|x"}
V up{a=""}
V up{a=~".*"}
V up:rate5m
V :foo
V foo:bar:baz
V on_call
V by_job
V sum_total
V sum
V count
V avg
V min
V max
V group
V topk
V bottomk
V quantile
V stddev
V stdvar
V count_values
V by
V without
V and_more
V Infinity
V up{on="a"}
V up{by="a", without="b", bool="c", offset="d"}
V up{job="a" # comment
}
V up # trailing comment
X {}
X {a=""}
X {a=~".*"}
X {a=~""}
X {a!~".+"}
X {a=~"x*"}
X {a=~"(x|)"}
X {a=~"x?"}
X {__name__=~".*"}
X {__name__=""}
X up{__name__="down"}
X up{__name__=~"down"}
X up{job=}
X up{job}
X up{job="a" job="b"}
X up{job=~"("}
X up{job=~")"}
X up{job=~"["}
X up{job=~"a**"}
X up{job=~"*"}
X up{job=~"a{1001}"}
X up{job=~"a{2,1}"}
X up{job=~"a(?=b)"}
X up{job=~"a(?!b)"}
X up{job=~"(?<=a)b"}
X up{job=~"(a)\\1"}
X up{job=~"\\q"}
X up{job=~"[z-a]"}
X up{job=~"[[:foo:]]"}
X up{job=~"\\"}
X up{job=~"(?P<>a)"}
X up{job=~"\\C"}
V up{job=~"(?i)abc"}
V up{job=~"(?i:abc)def"}
V up{job=~"(?P<name>a)"}
V up{job=~"(?:a|b)+"}
V up{job=~"\\d+\\.\\w*\\s?"}
V up{job=~"[a-z0-9_]+"}
V up{job=~"[^a]"}
V up{job=~"[]a]"}
V up{job=~"a{2}"}
V up{job=~"a{2,}"}
V up{job=~"a{2,3}"}
V up{job=~"a{,3}"}
V up{job=~"a{"}
V up{job=~"a*?"}
V up{job=~"\\pL\\p{Greek}"}
V up{job=~"[[:alpha:]]"}
V up{job=~"\\Qa.b\\E"}
V up{job=~"^a$"}
V up{job=~"\\x41\\x{263a}"}
V up{job=~"\\101"}
V up{job=~"a|b|c"}
X up{job="\q"}
X up{job=~'\q'}
V3 up{"job"="a"}
V3 {"foo"}
V3 {"foo.bar"}
V3 {"foo.bar", job="a"}
V3 {"foo", "job.name"="a"}
V3 up{"job.name"="a"}
X up{job="a"}{job="b"}
X up job
X up{job="a"
X {job="a"

# range selectors
V up[5m]
V up[1h30m]
V up[1y]
V up[1w]
V up[1d]
V up[10s]
V up[100ms]
V up[1m30s500ms]
V up{job="a"}[5m]
V up[ 5m ]
V up[5m] offset 1m
V up[5m] @ 100
V up[5m] @ 100 offset 1m
V up[5m] offset 1m @ 100
V (up[5m])
X up[0s]
X up[0m]
X up[5m][5m]
X up[5m:1m][5m]
X up[]
X up[5]m
X up[5m
X up[1m5h]
X up[1.5m]
X up[5x]
X up[-5m]
X (up)[5m]
X sum(up)[5m]
X rate(up[5m])[5m]
X up offset 1m [5m]
X up @ 100 [5m]
X 1[5m]
X "a"[5m]
X up[5m] + 1
X 1 + up[5m]
X -up[5m]
V3 up[5]
V3 up[1.5]
V3 up[300]
V3 up[0x10]

# subqueries
V up[5m:]
V up[5m:1m]
V up[1h:5m] offset 10m
V up[1h:5m] @ 100
V rate(up[5m])[30m:1m]
V max_over_time(rate(up[5m])[30m:1m])
V (up + 1)[5m:]
V sum(up)[5m:]
V vector(1)[5m:]
V up offset 1m [5m:]
V up @ 100 [5m:]
V up[5m:] offset 1m
V min_over_time(up[5m:])
V up[ 5m : 1m ]
X up[1h:5m][2h:10m]
X up[5m][5m:]
X up[5m:0s]
X up[0s:1m]
X up[5m::]
X up[:5m]
X 1[5m:]
X "a"[5m:]
X up[5m:1m] offset 1m offset 2m
X up[5m:] + 1
X sum(up[5m:])

# offset and @
V up offset 5m
V up offset -5m
V up offset 1h30m
V up OFFSET 5m
V up{job="a"} offset 5m
V up @ 100
V up @ 100.5
V up @ -100
V up @ 1e3
V up @ 0x10
V up @ start()
V up @ end()
V up @ START()
V up @ start() offset 5m
V up offset 5m @ 100
V up @ 100 offset 5m
V rate(up[5m] offset 5m)
V rate(up[5m] @ 100)
V sum(up offset 5m)
V up and up offset 1d
V up + up offset 1w
V -up offset 5m
V up offset 5m + 1
X up offset 5m offset 1m
X up @ 1 @ 2
X up @ start() @ 1
X up @ start() @ end()
X sum(up) offset 5m
X (up) offset 5m
X rate(up[5m]) offset 5m
X vector(1) @ 100
X 1 offset 5m
X "a" @ 100
X up offset
X up @
X up @ inf
X up @ nan
X up @ -Inf
X up @ 1e300
X up offset 1m5h
X up @ "a"
X up @ start
X up @ foo()
V3 up offset 5
V3 up offset 1.5
V3 up @ 5m
V3 up offset 0s
V3 up offset 0s offset 5m
X3 holt_winters(up[5m], 0.5, 0.5)

# unary
V -up
V +up
V -1
V --1
V - -up
V -(up)
V -sum(up)
V -rate(up[5m])
V -vector(1)
V -time()
V -(1)
X -"a"
X -up[5m]
X -(up[5m])
X -up[5m:]
X -

# binary arithmetic
V 1 + 1
V 1 - 1
V 2 * 3
V 6 / 3
V 7 % 3
V 2 ^ 3
V 2 ^ 3 ^ 2
V 1 atan2 2
V up + 1
V 1 + up
V up - up
V up * up
V up / up
V up % up
V up ^ up
V up atan2 up
V up ATAN2 up
V up + on(job) up
V up + on() up
V up + ignoring(job) up
V up + ignoring() up
V up + on(job, instance) up
V up + on(job,) up
V up * on(job) group_left up
V up * on(job) group_left() up
V up * on(job) group_left(instance) up
V up * on(job) group_right up
V up * on(job) group_right(instance) up
V up * ignoring(job) group_left(job) up
V up * ignoring(job) group_left(instance) up
V 1 + on() up
V up + on() 1
V (1 + 2) * up
V up + 2 * 3
V sum(up) / count(up)
V up + sum(up)
V up + vector(1)
V up + scalar(up)
V up unless on(job) up
V up * on(job) group_left(a, b) up
V up + ON(job) GROUP_LEFT(a) up
X up +
X + up +
X up * * up
X up + on(job) group_left(job) up
X up + on(job, a) group_right(a) up
X 1 + on(job) up
X up + on(job) 1
X 1 + ignoring(job) up
X up + group_left up
X up + on(job) group_left up group_right
X up + up[5m]
X up[5m] + up
X up + "a"
X "a" + up
X "a" + "b"
X 1 + "a"
X up + bool up
X 1 + bool 1
X up * bool on(job) up
X up + on job up
X up + on(job up
V up ++ up

# comparisons and bool
V up == 1
V up != 1
V up > 1
V up < 1
V up >= 1
V up <= 1
V up == up
V up > bool 1
V up == bool up
V 1 == bool 1
V 1 < bool 2
V 1 > bool up
V up > on(job) up
V up == bool on(job) group_left up
V up > BOOL 1
V (1 > bool 0) + 1
V up > 1 and up < 5
X 1 == 1
X 1 > 2
X 1 <= 2
X (1) != (2)
X 1 < bool 2 < 3
X vector(1) == bool
X up = 1
X up =~ "a"
X up !~ 1
X up > bool
X up bool > 1
X up == bool bool up

# set operators
V up and up
V up or up
V up unless up
V up AND up
V up and on(job) up
V up and ignoring(job) up
V up or on() up
V up unless ignoring(instance) up
V up and up or up
V (up or up) and up
V up and up > 1
V sum(up) and on(job) count(up)
X up and 1
X 1 and up
X 1 or 1
X 1 unless 1
X up and on(job) group_left up
X up or on(job) group_right(a) up
X up and ignoring(job) group_left(a) up
X up and bool up
X up or bool up
X up and "a"
X up and up[5m]
X up and

# aggregations
V sum(up)
V sum by (job) (up)
V sum(up) by (job)
V sum by (job, instance) (up)
V sum by (job,) (up)
V sum by () (up)
V sum without (job) (up)
V sum(up) without (job)
V sum without () (up)
V SUM BY (job) (up)
V avg(up)
V count(up)
V min(up)
V max(up)
V group(up)
V stddev(up)
V stdvar(up)
V topk(5, up)
V bottomk(5, up)
V topk by (job) (5, up)
V topk(5, up) by (job)
V quantile(0.9, up)
V quantile by (job) (0.9, up)
V count_values("value", up)
V count_values by (job) ("value", up)
V count_values('v', up)
V topk(scalar(up), up)
V topk(1 + 1, up)
V sum(rate(up[5m]))
V sum(sum(up) by (job))
V sum by (on, bool, offset, by, sum, avg, atan2, and, or, unless, start, end) (up)
X sum by (without) (up)
X sum by (inf) (up)
X up + on(nan) up
V sum by (group_left, group_right, ignoring) (up)
V sum(up) + 1
V sum(up offset 5m)
V sum(up @ 100)
V max(up) by (job) + min(up) by (job)
X sum()
X sum(up, up)
X sum(1)
X sum("a")
X sum(up[5m])
X sum(up[5m:])
X topk(up)
X topk(5)
X topk(5, up, up)
X topk("a", up)
X topk(up, up)
X topk(5, up[5m])
X topk(5, 1)
X quantile("a", up)
X quantile(0.5)
X count_values(1, up)
X count_values(up, up)
X count_values("v")
X bottomk(up[5m], up)
X sum by (job) up
X sum by job (up)
X sum by (job) by (job) (up)
X sum by ("job" (up)
X sum(up) by
X sum bye (job) (up)
X foo by (job) (up)
X sum by (job)
X sum(up,)
V3 sum by ("job") (up)
V3 sum by ("job.name") (up)
V3 sum without ("a.b", c) (up)
X sum by ("") (up)

# functions
V abs(up)
V absent(up)
V absent(nonexistent{job="a"})
V absent_over_time(up[5m])
V acos(up)
V acosh(up)
V asin(up)
V asinh(up)
V atan(up)
V atanh(up)
V avg_over_time(up[5m])
V ceil(up)
V changes(up[5m])
V clamp(up, 0, 1)
V clamp_max(up, 1)
V clamp_min(up, 0)
V cos(up)
V cosh(up)
V count_over_time(up[5m])
V days_in_month()
V days_in_month(up)
V day_of_month()
V day_of_week()
V day_of_week(up)
V day_of_year()
V deg(up)
V delta(up[5m])
V deriv(up[5m])
V exp(up)
V floor(up)
V histogram_count(up)
V histogram_sum(up)
V histogram_fraction(0, 1, up)
V histogram_quantile(0.9, rate(up[5m]))
V histogram_quantile(0.9, sum by (le) (rate(up[5m])))
V hour()
V hour(up)
V idelta(up[5m])
V increase(up[5m])
V irate(up[5m])
V label_join(up, "dst", ",", "a", "b")
V label_join(up, "dst", ",")
V label_join(up, "dst", ",", "a")
V label_replace(up, "dst", "$1", "src", "(.*)")
V last_over_time(up[5m])
V ln(up)
V log10(up)
V log2(up)
V max_over_time(up[5m])
V min_over_time(up[5m])
V minute()
V month()
V pi()
V predict_linear(up[5m], 3600)
V present_over_time(up[5m])
V quantile_over_time(0.5, up[5m])
V rad(up)
V rate(up[5m])
V rate(up{job="a"}[5m])
V resets(up[5m])
V round(up)
V round(up, 10)
V scalar(up)
V sgn(up)
V sin(up)
V sinh(up)
V sort(up)
V sort_desc(up)
V sqrt(up)
V stddev_over_time(up[5m])
V stdvar_over_time(up[5m])
V sum_over_time(up[5m])
V tan(up)
V tanh(up)
V time()
V timestamp(up)
V vector(1)
V vector(time())
V year()
V year(up)
V rate((up[5m]))
V rate(up[5m:1m])
V rate(up[5m] offset 1h)
V abs(-up)
V abs(up) + 1
V vector(scalar(up))
V sum_over_time(rate(up[5m])[1h:])
V round(up, scalar(up))
V time() + 1
V time() > bool 1
X rate(up)
X rate(up[5m], 1)
X rate()
X rate(1)
X rate("a")
X rate(sum(up))
X rate(rate(up[5m]))
X abs(up[5m])
X abs()
X abs(up, up)
X abs("a")
X abs(1)
X absent(up[5m])
X absent_over_time(up)
X clamp(up)
X clamp(up, 1)
X clamp(up, "a", 1)
X clamp_max(up)
X clamp_max(up, up)
X days_in_month(up, up)
X histogram_quantile(up, up)
X histogram_quantile(0.9)
X histogram_quantile("a", up)
X histogram_fraction(0, up)
X label_join(up)
X label_join(up, "dst")
X label_join(up, "dst", ",", 1)
X label_join(up, "dst", ",", up)
X label_replace(up, "a", "b", "c")
X label_replace(up, "a", "b", "c", "d", "e")
X label_replace(up, 1, "b", "c", "d")
X label_replace(up, "a", "b", "c", up)
X predict_linear(up[5m])
X predict_linear(up, 1)
X predict_linear(up[5m], "a")
X quantile_over_time(up[5m])
X quantile_over_time(up[5m], 0.5)
X round(up, 1, 2)
X round(up, "a")
X scalar(up[5m])
X scalar(1)
X scalar()
X sort(up[5m])
X time(1)
X time(up)
X pi(1)
X vector(up)
X vector("a")
X vector()
X timestamp(up[5m])
X timestamp()
X year(up[5m])
X foo(up)
X RATE(up[5m])
X Rate(up[5m])
X rate (up)
X rate(up[5m]
X rate(up[5m]))
X rate(up[5m],)
X abs(up,)
X rate[5m](up)
X holt_winter(up[5m], 0.5, 0.5)
X histogram_quantiles(up, "q", 0.5)
X sort_by_label(up, "job")
X sort_by_label_desc(up, "job")
X mad_over_time(up[5m])
X double_exponential_smoothing(up[5m], 0.5, 0.5)
X info(up)
X limitk(5, up)
X limit_ratio(0.5, up)
X ts_of_max_over_time(up[5m])
X first_over_time(up[5m])
X step()
X start()
X end()
X range()
V3 histogram_avg(up)
V3 histogram_stddev(up)
V3 histogram_stdvar(up)
V3 histogram_avg(rate(up[5m]))
X histogram_avg(up[5m])
X histogram_stddev()

# parentheses and precedence
V (up)
V ((up))
V (((1)))
V (up + 1) * 2
V up + (1 * 2)
V -(up + 1)
V (up)[5m:]
V ((up)[5m:])
V 2 ^ -1
V -2 ^ 2
V up * -1
V up / -up
V up or up and up unless up
V up > 1 or up < 0
V 1 + 2 * 3 ^ 4 % 5
X ()
X (up
X up)
X ((up)
X (up))
X (,)
X up (up)

# comments and whitespace
V up # comment
V # comment
  up
V up
  + 1
V sum by (job) (
  rate(up[5m])
)
V   up  
X # only a comment
X ${''}

# regex edge cases
V {job=~"\\b"}
X {job=~"\\B"}
X {job=~"^$"}
V {job!~"^$"}
X {job=~"[^a]*"}
V {job=~"a+?"}
V {job=~"(a|b)"}
X {job=~"(a|b)?"}
X {job=~"x{0,1}"}
X {job=~"a{0}"}
X {job=~"a*b*"}
X {job=~"()"}
X {job=~"(?:)"}
X {job=~"(?i)"}
X {job=~"\\Q\\E"}
X {job=~"\\z"}
X {job=~"$^"}
X up{job=~"[]"}
X up{job=~"[^]"}
X up{job=~"[a"}
X up{job=~"a\\"}
V up{job=~"a{,}"}
V up{job=~"\\pN"}
X up{job=~"\\p{Foo}"}
X up{job=~"\\8"}
V up{job=~"\\0"}
X up{job=~"a++"}
X up{job=~"a*+"}
X up{job=~"a?*"}
X up{job=~"(?i)*"}
V up{job=~"a(?i)*"}
V up{job=~"(?s-i:a)"}
X up{job=~"(?-)"}
X up{job=~"(?P=n)"}
X up{job=~"\\x{110000}"}
X up{job=~"[a-\\d]"}
V up{job=~"[\\d-z]"}
X up{job=~"a{1001,}"}
V up{job=~"a{1000}"}
X up{job=~"(a{500}){3}"}
V up{job=~"(a{500}){2}"}
X up{job=~"((a{10}){10}){11}"}
V up{job=~"((a{10}){10}){10}"}
V up{job=~"(a{500})*"}
V up{job=~"(a{1000}){0}"}
X up{job=~"(a{2,}){501}"}
V up{job=~"a{2}{3"}
V3 up{job=~"(?<n>a)"}

# string edge cases
X "\xZZ"
X "\u00"
X "\U00110000"
X "\0"
V "\000"
V "\377"
V '"'
V "'"
V "\a\b\f\v\r"
V ${'`'}multi
line${'`'}
X "a
b"
V "日本"
V up{job="ü"}
X ü

# number edge cases
V 00
V 0.0
V 08
V 1e308
X 1e309
X -1e400
X 0xFFFFFFFFFFFFFFFFF
V 99999999999999999999
V _1
X 1_
V3 1_000_000
X 1._5
V3 5m3s
X 5s3m
V3 1y
X 5M
V3 5ms
X up[5M]
V up[5ms]
V up[1000ms]
X 0b101
V 1.5E3
V .5e-3
V 1.
V 1. + 2
V up * 2.
V 0X1F
V up{job="1."} + 0XfF
X3 up[5m # comment
  ]

# offset and @ edge cases
V up offset 1y
V up offset -1y
V up offset - 5m
V3 up offset +5m
V up @ +100
V up @ 1e10
X up @ 9.3e18
V up @ 1.5

# aggregation spellings
X count_values by (job) ("v", up) without (x)
V topk(5, up) by (job) + 1
V sum by (job)(up)
V sum(up)by(job)
V sum without(job)(up)

# keywords and function names as metric names
V rate
V rate + 1
V rate{job="a"}
V time
V vector
V sum_over_time
V by
V start
V end
V step
V and
V inf
X bool
X on
X ignoring
X group_left
X atan2
X ATAN2{job="a"}
X sum(atan2)
V sum(by)
V sum(without)
X up and on
V up offset 5m and by

# more binary cases
V up and on(job) up or up
V up == bool on(job) group_left(a) up
V up > on(job) group_right up
V up + on(job) group_left(instance) up * on(job) group_right(x) up
V 1 + on() 1
V 1 + on() group_left 1
X 1 and on() 1
V up + ignoring(job) group_left(job) up
V vector(1) + on() group_left vector(1)

# more subquery cases
V up[5m:1m] @ start()
X up[5m:1m] @ 100 @ 200
V (up[5m:1m])
V rate(up[5m:1m] offset 1m)
X up[5m:1m:]
V up [5m]
V up{job="a"} [5m]
V sum(up # comment
  )

# miscellaneous errors
X 1 2
X up up
X up 1
V up{}[5m]
X {}[5m]
X @ 100
X offset 5m
X [5m]
X up[5m:1m:1m]
X up{job="a"}}
X }
X ]
X up;
X up!
X up ~ 1
X $up
X up.total
X 'up'{}
`;

function parse(text: string): PromqlCase[] {
  const cases: PromqlCase[] = [];
  let current: { tag: CaseTag; lines: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const { tag } = current;
    cases.push({ tag, expr: current.lines.join('\n'), valid: tag === 'V' || tag === 'V3', shared: tag === 'V' || tag === 'X' });
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const m = /^(V3|X3|V|X) (.*)$/.exec(line);
    if (m) {
      flush();
      current = { tag: m[1] as CaseTag, lines: [m[2] ?? ''] };
    } else if (line === '' || line.startsWith('# ')) {
      flush();
    } else if (current) {
      // A continuation line of a multi-line expression; two leading spaces are indentation.
      current.lines.push(line.replace(/^ {2}/, ''));
    }
  }
  flush();
  return cases;
}

/**
 * Where this checker still disagrees with Prometheus 3.x, because the lezer grammar cannot express
 * the difference: `prometheus` is Prometheus' verdict, the checker gives the opposite. The tests
 * assert the disagreement so that fixing one shows up as a failing test to update.
 */
export const KNOWN_GAPS: ReadonlyArray<{ expr: string; prometheus: 'valid' | 'invalid'; why: string }> = [];

export const PROMQL_CASES: readonly PromqlCase[] = parse(lines);
