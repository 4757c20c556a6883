import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs. Personal data and secrets are never logged: log ids, not names or texts. */
export function createLogger(level: string, name = 'infosak'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', '*.authorization', '*.password', '*.secret', '*.clientSecret', '*.MicrosoftAppPassword', '*.token', '*.accessToken', '*.sig', '*.state'],
      censor: '[dold]',
    },
  });
}
