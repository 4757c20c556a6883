import { randomUUID } from 'node:crypto';

/** A valid incident form as the card sends it back (all inputs are strings). */
export function validForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    submissionId: randomUUID(),
    kind: 'incident',
    category: 'natfiske',
    description: 'Jag fick ett mejl som såg ut att komma från IT-avdelningen och klickade på länken.',
    discoveredDate: '2026-03-02',
    discoveredTime: '08:30',
    occurredDate: '2026-03-02',
    occurredTime: '08:10',
    committeeCode: 'SN',
    affectedSystem: 'E-post',
    aspects: 'konfidentialitet,riktighet',
    personalData: 'false',
    sensitiveData: 'false',
    personalIdentityNumbers: 'false',
    ongoing: 'false',
    essentialService: 'false',
    ...overrides,
  };
}
