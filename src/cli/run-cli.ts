import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../config/config';

/**
 * Runs a command-line tool: the number `main` returns is the exit code; a configuration problem
 * prints only its message (it already says what to fix), anything else as `describe` puts it.
 */
export function runCli(main: () => Promise<number>, describe: (err: unknown) => unknown = (err) => err): void {
  main()
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : describe(err));
      process.exit(1);
    });
}

/** The value after `--name` on the command line, or undefined when the option is not given. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * A file to be read in, or as many zero bytes as it is long when it is larger than the reader
 * takes: its size alone is refused (import-file.ts), without reading it into memory.
 */
/** What a command exports: to the `--out` file when one is given, else to standard output. */
export function writeOutput(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

export function readFileWithin(file: string, maxBytes: number): Buffer {
  const size = statSync(file).size;
  return size > maxBytes ? Buffer.alloc(size) : readFileSync(file);
}
