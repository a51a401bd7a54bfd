import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from './commands.js';
import { main } from './main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}
afterEach(() => vi.restoreAllMocks());

describe('usage is generated from the option tables', () => {
  for (const c of COMMANDS) {
    for (const flag of ['--help', '-h']) {
      it(`kiln ${c.name} ${flag} prints the command's usage with every option and exits 0`, async () => {
        const io = capture();
        expect(await main([c.name, flag])).toBe(0);
        expect(io.out()).toContain(`Usage: kiln ${c.name}`);
        for (const name of Object.keys(c.options)) expect(io.out()).toContain(`--${name}`);
        if (!c.delegates) expect(io.out()).toContain('--root');
      });
    }
  }

  it('kiln help lists every command and kiln help COMMAND is that command’s usage', async () => {
    let io = capture();
    expect(await main(['help'])).toBe(0);
    for (const c of COMMANDS) expect(io.out()).toContain(`  ${c.name}`);
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['help', 'build'])).toBe(0);
    expect(io.out()).toMatch(/^Usage: kiln build \[options\]/);
  });

  it('an unknown option exits 2 and points at the command’s help', async () => {
    const io = capture();
    expect(await main(['build', '--chek'])).toBe(2);
    expect(io.err()).toContain("Unknown option '--chek'");
    expect(io.err()).toContain('Run `kiln build --help` for usage.');
  });

  it('an unknown command exits 2', async () => {
    const io = capture();
    expect(await main(['bild'])).toBe(2);
    expect(io.err()).toContain('unknown command `bild`; did you mean `build`?');
  });
});
