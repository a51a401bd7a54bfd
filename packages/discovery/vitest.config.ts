import { defineConfig } from 'vitest/config';

// Servers on loopback and, in e2e.test.ts, real Prometheus and node exporter: files one at a time
// so ports and the shared CPUs are not contended.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
