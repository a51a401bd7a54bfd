import { defineConfig } from 'vitest/config';

// Real processes and real tools: generous timeouts, files one at a time so ports and CPU are not contended.
export default defineConfig({
  test: { testTimeout: 180_000, hookTimeout: 60_000, fileParallelism: false },
});
