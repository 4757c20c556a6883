import pino from 'pino';

export type Logger = pino.Logger;

/** What pino adds to every line: left out of the readable one. */
const PINO_FIELDS = new Set(['level', 'msg', 'time', 'pid', 'hostname', 'name']);

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
      // The message, and what was logged with it (the Playground's own words, an error's message), on one line.
      const entry = JSON.parse(line) as Record<string, unknown> & { level: number; msg?: string };
      const { level, msg } = entry;
      const rest = Object.entries(entry).filter(([key]) => !PINO_FIELDS.has(key));
      const detail = rest.length > 0 ? ` ${rest.map(([, v]) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' · ')}` : '';
      process.stderr.write(`${level >= 50 ? 'Fel' : 'Varning'}: ${msg ?? ''}${detail}\n`);
    },
  };
  return pino(settings, pino.multistream([{ level: level as pino.Level, stream: pino.destination({ dest: options.file, mkdir: true, sync: true }) }, { level: 'warn', stream: readable }]));
}
