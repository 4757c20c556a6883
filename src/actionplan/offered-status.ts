import type { ActivityStatusValue } from './activity';

/** The statuses the quarter's card offers coordinators: four that do not overlap. */
export const OFFERED_STATUSES = ['Ej påbörjad', 'Pågående', 'Genomförd', 'Flyttas till nästa år'] as const satisfies readonly ActivityStatusValue[];
export type OfferedStatus = (typeof OFFERED_STATUSES)[number];

/**
 * The offered status a stored one corresponds to. The plan's history (imported follow-ups) uses seven
 * words, three of which only say "started but not done" in different ways; they stay valid as stored,
 * and the card preselects Pågående for them.
 */
export function offeredStatus(status: ActivityStatusValue): OfferedStatus {
  switch (status) {
    case 'Påbörjad':
    case 'Delvis påbörjad':
    case 'Delvis genomförd':
      return 'Pågående';
    default:
      return status;
  }
}
