/** Where the CLI talks: progress to stdout (silenced by --quiet), errors to stderr. */
export interface Output {
  progress(line: string): void;
  info(line: string): void;
  error(line: string): void;
}

export function consoleOutput(quiet: boolean): Output {
  return {
    progress: (line) => {
      if (!quiet) process.stdout.write(line + '\n');
    },
    info: (line) => process.stdout.write(line + '\n'),
    error: (line) => process.stderr.write(line + '\n'),
  };
}
