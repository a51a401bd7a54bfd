/**
 * The output layout: every path below `generated/<site>/`, in one place. Generators name their
 * artifacts with these functions, and every reader of the output (lint, diff, test, the writer)
 * recognises files with the predicates below, so a path is spelled once.
 */

/** prometheus.yml refers to its rule and target files relative to its own folder. */
export const PROMETHEUS_DIR = 'prometheus';

export const layout = {
  prometheus: {
    config: `${PROMETHEUS_DIR}/prometheus.yml`,
    args: `${PROMETHEUS_DIR}/prometheus.args`,
    /** Target file of a scrape job, as prometheus.yml names it (relative to `prometheus/`). */
    fileSdRef: (job: string) => `file_sd/${job}.json`,
    fileSdDir: `${PROMETHEUS_DIR}/file_sd`,
    fileSd: (job: string) => `${PROMETHEUS_DIR}/file_sd/${job}.json`,
    /** The job of a target file path, or undefined for any other path. */
    fileSdJob: (path: string) => /^prometheus\/file_sd\/([^/]+)\.json$/.exec(path)?.[1],
    /** A rule file, as prometheus.yml and the unit tests name it (relative to `prometheus/`). */
    ruleFileRef: (group: string) => `rules/${group}.yml`,
    rulesDir: `${PROMETHEUS_DIR}/rules`,
    ruleFile: (group: string) => `${PROMETHEUS_DIR}/rules/${group}.yml`,
    testsDir: `${PROMETHEUS_DIR}/tests`,
    testFile: (group: string) => `${PROMETHEUS_DIR}/tests/${group}.test.yml`,
    /**
     * Every Prometheus server besides the first (`config`/`args`) — a replica or a shard — has its own
     * folder; its prometheus.yml names the shared rule and target files as `../rules/…`, `../file_sd/…`.
     */
    instanceConfig: (id: string) => `${PROMETHEUS_DIR}/${id}/prometheus.yml`,
    instanceArgs: (id: string) => `${PROMETHEUS_DIR}/${id}/prometheus.args`,
    /** The id of an instance's prometheus.yml path, or undefined for any other path. */
    instanceOf: (path: string) => /^prometheus\/((?:shard|replica)-[^/]+)\/prometheus\.yml$/.exec(path)?.[1],
    /** vmalert's flags for the rules that need several shards' series, per VictoriaMetrics target. */
    vmalertArgs: (target: string) => `${PROMETHEUS_DIR}/vmalert/${target}.args`,
    /** Which rule files each shard evaluates and which the store's ruler must. */
    shardsReadme: `${PROMETHEUS_DIR}/SHARDS.md`,
  },
  exporters: {
    /** Flags an exporter of a host runs with (listen address, collectors), for whatever starts it. */
    args: (host: string, kind: string) => `exporters/${host}/${kind}.args`,
  },
  alertmanager: {
    config: 'alertmanager/alertmanager.yml',
    args: 'alertmanager/alertmanager.args',
    /** Flags of another member of the gossip cluster (the first member's are `args`); it reads `../alertmanager.yml`. */
    memberArgs: (member: string) => `alertmanager/${member}/alertmanager.args`,
  },
  grafana: {
    dashboardsDir: 'grafana/dashboards',
    dashboard: (uid: string) => `grafana/dashboards/${uid}.json`,
    provisioningDir: 'grafana/provisioning',
    datasources: 'grafana/provisioning/datasources/kiln.yaml',
    dashboardProvider: 'grafana/provisioning/dashboards/kiln.yaml',
    readme: 'grafana/README.md',
  },
  ansible: {
    readme: 'ansible/README.md',
    hostVars: (host: string, role: string) => `ansible/host_vars/${host}/${role}.yml`,
    /**
     * Where the role's `prometheus_alert_rules_files` glob finds the rule files, relative to `files/`
     * (`.yml`: the role loads `rules/*.yml` since it dropped the old `.rules` format, prometheus-community/ansible#333).
     */
    rulesFilesDir: 'prometheus/rules',
    ruleFile: (name: string) => `ansible/files/prometheus/rules/${name}`,
  },
  compose: {
    readme: 'compose/README.md',
    /**
     * The folder of a Compose project: `compose/` when the whole stack runs on one Docker host,
     * `compose/<host>/` per host when it spans several. Compose reads `.env` (the project name) there.
     */
    dir: (host?: string) => (host === undefined ? 'compose' : `compose/${host}`),
    file: (host?: string) => `${layout.compose.dir(host)}/compose.yaml`,
    env: (host?: string) => `${layout.compose.dir(host)}/.env`,
    /** A generated path as a Compose file in `dir(host)` mounts it: relative to that folder. */
    mountRef: (host: string | undefined, path: string) => `${host === undefined ? '..' : '../..'}/${path}`,
  },
  kubernetes: {
    dir: 'kubernetes',
    readme: 'kubernetes/README.md',
    /** `<order>-<name>-<kind>.yaml`: the two-digit order is the kind's place in the apply order, so `kubectl apply --recursive` applies in dependency order. */
    manifest: (order: number, name: string, kind: string) =>
      `kubernetes/${String(order).padStart(2, '0')}-${name}-${kind.toLowerCase()}.yaml`,
    isManifest: (path: string) => /^kubernetes\/\d\d-[^/]+\.yaml$/.test(path),
    /** Whether a manifest path holds an object of `kind` (its lower-cased kind ends the name). */
    isManifestOf: (kind: string, path: string) => new RegExp(`^kubernetes/\\d\\d-[^/]+-${kind.toLowerCase()}\\.yaml$`).test(path),
  },
} as const;

const RULE_FILE = /^prometheus\/rules\/[^/]+\.yml$/;
const TEST_FILE = /^prometheus\/tests\/[^/]+\.test\.yml$/;
const DASHBOARD_FILE = /^grafana\/dashboards\/[^/]+\.json$/;
/**
 * Deployment targets that carry byte-identical copies of files written elsewhere in the layout: Ansible's
 * rule files, and the operator flavour's PrometheusRules (each `spec` is a rule file under `prometheus/rules/`).
 */
const COPIES = /^(ansible\/files\/|kubernetes\/\d\d-[^/]+-prometheusrule\.yaml$)/;

export const isRuleFile = (path: string) => RULE_FILE.test(path);
export const isUnitTestFile = (path: string) => TEST_FILE.test(path);
export const isDashboardFile = (path: string) => DASHBOARD_FILE.test(path);
/** The file name of a rule file path (`prometheus/rules/nodes.yml` → `nodes.yml`). */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The files lint reads and diff compares lint on: every configuration file Kiln writes (YAML and
 * JSON), each once — copies a deployment target carries (Ansible's rule files) are left out.
 */
export const isLintable = (path: string) => /\.(ya?ml|json)$/.test(path) && !COPIES.test(path);
