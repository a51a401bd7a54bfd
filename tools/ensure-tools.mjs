#!/usr/bin/env node
// Makes sure the real Prometheus tools the tests run are installed. Installs the Debian packages when
// it can (root + apt-get); otherwise stops with the command to run. Never skips: a test suite
// without promtool/amtool/prometheus would prove nothing.
import { execFileSync, spawnSync } from 'node:child_process';

const TOOLS = {
  promtool: 'prometheus',
  prometheus: 'prometheus',
  amtool: 'prometheus-alertmanager',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  'prometheus-node-exporter': 'prometheus-node-exporter',
  // Validates the Compose target offline (no Docker engine needed).
  'docker-compose': 'docker-compose',
  // vmagent checks Kubernetes scrape configs (Debian's promtool lacks kubernetes_sd); vmalert loads rules.
  vmagent: 'victoria-metrics',
  vmalert: 'victoria-metrics',
  'victoria-metrics': 'victoria-metrics',
  // Renders ntfy's message templates (Go text/template) as the ntfy server does, in the ntfy end-to-end test.
  go: 'golang-go',
};

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = () => Object.keys(TOOLS).filter((t) => !has(t));

let absent = missing();
if (absent.length === 0) process.exit(0);

const packages = [...new Set(absent.map((t) => TOOLS[t]))];
const install = `apt-get install -y ${packages.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && has('apt-get')) {
  console.log(`kiln: installing ${packages.join(', ')} for ${absent.join(', ')} (Debian packages)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  } catch {
    // Reported below with the tools still missing.
  }
  absent = missing();
  if (absent.length === 0) process.exit(0);
}
console.error(`kiln: the tests need ${absent.join(', ')}, which ${absent.length === 1 ? 'is' : 'are'} not installed.`);
console.error(`Install them with:  sudo ${install}`);
process.exit(1);
