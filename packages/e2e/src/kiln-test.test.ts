/** `kiln test` on every example site: real promtool and amtool, coverage printed, exit 0. */
import { main } from '@kiln/cli';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO, generatedSites } from './tools.js';

afterEach(() => vi.restoreAllMocks());

describe('kiln test on the example sites', { timeout: 60_000 }, () => {
  it.each(generatedSites())('%s passes, with its coverage report', async (site) => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const code = await main(['test', '--site', site, '--root', REPO]);
    const text = out.join('');
    expect(code, text).toBe(0);
    expect(text).toMatch(/promtool test rules \(\d+ files\)/);
    expect(text).not.toContain('✗');
    expect(text).toMatch(/alert rules with a firing unit test: \d+\/\d+/);
    expect(text).toMatch(/routes exercised by a routing test: \d+\/\d+/);
  });

  it("pantheon's routing tests cover its whole routing tree, including the host-down inhibition", async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    expect(await main(['test', '--site', 'pantheon', '--root', REPO])).toBe(0);
    const text = out.join('');
    expect(text).toContain('routes exercised by a routing test: 5/5 (100%)');
    expect(text).toMatch(
      /✓ a host whose node exporter is down does not also page for its mounts: → ops-push, ops-email, inhibited by alertname=InstanceDown/,
    );
    expect(text).toContain('minimum (testing.minCoverage): 80% — ✓');
  });
});
