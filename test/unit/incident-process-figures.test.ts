import { loadConfig } from '../../src/config/config';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { incidentProcessFigures, median } from '../../src/annual-report/incident-process-figures';
import { incident } from '../contract/store-contract';

const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
const now = new Date('2026-11-24T09:00:00Z');

/** How the year's incidents were handled, as Ledningens genomgång counts it. */
describe("the incident figures of the yearly report", () => {
  it('splits what happened as the audit does: IT incidents, lost or stolen equipment, personal data (which may also be IT), the rest', () => {
    const figures = incidentProcessFigures(
      [
        incident('A', { category: 'natfiske', personalData: true }),
        incident('B', { category: 'forlorad-utrustning', personalData: false }),
        incident('C', { category: 'felskickad-information', personalData: true }),
        incident('D', { category: 'annat', personalData: false }),
        // A weakness: nothing has happened, so it is in none of the audit's groups and runs no clock.
        incident('E', { kind: 'weakness', category: 'skadlig-kod', personalData: true }),
      ],
      { rules, now, closedAt: new Map() },
    );
    expect(figures.byAuditGroup).toEqual({ it: 1, lostOrStolen: 1, personalData: 2, other: 1 });
    expect(figures.imy.personalData).toBe(2);
  });

  it('counts a clock still running past its time as missed, and one not yet due as running', () => {
    const figures = incidentProcessFigures(
      [
        incident('A', { personalData: true, discoveredAt: '2026-11-24T07:00:00.000Z' }),
        incident('B', { personalData: true, discoveredAt: '2026-11-10T07:00:00.000Z' }),
        incident('C', { personalData: true, discoveredAt: '2026-11-10T07:00:00.000Z', imyReportable: false }),
      ],
      { rules, now, closedAt: new Map() },
    );
    expect(figures.deadlines).toEqual({ total: 2, met: 0, late: 1, running: 1 });
    expect(figures.imy).toEqual({ personalData: 3, reported: 0, inTime: 0, notReportable: 1, undecided: 2 });
  });

  it('takes the median of the times, and none when nothing got there', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    const figures = incidentProcessFigures([incident('A', { reportedAt: '2026-03-01T08:00:00.000Z' })], { rules, now, closedAt: new Map([['A', '2026-03-03T08:00:00.000Z']]) });
    expect(figures.medianHours).toEqual({ toAcknowledgement: null, toClosure: 48 });
  });

  it('counts a report to CERT-SE in time only when the early warning and the notification were both made in time', () => {
    const significant = { significant: true, significantDecidedAt: '2026-09-14T08:00:00.000Z', resolvedAt: '2026-09-15T08:00:00.000Z' };
    const figures = incidentProcessFigures(
      [
        incident('A', { ...significant, nisEarlyWarningAt: '2026-09-14T20:00:00.000Z', nisNotificationAt: '2026-09-16T08:00:00.000Z' }),
        // No early warning, the notification in time: not in time.
        incident('B', { ...significant, nisNotificationAt: '2026-09-16T08:00:00.000Z' }),
        // The early warning a day late.
        incident('C', { ...significant, nisEarlyWarningAt: '2026-09-15T20:00:00.000Z', nisNotificationAt: '2026-09-16T08:00:00.000Z' }),
      ],
      { rules, now, closedAt: new Map() },
    );
    expect(figures.csirt).toEqual({ judged: 3, significant: 3, reported: 3, inTime: 1, notSignificant: 0 });
  });

  it('measures a notification to IMY against the 72 hours, even when the committee judged it not reportable', () => {
    const discovered = { personalData: true, discoveredAt: '2026-05-01T08:00:00.000Z' };
    const figures = incidentProcessFigures(
      [
        incident('A', { ...discovered, imyReportable: true, imyNotifiedAt: '2026-05-03T08:00:00.000Z' }),
        incident('B', { ...discovered, imyReportable: true, imyNotifiedAt: '2026-05-05T08:00:00.000Z' }),
        incident('C', { ...discovered, imyReportable: false, imyNotifiedAt: '2026-05-17T08:00:00.000Z' }),
      ],
      { rules, now, closedAt: new Map() },
    );
    expect(figures.imy).toEqual({ personalData: 3, reported: 3, inTime: 1, notReportable: 1, undecided: 0 });
  });
});
