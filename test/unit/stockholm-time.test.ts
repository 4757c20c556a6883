import { formatDateTime, stockholmQuarter } from '../../src/clock/stockholm-time';

describe('Stockholm time', () => {
  it('places New Year in the quarter Stockholm sees, not UTC', () => {
    // 23:30 UTC on 31 December is already 00:30 on 1 January in Stockholm.
    expect(stockholmQuarter(new Date('2025-12-31T23:30:00Z'))).toEqual({ year: 2026, quarter: 1 });
    expect(stockholmQuarter(new Date('2026-03-31T21:59:00Z'))).toEqual({ year: 2026, quarter: 1 });
    expect(stockholmQuarter(new Date('2026-03-31T22:00:00Z'))).toEqual({ year: 2026, quarter: 2 });
  });

  it('formats dates the Swedish way in Swedish time, across summer time', () => {
    expect(formatDateTime(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01 12:00');
    expect(formatDateTime(new Date('2026-01-15T10:00:00Z'))).toBe('2026-01-15 11:00');
  });
});
