/**
 * The credential files a receiver names (bearer tokens, SMTP passwords, Slack URLs, ntfy tokens),
 * each with its path below the receiver: the one list the cluster check and the Kubernetes READMEs read.
 */
import type { ResolvedReceiver } from './resolved.js';

export interface ReceiverFile {
  /** Where the file is named, below `receivers.<name>`. */
  path: (string | number)[];
  file: string;
}

export function receiverFiles(r: ResolvedReceiver): ReceiverFile[] {
  return [
    ...r.webhooks.flatMap((w, i) => (w.bearerTokenFile ? [{ path: ['webhooks', i, 'bearerTokenFile'], file: w.bearerTokenFile }] : [])),
    ...r.emails.flatMap((e, i) => (e.authPasswordFile ? [{ path: ['emails', i, 'authPasswordFile'], file: e.authPasswordFile }] : [])),
    ...r.slack.map((sl, i) => ({ path: ['slack', i, 'apiUrlFile'], file: sl.apiUrlFile })),
    ...r.ntfy.flatMap((n, i) => (n.tokenFile ? [{ path: ['ntfy', i, 'tokenFile'], file: n.tokenFile }] : [])),
  ];
}
