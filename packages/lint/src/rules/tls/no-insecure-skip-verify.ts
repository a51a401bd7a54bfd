import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { walkScalars } from '../../readers/walk.js';

export default createRule({
  id: 'tls/no-insecure-skip-verify',
  meta: {
    description: 'TLS certificate verification is never disabled (`insecure_skip_verify: true`).',
    rationale:
      'Skipping verification makes TLS encryption without authentication: anyone on the path can impersonate the target. Give the CA instead (`ca_file`, or the in-cluster service account CA), as Goldentooth does for Loki; HolmOS scrapes with verification off.',
    summary: 'TLS verification disabled',
    severity: 'error',
    messages: {
      job: "scrape job `{{job}}`: `tls.insecureSkipVerify` is true; set `tls.caFile` to the CA that signed the target's certificate instead",
      exporter:
        'host `{{host}}`: the `{{kind}}` exporter has `tls.insecureSkipVerify: true`; set `tls.caFile` to the CA that signed its certificate instead',
      discovery:
        "Kubernetes scrape job `{{job}}`: `tls.insecureSkipVerify` is true; set `tls.caFile` to the CA that signed the target's certificate instead",
      file: '`insecure_skip_verify: true` disables certificate checks; set `ca_file` to the CA (in Kubernetes: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt)',
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    for (const j of site?.scrapeJobs ?? []) {
      if (j.tls?.insecureSkipVerify)
        report({
          messageId: 'job',
          data: { job: j.name },
          entity: { kind: 'scrape job', name: j.name },
          location: { modelPath: `scrapeJobs.${j.name}.tls.insecureSkipVerify` },
        });
    }
    for (const j of site?.kubernetes?.discovery ?? []) {
      if (j.tls?.insecureSkipVerify)
        report({
          messageId: 'discovery',
          data: { job: j.jobName },
          entity: { kind: 'scrape job', name: j.jobName },
          location: { modelPath: `kubernetes.discovery.${j.kind}.tls.insecureSkipVerify` },
        });
    }
    for (const host of site?.hosts ?? []) {
      for (const e of host.exporters) {
        if (e.tls?.insecureSkipVerify)
          report({
            messageId: 'exporter',
            data: { host: host.name, kind: e.kind },
            entity: { kind: 'host', name: host.name },
            location: { modelPath: `hosts.${host.name}.exporters.${e.kind}.tls.insecureSkipVerify` },
          });
      }
    }
    // Generated files mirror the site, which is checked above; scan files only when linting them alone.
    for (const file of site ? [] : files.filter((f) => f.kind !== 'rules')) {
      file.values.forEach((value, doc) => {
        walkScalars(value, (path, key, v) => {
          if (key === 'insecure_skip_verify' && (v === true || v === 'true')) {
            report({
              messageId: 'file',
              entity: { kind: 'file', name: file.path },
              location: { file: file.path, ...file.position([...path], doc) },
            });
          }
        });
      });
    }
  },
});
