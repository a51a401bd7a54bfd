/**
 * The process around a CLI entry: a reader that closes early (`kiln test | head -1`) ends the output,
 * not the program with a stack trace; the exit code is the entry's; anything it throws is an internal
 * error (exit 70).
 */
export async function runProcess(entry: (argv: string[]) => Promise<number | undefined>): Promise<boolean> {
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  };
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onError);
  try {
    const code = await entry(process.argv.slice(2));
    if (code === undefined) {
      // The entry declined (it printed nothing): the caller runs another one.
      for (const stream of [process.stdout, process.stderr]) stream.off('error', onError);
      return false;
    }
    process.exitCode = code;
  } catch (err) {
    process.stderr.write(`kiln: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  }
  return true;
}
