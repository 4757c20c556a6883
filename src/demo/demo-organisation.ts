import type { Committee, Role } from '../organisation/organisation';

/**
 * A fictional municipality for local use and tests. The ids are fixed so that anyone can act as
 * each person in the Agents Playground (see README, "Demo people").
 */
export const DEMO_TENANT_ID = '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f';
export const DEMO_MUNICIPALITY = 'Sjöviks kommun';

export const DEMO_COMMITTEES: Committee[] = [
  { code: 'KS', name: 'Kommunstyrelsen', administration: 'Kommunledningskontoret' },
  { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' },
  { code: 'BUN', name: 'Barn- och utbildningsnämnden', administration: 'Barn- och utbildningsförvaltningen' },
  { code: 'KFN', name: 'Kultur- och fritidsnämnden', administration: 'Kultur- och fritidsförvaltningen' },
  { code: 'SBN', name: 'Samhällsbyggnadsnämnden', administration: 'Samhällsbyggnadsförvaltningen' },
];

export interface DemoPerson {
  /** The persona name used with PERSONA=… */
  persona: string;
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  email: string;
  title: string;
  roles: { role: Role; committeeCode: string }[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    persona: 'medarbetare',
    id: 'a1a1a1a1-0000-4000-8000-000000000001',
    displayName: 'Anna Andersson',
    givenName: 'Anna',
    surname: 'Andersson',
    email: 'anna.andersson@sjovik.example',
    title: 'Handläggare, Socialförvaltningen',
    roles: [{ role: 'medarbetare', committeeCode: 'SN' }],
  },
  {
    persona: 'samordnare',
    id: 'a1a1a1a1-0000-4000-8000-000000000002',
    displayName: 'Sara Lind',
    givenName: 'Sara',
    surname: 'Lind',
    email: 'sara.lind@sjovik.example',
    title: 'Informationssäkerhetssamordnare',
    roles: [
      { role: 'medarbetare', committeeCode: 'SN' },
      { role: 'samordnare', committeeCode: 'SN' },
      { role: 'samordnare', committeeCode: 'KFN' },
    ],
  },
  {
    persona: 'sakerhetsansvarig',
    id: 'a1a1a1a1-0000-4000-8000-000000000003',
    displayName: 'Johan Berg',
    givenName: 'Johan',
    surname: 'Berg',
    email: 'johan.berg@sjovik.example',
    title: 'Informationssäkerhetsansvarig',
    roles: [
      { role: 'medarbetare', committeeCode: 'KS' },
      { role: 'sakerhetsansvarig', committeeCode: '*' },
    ],
  },
  {
    persona: 'dataskyddsombud',
    id: 'a1a1a1a1-0000-4000-8000-000000000004',
    displayName: 'Maria Ek',
    givenName: 'Maria',
    surname: 'Ek',
    email: 'maria.ek@sjovik.example',
    title: 'Dataskyddsombud',
    roles: [
      { role: 'medarbetare', committeeCode: 'KS' },
      { role: 'dataskyddsombud', committeeCode: '*' },
    ],
  },
  {
    persona: 'chef',
    id: 'a1a1a1a1-0000-4000-8000-000000000005',
    displayName: 'Erik Holm',
    givenName: 'Erik',
    surname: 'Holm',
    email: 'erik.holm@sjovik.example',
    title: 'Förvaltningschef, Socialförvaltningen',
    roles: [
      { role: 'medarbetare', committeeCode: 'SN' },
      { role: 'chef', committeeCode: 'SN' },
    ],
  },
  {
    persona: 'fortroendevald',
    id: 'a1a1a1a1-0000-4000-8000-000000000006',
    displayName: 'Per Nilsson',
    givenName: 'Per',
    surname: 'Nilsson',
    email: 'per.nilsson@sjovik.example',
    title: 'Ledamot, Socialnämnden',
    roles: [{ role: 'fortroendevald', committeeCode: 'SN' }],
  },
  {
    persona: 'itsakerhetsansvarig',
    id: 'a1a1a1a1-0000-4000-8000-000000000007',
    displayName: 'Omar Haddad',
    givenName: 'Omar',
    surname: 'Haddad',
    email: 'omar.haddad@sjovik.example',
    title: 'IT-säkerhetsansvarig',
    roles: [
      { role: 'medarbetare', committeeCode: 'KS' },
      { role: 'itsakerhetsansvarig', committeeCode: '*' },
    ],
  },
];

export function demoPersonByPersona(persona: string): DemoPerson | undefined {
  return DEMO_PEOPLE.find((p) => p.persona === persona);
}
