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
