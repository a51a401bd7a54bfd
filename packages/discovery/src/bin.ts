#!/usr/bin/env node
/** `kiln-discover proxmox …`: the same command as `kiln discover`, for running the service alone. */
import { discoverCommand } from './command.js';

const code = await discoverCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
