/** The registry: every rule, ordered by id. A new rule is a new file here and one import. */
import type { Rule } from '../types.js';
import alertsAnnotation from './alerts/annotation.js';
import alertsFor from './alerts/for.js';
import alertsTemplate from './alerts/template.js';
import composeNoDockerSocket from './compose/no-docker-socket.js';
import composeNoInlineSecret from './compose/no-inline-secret.js';
import composeNoPrivileged from './compose/no-privileged.js';
import composeNoWildcardPublish from './compose/no-wildcard-publish.js';
import grafanaDashboard from './grafana/dashboard.js';
import gpuMonitored from './monitoring/gpu-monitored.js';
import hostScraped from './monitoring/host-scraped.js';
import mountAlerted from './monitoring/mount-alerted.js';
import adminOnManagementOnly from './net/admin-on-management-only.js';
import monitoringOnTrustedZones from './net/monitoring-on-trusted-zones.js';
import noUntrustedInterface from './net/no-untrusted-interface.js';
import noUserGuestExposure from './net/no-user-guest-exposure.js';
import noWildcardBind from './net/no-wildcard-bind.js';
import servicesOnServerVlans from './net/services-on-server-vlans.js';
import kubernetesBudget from './kubernetes/budget.js';
import grafanaAnonymous from './kubernetes/grafana-anonymous.js';
import hostAccess from './kubernetes/host-access.js';
import imagePinned from './kubernetes/image-pinned.js';
import noSecretEnv from './kubernetes/no-secret-env.js';
import objectSize from './kubernetes/object-size.js';
import kubernetesProbes from './kubernetes/probes.js';
import pvcStorageClass from './kubernetes/pvc-storage-class.js';
import kubernetesResources from './kubernetes/resources.js';
import kubernetesRestricted from './kubernetes/restricted.js';
import promqlJobExists from './promql/job-exists.js';
import promqlRate from './promql/rate.js';
import promqlRegexp from './promql/regexp.js';
import promqlSeries from './promql/series.js';
import promqlSyntax from './promql/syntax.js';
import everyAlertRouted from './routing/every-alert-routed.js';
import inhibitTargetsExist from './routing/inhibit-targets-exist.js';
import linksResolve from './routing/links-resolve.js';
import severityRouted from './routing/severity-routed.js';
import alertmanagerFormat from './alertmanager/format.js';
import prometheusFormat from './prometheus/format.js';
import ruleFormat from './rule/format.js';
import ruleDuplicate from './rule/duplicate.js';
import ruleLabel from './rule/label.js';
import ruleName from './rule/name.js';
import ruleResultType from './rule/result-type.js';
import scaleAlertmanagerPeers from './scale/alertmanager-peers.js';
import scaleRemoteWriteAuth from './scale/remote-write-auth.js';
import scaleReplicaLabel from './scale/replica-label.js';
import scaleSharedStore from './scale/shared-store.js';
import noDockerApi from './security/no-docker-api.js';
import noInlineSecret from './security/no-inline-secret.js';
import disposableExportsNoShare from './storage/disposable-exports-no-share.js';
import disposableHoldsNoAuthoritativeData from './storage/disposable-holds-no-authoritative-data.js';
import mediaReadOnly from './storage/media-read-only.js';
import noInsecureSkipVerify from './tls/no-insecure-skip-verify.js';
import workloadsBackupMissing from './workloads/backup-missing.js';
import workloadsBackupRetention from './workloads/backup-retention.js';
import workloadsDependencyUnmonitored from './workloads/dependency-unmonitored.js';
import workloadsMemoryOvercommit from './workloads/memory-overcommit.js';
import workloadsReclaimDelete from './workloads/reclaim-delete.js';
import workloadsSingleNodeCritical from './workloads/single-node-critical.js';

export const RULES: readonly Rule[] = [
  alertsAnnotation,
  alertsFor,
  alertsTemplate,
  composeNoDockerSocket,
  composeNoInlineSecret,
  composeNoPrivileged,
  composeNoWildcardPublish,
  grafanaDashboard,
  kubernetesBudget,
  grafanaAnonymous,
  hostAccess,
  imagePinned,
  noSecretEnv,
  kubernetesProbes,
  objectSize,
  pvcStorageClass,
  kubernetesResources,
  kubernetesRestricted,
  gpuMonitored,
  hostScraped,
  mountAlerted,
  adminOnManagementOnly,
  monitoringOnTrustedZones,
  noUntrustedInterface,
  noUserGuestExposure,
  noWildcardBind,
  servicesOnServerVlans,
  promqlJobExists,
  promqlRate,
  promqlRegexp,
  promqlSeries,
  promqlSyntax,
  everyAlertRouted,
  inhibitTargetsExist,
  linksResolve,
  severityRouted,
  alertmanagerFormat,
  prometheusFormat,
  ruleDuplicate,
  ruleFormat,
  ruleLabel,
  ruleName,
  ruleResultType,
  scaleAlertmanagerPeers,
  scaleRemoteWriteAuth,
  scaleReplicaLabel,
  scaleSharedStore,
  noDockerApi,
  noInlineSecret,
  disposableExportsNoShare,
  disposableHoldsNoAuthoritativeData,
  mediaReadOnly,
  noInsecureSkipVerify,
  workloadsBackupMissing,
  workloadsBackupRetention,
  workloadsDependencyUnmonitored,
  workloadsMemoryOvercommit,
  workloadsReclaimDelete,
  workloadsSingleNodeCritical,
] as Rule[];
