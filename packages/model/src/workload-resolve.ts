/**
 * Resolves the workloads, backups and external dependencies of a cluster: every reference (node,
 * storage class, NFS server and export, backed-up volume, GPU resource) is checked, with "did you
 * mean" on typos, and named defaults are applied. Called by resolveCluster(); pure.
 */
import { durationSeconds, formatSeconds } from '@kiln/promql';
import type { z } from 'zod';
import { memoryBytes } from './cluster-resolve.js';
import type * as C from './cluster-schema.js';
import { suggest } from './errors.js';
import type * as W from './workload-resolved.js';

type Path = (string | number)[];
type ClusterInput = z.output<typeof C.Cluster>;
type Report = (path: Path, message: string) => void;

/** Scrape job of the ceph-mgr prometheus module (static targets outside the cluster). */
export const CEPH_JOB = 'ceph';
/**
 * BackupStale waits this share of the schedule before firing, at least 30m and at most 2h: VolSync
 * only flags a ReplicationSource out of sync once a scheduled start passed without a completed sync,
 * so the slack comes on top of a whole missed interval.
 */
export const BACKUP_SLACK_RATIO = 0.25;
export const MIN_BACKUP_SLACK_SECONDS = 30 * 60;
export const MAX_BACKUP_SLACK_SECONDS = 2 * 3600;
/** Where the kubelet mounts pod volumes: the node exporter must not exclude it to see NFS mounts. */
export const KUBELET_PODS_DIR = '/var/lib/kubelet/pods/';

