export { generatePrometheus } from './generate.js';
export { prometheusConfig, fileSd, listenAddress, tlsConfig } from './config.js';
export { groupRules, groupName, dashboardUrl, runbookUrl, splitGroup, MAX_RULES_PER_GROUP, MAX_GROUP_BYTES } from './rules.js';
export { expandTemplate } from './unit-tests.js';
export { recordingRuleFile, recordingTests, RECORDING_GROUP } from './recording.js';
export {
  kubernetesPrometheusConfig,
  kubernetesPrometheusArgs,
  K8S_CONFIG_DIR,
  K8S_TSDB_DIR,
  kubernetesScrapeConfigs,
  withStaticDiscovery,
  usesKubernetesSd,
  relabelConfig,
  SERVICE_ACCOUNT_CA,
  SERVICE_ACCOUNT_TOKEN,
  SERVICE_ACCOUNT_DIR,
  NODE_EXPORTER_SERVICE,
  KUBE_STATE_METRICS_SERVICE,
  METRICS_PORT_NAME,
  KSM_PORT_NAME,
} from './kubernetes-sd.js';
export { shardLocal, splitRuleFiles, shardRelabel, remoteWrite, federationJobs, alertmanagerAddresses } from './scale-out.js';
