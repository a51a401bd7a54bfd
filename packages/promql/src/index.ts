export { parseExpr, lineColumn, metricNames, type ParsedExpr, type PromqlProblem } from './parse.js';
