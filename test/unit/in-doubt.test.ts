import { sendAgainIfInDoubt } from '../../src/delivery/in-doubt';

/** After a crash, a message that may have arrived: incident notifications go again, the rest do not. */
describe('a message in doubt after a stop', () => {
  it('is sent again when it tells of an incident or its legal deadline', () => {
    expect(sendAgainIfInDoubt({ campaignId: 'incident:INC-2026-0007' })).toBe(true);
    expect(sendAgainIfInDoubt({ campaignId: 'deadline:INC-2026-0007' })).toBe(true);
  });

  it('is taken as sent when it is a learning card, a reminder or a preview', () => {
    for (const campaignId of ['learning:natfiske-2026', 'learning:forhandsvisning:natfiske', 'actionplan:2026:Q1', 'test']) expect(sendAgainIfInDoubt({ campaignId })).toBe(false);
  });
});
