import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Personal data and secrets are never logged: log ids, not names or texts.
 * With `file` (local mode), the JSON goes to that file and warnings and errors to the console as one
 * readable line each, so what `npm start` prints stays a short block a person can read.
 */
export function createLogger(level: string, name = 'infosak', options: { file?: string } = {}): Logger {
  const settings: pino.LoggerOptions = {
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', '*.authorization', '*.password', '*.secret', '*.clientSecret', '*.MicrosoftAppPassword', '*.token', '*.accessToken', '*.sig', '*.state'],
      censor: '[dold]',
    },
  };
  if (!options.file || level === 'silent') return pino(settings);
  const readable = {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg?: string; err?: unknown };
      const detail = typeof entry.err === 'string' ? ` (${entry.err})` : '';
      process.stderr.write(`${entry.level >= 50 ? 'Fel' : 'Varning'}: ${entry.msg ?? ''}${detail}\n`);
    },
  };
  return pino(settings, pino.multistream([{ level: level as pino.Level, stream: pino.destination({ dest: options.file, mkdir: true, sync: true }) }, { level: 'warn', stream: readable }]));
}