const sorted = <T>(r: Record<string, T> | undefined): [string, T][] => Object.entries(r ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ') || 'none';

/** Whether the cluster's node exporter sees the NFS mounts the kubelet makes (the mounts NFS alerts read). */
export function nodeExporterSeesKubeletMounts(k: ClusterInput): boolean {
  if (!k.discovery.nodeExporter) return false;
  if ((k.stack.nodeExporter.disabledCollectors ?? []).includes('filesystem')) return false;
  return !(k.stack.nodeExporter.mountPointsExclude ?? []).some((p) => {
    const prefix = p.endsWith('/') ? p : `${p}/`;
    return KUBELET_PODS_DIR.startsWith(prefix) || KUBELET_PODS_DIR === p;
  });
}

export function resolveWorkloads(
  k: ClusterInput,
  nodeNames: string[],
  error: Report,
): { workloads: W.ResolvedWorkload[]; dependencies: W.ResolvedDependency[] } {
  const at = (...rest: Path): Path => ['kubernetes', ...rest];
  const deps = k.dependencies ?? {};
  const depNames = Object.keys(deps).sort();
  const classes = k.storageClasses;
  const classDeps = new Map<string, { dependency: string; export?: string }>();
  for (const [name, sc] of sorted(classes)) {
    const on = sc.dependsOn;
    if (!on) continue;
    const dep = deps[on.dependency];
    if (!dep) {
      error(
        at('storageClasses', name, 'dependsOn', 'dependency'),
        `unknown dependency \`${on.dependency}\`; ${suggest(on.dependency, depNames)}`,
      );
      continue;
    }
    if (on.export !== undefined) {
      if (dep.kind !== 'nfs')
        error(
          at('storageClasses', name, 'dependsOn', 'export'),
          `dependency \`${on.dependency}\` is ${dep.kind}, which has no exports; remove \`export\``,
        );
      else if (!dep.exports.includes(on.export))
        error(
          at('storageClasses', name, 'dependsOn', 'export'),
          `NFS server \`${on.dependency}\` does not export \`${on.export}\`; its exports are ${list(dep.exports)}: add it there or fix the path`,
        );
    }
    classDeps.set(name, { dependency: on.dependency, ...(on.export !== undefined && { export: on.export }) });
  }
  const gpuResources = new Map<string, string[]>();
  for (const [node, n] of sorted(k.nodes))
    for (const g of n.gpus ?? [])
      if (g.resource && !g.unavailable) gpuResources.set(g.resource, [...(gpuResources.get(g.resource) ?? []), node]);

  const uses = new Map<string, W.DependencyUse[]>(depNames.map((d) => [d, []]));
  const workloads = sorted(k.workloads).map(([name, w]): W.ResolvedWorkload => {
    const p = (...rest: Path) => at('workloads', name, ...rest);
    if (w.kind === 'DaemonSet' && w.replicas !== undefined) error(p('replicas'), 'a DaemonSet runs one pod per node; remove `replicas`');
    const needs = new Set<string>();
    const volumes = sorted(w.volumes).map(([key, v]): W.ResolvedAppVolume => {
      if (v.type === 'pvc') {
        if (!Object.hasOwn(classes, v.storageClass))
          error(
            p('volumes', key, 'storageClass'),
            `unknown storage class \`${v.storageClass}\`; the cluster has ${list(Object.keys(classes).sort())}; ${suggest(v.storageClass, Object.keys(classes))}`,
          );
        const on = classDeps.get(v.storageClass);
        if (on) {
          needs.add(on.dependency);
          uses.get(on.dependency)?.push({ workload: name, namespace: w.namespace, volume: key, via: `storage class ${v.storageClass}` });
        }
        return {
          name: key,
          type: 'pvc',
          storageClass: v.storageClass,
          size: v.size,
          reclaimPolicy: v.reclaimPolicy,
          claimName: v.claimName ?? `${name}-${key}`,
        };
      }
      const server = deps[v.server];
      if (!server || server.kind !== 'nfs') {
        const nfs = depNames.filter((d) => deps[d]!.kind === 'nfs');
        error(
          p('volumes', key, 'server'),
          server
            ? `dependency \`${v.server}\` is ${server.kind}, not an NFS server; NFS servers: ${list(nfs)}`
            : `unknown NFS server \`${v.server}\`; ${suggest(v.server, nfs)} (declare it in \`kubernetes.dependencies\` with \`kind: nfs\`)`,
        );
      } else {
        if (!server.exports.includes(v.path))
          error(
            p('volumes', key, 'path'),
            `NFS server \`${v.server}\` does not export \`${v.path}\`; its exports are ${list(server.exports)}: add it there or fix the path`,
          );
        needs.add(v.server);
        uses.get(v.server)?.push({ workload: name, namespace: w.namespace, volume: key, via: `export ${v.path}` });
      }
      return { name: key, type: 'nfs', server: v.server, path: v.path, readOnly: v.readOnly ?? false };
    });
    let placement: W.ResolvedWorkload['placement'];
    if (w.placement) {
      const nodes = [...new Set(w.placement.nodes)].sort();
      for (const n of nodes) if (!nodeNames.includes(n)) error(p('placement', 'nodes'), `unknown node \`${n}\`; ${suggest(n, nodeNames)}`);
      placement = { nodes, reason: w.placement.reason };
    }
    const r = w.resources;
    const gpu = r?.gpu && { resource: r.gpu.resource, count: r.gpu.count ?? 1 };
    if (gpu) {
      const offering = gpuResources.get(gpu.resource) ?? [];
      const allowed = placement ? offering.filter((n) => placement.nodes.includes(n)) : offering;
      if (allowed.length === 0)
        error(
          p('resources', 'gpu', 'resource'),
          offering.length === 0
            ? `no node offers \`${gpu.resource}\`; declare the GPU in \`kubernetes.nodes.<node>.gpus\` with that \`resource\`, or fix the name`
            : `\`${gpu.resource}\` is offered only by ${list(offering)}, but the app is placed on ${list(placement!.nodes)}: the pod could never be scheduled`,
        );
    }
    const mem = (q?: string) => (q === undefined ? undefined : memoryBytes(q));
    if (r?.requests?.memory && r.limits?.memory && mem(r.requests.memory)! > mem(r.limits.memory)!)
      error(p('resources', 'requests', 'memory'), `request ${r.requests.memory} exceeds the limit ${r.limits.memory}`);
    let backup: W.ResolvedBackup | undefined;
    if (w.backup) {
      const b = w.backup;
      const pvcs = volumes.filter((v) => v.type === 'pvc').map((v) => v.name);
      let volume = b.volume;
      if (volume === undefined) {
        if (pvcs.length === 1) volume = pvcs[0]!;
        else
          error(
            p('backup', 'volume'),
            pvcs.length === 0
              ? 'the app has no PVC to back up; add its volume under `volumes` (type `pvc`)'
              : `the app has several PVCs (${list(pvcs)}); name the one backed up`,
          );
      } else if (!pvcs.includes(volume)) error(p('backup', 'volume'), `\`${volume}\` is not a PVC of the app; ${suggest(volume, pvcs)}`);
      const every = durationSeconds(b.every) ?? 0;
      const slack =
        b.slack !== undefined
          ? (durationSeconds(b.slack) ?? 0)
          : Math.min(MAX_BACKUP_SLACK_SECONDS, Math.max(MIN_BACKUP_SLACK_SECONDS, every * BACKUP_SLACK_RATIO));
      backup = {
        method: b.method,
        every: b.every,
        everySeconds: every,
        retention: b.retention,
        retentionSeconds: durationSeconds(b.retention) ?? 0,
        volume: volume ?? '',
        replicationSource: b.replicationSource ?? name,
        ...(b.repositorySecret !== undefined && { repositorySecret: b.repositorySecret }),
        slack: b.slack ?? formatSeconds(slack),
        slackSeconds: slack,
      };
    }
    return {
      name,
      namespace: w.namespace,
      kind: w.kind,
      replicas: w.kind === 'DaemonSet' ? 1 : (w.replicas ?? 1),
      criticality: w.criticality,
      ...(w.description !== undefined && { description: w.description }),
      volumes,
      ...(placement && { placement }),
      resources: {
        requests: { ...r?.requests },
        limits: { ...r?.limits },
        ...(gpu && { gpu }),
      },
      ...(backup && { backup }),
      dependsOn: [...needs].sort(),
    };
  });

  const nfsSeen = nodeExporterSeesKubeletMounts(k);
  const dependencies = depNames.map((name): W.ResolvedDependency => {
    const d = deps[name]!;
    const base = {
      name,
      ...(d.description !== undefined && { description: d.description }),
      storageClasses: [...classDeps].filter(([, on]) => on.dependency === name).map(([c]) => c),
      usedBy: uses.get(name) ?? [],
    };
    if (d.kind === 'ceph') return { ...base, kind: 'ceph', monitored: d.mgr !== undefined, mgrTargets: [...(d.mgr?.targets ?? [])] };
    const exports = [...new Set(d.exports)].sort();
    if (exports.length !== d.exports.length) error(at('dependencies', name, 'exports'), 'lists an export twice; remove the duplicate');
    return { ...base, kind: 'nfs', monitored: nfsSeen, address: d.address, exports };
  });
  return { workloads, dependencies };
}
