/** The roles that handle incidents: the committee's coordinators, the information and IT security officers, the data protection officer. */
export const TRIAGER_ROLES = ['samordnare', 'sakerhetsansvarig', 'itsakerhetsansvarig', 'dataskyddsombud'] as const;
