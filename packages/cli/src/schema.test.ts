/** The committed JSON Schema of a site, as an editor or CI would use it with a YAML/JSON site. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { smallSite } from '@kiln/model/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from './commands/build.js';

const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas/site.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);

describe('schemas/site.schema.json', () => {
  it('is what the model emits', () => {
    expect(JSON.parse(schemaFiles().get('site.schema.json')!)).toEqual(committed);
  });

  it('accepts a valid site', () => {
    expect(validate(smallSite()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects an unknown zone, an unknown field and a bad port, as resolve() does', () => {
    const site = smallSite() as unknown as Record<string, any>;
    site.vlans.servers.zone = 'dmz';
    site.hosts.compute.disposable = true;
    site.services.sshd.endpoints.ssh.port = 70000;
    expect(validate(site)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/vlans/servers/zone', '/hosts/compute', '/services/sshd/endpoints/ssh/port']));
  });
});
