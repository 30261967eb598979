// The dashboard's pure parts: the per-day series a chart draws, durations as people read them.
import type { Dashboard } from './types';

/** Days of the window in order (every day, also those without a document) and one series per key (type or source). */
export function dailySeries(perDay: Dashboard['per_day'], by: 'type' | 'source', from: string, to: string):
  { days: string[]; series: { key: string; counts: number[] }[] } {
  const days: string[] = [];
  const start = new Date(from.slice(0, 10) + 'T00:00:00Z');
  const end = new Date(to.slice(0, 10) + 'T00:00:00Z');
  for (let d = start; d <= end; d = new Date(d.getTime() + 86400000)) days.push(d.toISOString().slice(0, 10));
  const keys = [...new Set(perDay.map((p) => p[by]))].sort();
  const series = keys.map((key) => ({
    key, counts: days.map((day) => perDay.filter((p) => p.day === day && p[by] === key).reduce((n, p) => n + p.count, 0)),
  }));
  return { days, series };
}

/** "42 min", "3 h 05", "2 j 4 h" (French) / "2 d 4 h"; "—" for none. */
export function formatMinutes(minutes: number | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  if (minutes === null || minutes === undefined || !isFinite(minutes)) return '—';
  const sign = minutes < 0 ? '−' : '';
  const m = Math.abs(minutes);
  if (m < 60) return sign + (m < 10 ? (Math.round(m * 10) / 10).toString().replace('.', lang === 'fr' ? ',' : '.') : Math.round(m)) + ' min';
  if (m < 24 * 60) { const h = Math.floor(m / 60); return `${sign}${h} h ${String(Math.round(m - h * 60)).padStart(2, '0')}`; }
  const d = Math.floor(m / 1440);
  return `${sign}${d} ${lang === 'fr' ? 'j' : 'd'} ${Math.round((m - d * 1440) / 60)} h`;
}

export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : Math.round(rate * 100) + ' %';
}
