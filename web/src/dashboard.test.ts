import { describe, expect, it } from 'vitest';
import { dailySeries, formatMinutes, formatRate } from './dashboard';

describe('dashboard', () => {
  it('fills every day of the window and one series per type', () => {
    const per = [
      { day: '2026-12-05', source: 'upload', type: 'invoice', count: 2 },
      { day: '2026-12-07', source: 'folder', type: 'invoice', count: 1 },
      { day: '2026-12-07', source: 'upload', type: 'delivery_note', count: 3 },
    ];
    const s = dailySeries(per, 'type', '2026-12-04T12:00:00Z', '2026-12-07T12:00:00Z');
    expect(s.days).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']);
    expect(s.series).toEqual([{ key: 'delivery_note', counts: [0, 0, 0, 3] }, { key: 'invoice', counts: [0, 2, 0, 1] }]);
    expect(dailySeries(per, 'source', '2026-12-07T00:00:00Z', '2026-12-07T12:00:00Z').series)
      .toEqual([{ key: 'folder', counts: [1] }, { key: 'upload', counts: [3] }]);
  });
  it('formats durations and rates', () => {
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(2.5)).toBe('2,5 min');
    expect(formatMinutes(2.5, 'en')).toBe('2.5 min');
    expect(formatMinutes(42)).toBe('42 min');
    expect(formatMinutes(185)).toBe('3 h 05');
    expect(formatMinutes(3120)).toBe('2 j 4 h');
    expect(formatMinutes(-30)).toBe('−30 min');
    expect(formatRate(0.5)).toBe('50 %');
    expect(formatRate(null)).toBe('—');
  });
});
