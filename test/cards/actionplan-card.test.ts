import { actionPlanCardData } from '../../bot/cards/actionplan-card-data';
import { renderCard } from '../../bot/cards/card-templates';
import { ACTIVITY_STATUSES } from '../../src/actionplan/activity';
import { OFFERED_STATUSES, offeredStatus } from '../../src/actionplan/offered-status';

type Element = { type: string; id?: string; value?: string; isVisible?: boolean; choices?: { value: string }[]; targetElements?: string[]; items?: Element[]; columns?: Element[]; actions?: Element[]; text?: string };
const flat = (els: Element[] = []): Element[] => els.flatMap((e) => [e, ...flat(e.items), ...flat(e.columns), ...flat(e.actions)]);

describe('the quarter card’s statuses', () => {
  it('maps every stored word to one of the four offered ones', () => {
    expect(Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, offeredStatus(s)]))).toEqual({
      'Ej påbörjad': 'Ej påbörjad',
      Påbörjad: 'Pågående',
      'Delvis påbörjad': 'Pågående',
      Pågående: 'Pågående',
      'Delvis genomförd': 'Pågående',
      Genomförd: 'Genomförd',
      'Flyttas till nästa år': 'Flyttas till nästa år',
    });
  });

  it('offers the four, explains them, shows an older word as it was with Pågående preselected, and hides the comment until asked', () => {
    const card = renderCard('actionPlan', actionPlanCardData('sv', {
      year: 2026,
      quarter: 3,
      committeeCode: 'SN',
      committeeName: 'Socialnämnden',
      intro: 'onDemand',
      names: () => 'Sara Lind',
      activities: [{
        activity: { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: 'd', quarters: [2, 3], committees: ['*'] },
        previous: { id: '1', key: 'k', etag: '"x,1"', createdAt: '', modifiedAt: '', value: { year: 2026, activityId: '2026-a', committeeCode: 'SN', quarter: 2, status: 'Delvis påbörjad', comment: 'Halvvägs', setBy: 's', setAt: '2026-05-01T08:00:00.000Z' } },
      }],
    }));
    const els = flat(card.body as Element[]);
    const picker = els.find((e) => e.id === 'status__2026-a')!;
    expect(picker.choices!.map((c) => c.value)).toEqual([...OFFERED_STATUSES]);
    expect(picker.value).toBe('Pågående');
    const texts = els.map((e) => e.text ?? '');
    expect(texts).toContain('Nu: Delvis påbörjad i kvartal 2 (Sara Lind, ' + texts.find((x) => x.startsWith('Nu: '))!.split(', ')[1]);
    expect(texts.some((x) => x.includes('Pågående: arbetet är igång men inte klart'))).toBe(true);
    const box = els.find((e) => e.id === 'commentBox__2026-a')!;
    expect(box.isVisible).toBe(false);
    expect(flat(box.items).map((e) => e.id)).toContain('comment__2026-a');
    expect(els.find((e) => e.type === 'Action.ToggleVisibility')).toMatchObject({ title: 'Kommentar', targetElements: ['commentBox__2026-a'] });
  });
});
