/**
 * Names, labels and the pieces every workload shares: the recommended labels, the restricted
 * security context, probes, resources and node affinity.
 */
import type { ContainerResources, ResolvedComponentBase, ResolvedPlacement } from '@kiln/model';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';

export const PART_OF = 'kiln-monitoring';
export const MANAGED_BY = 'kiln';
/** Pod template annotation: a hash of the configuration the pod reads, so a change rolls the pods. */
export const CHECKSUM_ANNOTATION = 'kiln.dev/config-checksum';
/** Pod template annotations that carry the site's reason for an exception, for reviewers and `kiln lint` (kubernetes/host-access, kubernetes/grafana-anonymous). */
export const HOST_ACCESS_REASON = 'kiln.dev/host-access-reason';
export const ANONYMOUS_ACCESS_REASON = 'kiln.dev/anonymous-access-reason';
/** The uid `nobody` the Prometheus images run as; Grafana's image uses 472. */
export const NOBODY = 65534;
export const GRAFANA_UID = 472;

/** The component's name label, the one selector of its pods. */
export const selectorOf = (component: string) => ({ 'app.kubernetes.io/name': component });

/** The recommended labels (app.kubernetes.io/*): name, component, part-of, version (the image tag), managed-by. */
export function labels(component: string, role: string, image?: string): Record<string, string> {
  const version = image && /:([^:@/]+)(@|$)/.exec(image)?.[1];
  return {
    ...selectorOf(component),
    'app.kubernetes.io/component': role,
    'app.kubernetes.io/part-of': PART_OF,
    ...(version && { 'app.kubernetes.io/version': version }),
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Restricted Pod Security Standard for a container: non-root, read-only root, no privilege escalation, no capabilities. */
export const containerSecurity = (): ISecurityContext => ({
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
});

export const podSecurity = (uid: number): IPodSecurityContext => ({
  runAsUser: uid,
  runAsGroup: uid,
  runAsNonRoot: true,
  fsGroup: uid,
  seccompProfile: { type: 'RuntimeDefault' },
});

export const httpProbe = (path: string, port: string | number, initialDelaySeconds: number, timeoutSeconds = 5): IProbe => ({
  httpGet: { path, port },
  initialDelaySeconds,
  timeoutSeconds,
});

export const resources = (r: ContainerResources) => ({
  requests: { cpu: r.requests.cpu, memory: r.requests.memory },
  limits: { cpu: r.limits.cpu, memory: r.limits.memory },
});

/** Required: not on the avoided nodes; preferred: the nodes the placement prefers (most memory). */
export function affinity(p: ResolvedPlacement): IAffinity | undefined {
  if (p.avoid.length === 0 && p.prefer.length === 0) return undefined;
  const hostname = 'kubernetes.io/hostname';
  return {
    nodeAffinity: {
      ...(p.avoid.length > 0 && {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: hostname, operator: 'NotIn', values: p.avoid }] }],
        },
      }),
      ...(p.prefer.length > 0 && {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [{ key: hostname, operator: 'In', values: p.prefer }] } },
        ],
      }),
    },
  };
}

export const componentAffinity = (c: ResolvedComponentBase) => affinity(c.placement);
