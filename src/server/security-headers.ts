import type restify from 'restify';

/**
 * Where Teams (web, desktop, mobile, and Microsoft 365 and Outlook, which also host Teams tabs)
 * frames a tab from. Nothing else may frame it.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'teams.microsoft.com',
  '*.teams.microsoft.com',
  'teams.cloud.microsoft',
  '*.cloud.microsoft',
  '*.office.com',
  '*.office365.com',
  '*.microsoft365.com',
  'outlook.office.com',
  'outlook.office365.com',
  '*.skype.com',
];

/**
 * The tab's Content-Security-Policy: scripts only from this origin; inline styles, because Fluent
 * UI (Griffel) inserts its CSS at run time; the API and teams-js's list of valid Teams origins as
 * the only places to connect to; framed only by Teams.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

export function setSecurityHeaders(res: restify.Response, options: { tab: boolean; https: boolean }): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (options.tab) res.setHeader('Content-Security-Policy', TAB_CSP);
  else res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
