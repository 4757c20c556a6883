import { assetNotifier } from '../../bot/notifiers/asset-notifier';
import { fixedClock } from '../../src/clock/clock';
import type { OutboundMessage } from '../../src/ops/outbox-types';

/** The systemägare's reminder as they read it in Teams: one message, a line per system, in Swedish dates. */
describe('the reminder message to a systemägare', () => {
  const sent: OutboundMessage[] = [];
  const notifier = assetNotifier({
    store: {} as never,
    ops: {} as never,
    clock: fixedClock('2026-12-02T07:00:00Z'),
    committees: { list: async () => [{ code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' }] } as never,
    locale: 'sv',
    enqueue: async (messages) => void sent.push(...messages),
  });

  it('names each system with its nämnd, what is due and since when', async () => {
    await notifier.reminders([
      {
        key: 'assets:erik:abc',
        personId: 'erik',
        items: [
          { assetId: 'sn-trygghetslarm', assetName: 'Trygghetslarm', committeeCode: 'SN', kind: 'classification', due: '2026-10-30' },
          { assetId: 'sn-hemtjanst', assetName: 'Hemtjänstplanering', committeeCode: 'SN', kind: 'analysis', due: '' },
          { assetId: 'sn-trygghetslarm', assetName: 'Trygghetslarm', committeeCode: 'SN', kind: 'measure', due: '2026-12-01', what: 'Testa reservlarmet' },
        ],
      },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ key: 'assets:erik:abc', personId: 'erik', campaignId: 'assets' });
    const text = (sent[0]!.activity as { text: string }).text;
    expect(text.split('\n')).toEqual([
      '**Påminnelse från Infosäk: informationstillgångar att följa upp**',
      '',
      'Du får påminnelsen som systemägare eller ansvarig för en åtgärd, eller för att systemet saknar en systemägare som kan ta emot den.',
      '',
      '- **Trygghetslarm** (Socialnämnden): KLASSA-klassningen skulle ha setts över senast 30 oktober 2026.',
      '- **Hemtjänstplanering** (Socialnämnden): systemet är kritiskt men saknar riskanalys.',
      '- **Trygghetslarm** (Socialnämnden): åtgärden "Testa reservlarmet" skulle ha varit klar 1 december 2026.',
      '',
      'Öppna fliken Infosäk och välj Informationstillgångar för att se tillgången och registrera en ny riskanalys. En ny KLASSA-klassning förs in i registret av informationssäkerhetsansvarig.',
    ]);
  });
});
