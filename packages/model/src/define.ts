/**
 * defineSite(): the TypeScript front door. The names of VLANs, hosts, shares and receivers are
 * inferred from the record keys, and every reference is typed as a union of those names, so a typo
 * such as `vlan: 'servres'` is a compile error, not only a resolve() error.
 */
import type { z } from 'zod';
import type * as S from './schema.js';

type In<T extends z.ZodType> = z.input<T>;

type TypedHost<V extends string> = Omit<In<typeof S.Host>, 'interfaces'> & {
  interfaces: Record<string, Omit<In<typeof S.Interface>, 'vlan'> & { vlan: NoInfer<V> }>;
};
type TypedRoute<R extends string> = Omit<In<typeof S.Route>, 'receivers'> & { receivers: NoInfer<R>[] };

export type TypedSite<V extends string, H extends string, Sh extends string, R extends string> = Omit<
  In<typeof S.Site>,
  'vlans' | 'hosts' | 'shares' | 'mounts' | 'services' | 'receivers' | 'routing' | 'prometheus' | 'alertmanager' | 'deploy'
> & {
  vlans: Record<V, In<typeof S.Vlan>>;
  hosts: Record<H, TypedHost<V>>;
  shares?: Record<Sh, Omit<In<typeof S.Share>, 'host' | 'writers'> & { host: NoInfer<H>; writers?: NoInfer<H>[] }>;
  mounts?: (Omit<In<typeof S.Mount>, 'host' | 'share'> & { host: NoInfer<H>; share: NoInfer<Sh> })[];
  services?: Record<string, Omit<In<typeof S.Service>, 'host'> & { host: NoInfer<H> }>;
  receivers: Record<R, In<typeof S.Receiver>>;
  routing: Omit<In<typeof S.Routing>, 'receiver' | 'routes'> & { receiver: NoInfer<R>; routes?: TypedRoute<R>[] };
  prometheus: Omit<In<typeof S.PrometheusSettings>, 'host'> & { host: NoInfer<H> };
  alertmanager: Omit<In<typeof S.AlertmanagerSettings>, 'host'> & { host: NoInfer<H> };
  deploy?: Omit<In<typeof S.Deploy>, 'ansible'> & {
    ansible?: Omit<In<typeof S.AnsibleDeploy>, 'nodeExporterHosts'> & { nodeExporterHosts?: NoInfer<H>[] };
  };
};

/** Identity at run time; at compile time it checks references between entities. */
export function defineSite<V extends string, H extends string, Sh extends string = never, R extends string = string>(
  site: TypedSite<V, H, Sh, R>,
): In<typeof S.Site> {
  return site;
}
