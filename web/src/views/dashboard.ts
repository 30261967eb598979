// The managers' dashboard: figures of the last days (GET /api/v1/dashboard), documents per day drawn with uPlot.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import * as api from '../api';
import { formatMinutes, formatRate, dailySeries } from '../dashboard';
import { h } from '../dom';
import { fieldLabel, formatDateTime, lang, t, typeLabel } from '../i18n';
import type { App, View } from '../main';
import type { Dashboard } from '../types';

const COLORS = ['#1f5fbf', '#136c37', '#8a5a00', '#6d28d9', '#c62828', '#0e7490', '#667085'];

export function dashboardView(app: App, params: URLSearchParams): View {
  const days = Math.min(366, Math.max(1, Number(params.get('days') ?? 30) || 30));
  const body = h('div', null, h('p', { class: 'muted' }, t('review.loading')));
  const range = h('select', { 'data-testid': 'dash-days', 'aria-label': t('dash.window') },
    [7, 30, 90, 365].map((n) => h('option', { value: n, selected: n === days }, t('dash.days', { n }))));
  range.addEventListener('change', () => app.go('#/dashboard?days=' + range.value));
  let chart: uPlot | undefined;
  let stopped = false;
  const tile = (testid: string, label: string, value: string, sub?: string) =>
    h('div', { class: 'tile', 'data-testid': testid },
      h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value', 'data-testid': testid + '-value' }, value),
      sub ? h('div', { class: 'tile-sub muted' }, sub) : null);
  const bars = (rows: { label: string; count: number }[], testid: string, caption: string) => {
    const max = Math.max(1, ...rows.map((r) => r.count));
    return h('table', { class: 'list bars', 'data-testid': testid },
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('dash.name')), h('th', { scope: 'col' }, t('dash.count')))),
      h('tbody', null, rows.length ? rows.map((r) => h('tr', { 'data-testid': testid + '-row', 'data-name': r.label },
        h('td', null, r.label),
        h('td', { class: 'barcell' }, h('span', { class: 'bar', style: { width: (100 * r.count / max) + '%' } }), h('span', { class: 'num' }, r.count))))
        : h('tr', null, h('td', { colspan: 2, class: 'muted' }, t('dash.none')))));
  };

  const render = (d: Dashboard) => {
    const L = lang();
    const { days: dayList, series } = dailySeries(d.per_day, 'type', d.window.from, d.window.to);
    const chartBox = h('div', { class: 'chart', 'data-testid': 'dash-chart', role: 'img', 'aria-label': t('dash.per_day') });
    const perDayTable = h('table', { class: 'list small', 'data-testid': 'dash-per-day' },
      h('caption', null, t('dash.per_day.table')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('dash.day')), h('th', { scope: 'col' }, t('dash.source')),
        h('th', { scope: 'col' }, t('col.type')), h('th', { scope: 'col' }, t('dash.count')))),
      h('tbody', null, d.per_day.slice().reverse().map((p) => h('tr', { 'data-testid': 'dash-per-day-row' },
        h('td', null, p.day), h('td', null, p.source), h('td', null, p.type === 'unknown' ? '—' : typeLabel(p.type)), h('td', { class: 'num' }, p.count)))));
    const w = d.oldest_waiting;
    body.replaceChildren(
      h('div', { class: 'tiles' },
        tile('dash-documents', t('dash.documents'), String(d.documents)),
        tile('dash-stp', t('dash.stp'), formatRate(d.straight_through.rate),
          t('dash.stp.sub', { n: d.straight_through.without_person, total: d.straight_through.finished })),
        tile('dash-to-validation', t('dash.to_validation'), formatMinutes(d.to_validation_minutes.median, L),
          t('dash.p90', { v: formatMinutes(d.to_validation_minutes.p90, L), n: d.to_validation_minutes.count })),
        tile('dash-active', t('dash.active'), formatMinutes(d.active_review_minutes.median, L),
          t('dash.p90', { v: formatMinutes(d.active_review_minutes.p90, L), n: d.active_review_minutes.count })),
        tile('dash-saved', t('dash.saved'), formatMinutes(d.time_saved.saved_minutes, L),
          t('dash.saved.sub', { m: d.time_saved.manual_minutes_per_document, n: d.time_saved.documents })),
        tile('dash-corrections', t('dash.corrections'), String(d.corrections.total)),
        h('div', { class: 'tile', 'data-testid': 'dash-oldest' },
          h('div', { class: 'tile-label' }, t('dash.oldest')),
          w ? [h('div', { class: 'tile-value', 'data-testid': 'dash-oldest-value' }, formatMinutes(w.waiting_minutes, L)),
            h('div', { class: 'tile-sub' }, h('a', { href: '#/doc/' + w.id, 'data-testid': 'dash-oldest-link' }, w.file), ' · ', formatDateTime(w.created_at))]
            : h('div', { class: 'tile-value', 'data-testid': 'dash-oldest-value' }, '—')),
        tile('dash-drift', t('dash.drift'), String(d.drift.count), d.drift.signals[0] ? t('dash.drift.latest', { kind: d.drift.signals[0].kind }) : undefined)),
      h('h2', null, t('dash.per_day')), chartBox,
      h('details', null, h('summary', null, t('dash.per_day.table')), perDayTable),
      h('div', { class: 'twocol' },
        bars(d.corrections.by_field.map((f) => ({ label: fieldLabel(f.field.replace('lines[].', '')), count: f.count })), 'dash-by-field', t('dash.by_field')),
        bars(d.corrections.by_supplier.map((f) => ({ label: f.supplier, count: f.count })), 'dash-by-supplier', t('dash.by_supplier'))));
    chart?.destroy();
    if (!series.length) { chartBox.appendChild(h('p', { class: 'muted' }, t('dash.none'))); return; }
    const xs = dayList.map((day) => Date.parse(day + 'T12:00:00Z') / 1000);
    const width = Math.max(320, Math.min(1100, (body.clientWidth || 900) - 10));
    // Stacked bars: each type's bar is drawn from 0 to the running total, the tallest first, so
    // every type shows as its own band; the legend names the types and the table gives the counts.
    const stacked = series.map((_, i) => dayList.map((__, k) => series.slice(0, i + 1).reduce((n, s) => n + s.counts[k], 0)));
    const order = series.map((_, i) => i).reverse();
    chart = new uPlot({
      width, height: 240,
      legend: { live: false },
      scales: { x: { time: true, range: (_u, min, max) => [min - 86400, max + 86400] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { label: t('dash.count') }],
      series: [{ label: t('dash.day') }, ...order.map((i) => ({
        label: typeLabel(series[i].key === 'unknown' ? null : series[i].key), stroke: COLORS[i % COLORS.length], fill: COLORS[i % COLORS.length],
        width: 1, points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.7, 40], align: 0 }),
      }))],
    }, [xs, ...order.map((i) => stacked[i])], chartBox);
  };

  (async () => {
    try {
      const d = await api.getDashboard(days);
      if (!stopped) render(d);
    } catch (e) {
      if (!stopped) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  })();
  const el = h('main', { class: 'page dashboard', 'data-testid': 'dashboard-view' },
    h('div', { class: 'titlebar' }, h('h1', null, t('dash.title')), range), body);
  return { el, unmount: () => { stopped = true; chart?.destroy(); } };
}
