// The Suppliers screen (issue 19, item 5): every supplier quai has learned, with its
// identifiers and other names, documents, accuracy over time and last document; one
// supplier opened shows what its validated documents taught (labels and places,
// columns, units, identifiers). Reviewers and administrators rename a supplier, merge
// another one into it and forget one wrongly learned convention, each asked again;
// viewers see the same screen without those actions.
import { may } from '../admin';
import * as api from '../api';
import { h } from '../dom';
import { fieldLabel, formatDate, formatDateTime, t, tOr, typeLabel } from '../i18n';
import type { App, View } from '../main';
import {
  accuracyPercent, filterSuppliers, forgetConvention, getSupplier, listSuppliers, mergeSuppliers, recentMonths,
  renameSupplier, type Convention, type Supplier, type SupplierDetail,
} from '../suppliers';

export function suppliersView(app: App, params: URLSearchParams): View {
  let suppliers: Supplier[] = [];
  let selected = Number(params.get('id') ?? 0);
  let query = '';
  let stopped = false;
  const canChange = () => may(app.user?.role, 'review');
  const listBox = h('div', { 'data-testid': 'suppliers-list' }, h('p', { class: 'muted' }, t('review.loading')));
  const detailBox = h('section', { class: 'supplierdetail', 'data-testid': 'supplier-detail', 'aria-live': 'polite' });
  const search = h('input', {
    type: 'search', id: 'suppliers-search', 'data-testid': 'suppliers-search', placeholder: t('suppliers.search'),
    oninput: () => { query = search.value; renderList(); },
  }) as HTMLInputElement;

  /** The server's message in words: its code when the desk knows it. */
  const fail = (e: unknown) => {
    const err = e as api.ApiError;
    if (err.status === 403) return app.toast(t('error.forbidden'), 'error');
    app.toast(tOr('suppliers.error.' + err.code, t('error.generic', { message: err.message })), 'error');
  };

  const identifierText = (s: Supplier) => s.identifiers.map((i) => `${tOr('suppliers.id.' + i.kind, i.kind.toUpperCase())} ${i.value}`).join(', ');
  const monthBars = (s: Supplier) => {
    const months = recentMonths(s.accuracy.by_month ?? []);
    if (!months.length) return null;
    return h('span', { class: 'monthbars', role: 'img', 'aria-label': months.map((m) => `${m.month}: ${accuracyPercent(m.accuracy)}`).join(', ') },
      months.map((m) => h('span', { class: 'bar', title: `${m.month}: ${accuracyPercent(m.accuracy)}`, style: `height:${Math.max(2, Math.round((m.accuracy ?? 0) * 20))}px` })));
  };

  function renderList() {
    const shown = filterSuppliers(suppliers, query);
    if (!suppliers.length) { listBox.replaceChildren(h('p', { class: 'empty', 'data-testid': 'suppliers-empty' }, t('suppliers.empty'))); return; }
    listBox.replaceChildren(h('table', { class: 'list', 'data-testid': 'suppliers-table' },
      h('caption', { class: 'visually-hidden' }, t('suppliers.title')),
      h('thead', null, h('tr', null,
        h('th', null, t('suppliers.col.name')), h('th', null, t('suppliers.col.identifiers')),
        h('th', { class: 'num' }, t('suppliers.col.documents')), h('th', { class: 'num' }, t('suppliers.col.recent')),
        h('th', { class: 'num' }, t('suppliers.col.overall')), h('th', null, t('suppliers.col.months')), h('th', null, t('suppliers.col.last')))),
      h('tbody', null, shown.map((s) => h('tr', {
        'data-testid': 'supplier-row', 'data-id': s.id, 'data-name': s.name, class: 'clickable' + (s.id === selected ? ' selected' : ''),
        onclick: () => open(s.id),
      },
      h('td', null, h('a', { href: `#/suppliers?id=${s.id}`, 'data-testid': 'supplier-open', onclick: (e: Event) => { e.preventDefault(); open(s.id); } }, s.name),
        s.aliases?.length ? h('div', { class: 'muted small', 'data-testid': 'supplier-aliases' }, t('suppliers.aka', { names: s.aliases.join(', ') })) : null),
      h('td', { class: 'small' }, identifierText(s)),
      h('td', { class: 'num', 'data-testid': 'supplier-documents' }, t('suppliers.documents', { validated: s.documents_validated, seen: s.documents_seen })),
      h('td', { class: 'num', 'data-testid': 'supplier-recent' }, accuracyPercent(s.accuracy.recent)),
      h('td', { class: 'num', 'data-testid': 'supplier-overall' }, accuracyPercent(s.accuracy.overall)),
      h('td', null, monthBars(s)),
      h('td', null, s.last_document_at ? formatDate(s.last_document_at) : t('suppliers.never')))))));
  }

  function conventionText(c: Convention): string {
    const where = c.page ? t('suppliers.conv.where', { page: c.page, x: Math.round((c.box?.[0] ?? 0) * 100), y: Math.round((c.box?.[1] ?? 0) * 100) }) : '';
    switch (c.kind) {
      case 'label': return t(c.value ? 'suppliers.conv.label' : 'suppliers.conv.place', { field: fieldLabel(c.field), label: c.value, where });
      case 'column': return t('suppliers.conv.column', { field: fieldLabel(c.field), where });
      case 'unit': return t('suppliers.conv.unit', { field: fieldLabel(c.field), unit: c.value });
      default: return c.field === 'alias' ? t('suppliers.conv.alias', { name: c.value })
        : t('suppliers.conv.identifier', { kind: tOr('suppliers.id.' + c.field, c.field.toUpperCase()), value: c.value });
    }
  }

  function conventionsList(d: SupplierDetail) {
    if (!d.conventions.length) return h('p', { class: 'muted', 'data-testid': 'supplier-no-conventions' }, t('suppliers.conv.none'));
    let asking = '';
    const list = h('ul', { class: 'conventions', 'data-testid': 'supplier-conventions' });
    const draw = () => list.replaceChildren(...d.conventions.map((c) => h('li', { 'data-testid': 'supplier-convention', 'data-key': c.key, 'data-kind': c.kind },
      h('span', null, conventionText(c)),
      c.document_type ? h('span', { class: 'muted small' }, ' — ' + typeLabel(c.document_type) + ' · ' + t('suppliers.conv.documents', { n: c.documents ?? 0 })) : null,
      !canChange() ? null : asking === c.key
        ? h('span', { class: 'confirm' }, ' ',
          h('button', { type: 'button', class: 'small danger', 'data-testid': 'convention-forget-confirm', onclick: () => forget(d, c) }, t('suppliers.forget.confirm')), ' ',
          h('button', { type: 'button', class: 'small', 'data-testid': 'convention-forget-cancel', onclick: () => { asking = ''; draw(); } }, t('sources.cancel')))
        : h('button', { type: 'button', class: 'small', 'data-testid': 'convention-forget', 'aria-label': t('suppliers.forget') + ' — ' + conventionText(c), onclick: () => { asking = c.key; draw(); list.querySelector<HTMLElement>('[data-testid="convention-forget-confirm"]')?.focus(); } }, t('suppliers.forget')))));
    draw();
    return list;
  }

  async function forget(d: SupplierDetail, c: Convention) {
    try { await forgetConvention(d.id, c.key); app.toast(t('suppliers.forgotten', { what: conventionText(c) })); } catch (e) { fail(e); }
    await load();
  }

  function renameForm(d: SupplierDetail) {
    const input = h('input', { id: 'supplier-name', 'data-testid': 'supplier-rename-input', value: d.name, maxlength: 200, required: true }) as HTMLInputElement;
    const submit = async (e: Event) => {
      e.preventDefault();
      if (!input.value.trim()) { app.toast(t('suppliers.error.supplier_name_empty'), 'error'); input.focus(); return; }
      try { await renameSupplier(d.id, input.value); app.toast(t('suppliers.renamed', { name: input.value.trim() })); } catch (err) { fail(err); }
      await load();
    };
    return h('form', { class: 'inline', 'data-testid': 'supplier-rename', onsubmit: submit },
      h('label', { for: 'supplier-name' }, t('suppliers.rename.label')), ' ', input, ' ',
      h('button', { type: 'submit', 'data-testid': 'supplier-rename-save' }, t('suppliers.rename')));
  }

  function mergeForm(d: SupplierDetail) {
    const others = filterSuppliers(suppliers, '').filter((s) => s.id !== d.id);
    if (!others.length) return null;
    const select = h('select', { id: 'supplier-merge', 'data-testid': 'supplier-merge-select' },
      h('option', { value: '' }, t('suppliers.merge.choose')),
      others.map((s) => h('option', { value: String(s.id) }, `${s.name} (${s.documents_validated})`))) as HTMLSelectElement;
    const confirmBox = h('div', { class: 'confirm', hidden: true, 'data-testid': 'supplier-merge-ask' });
    const ask = (e: Event) => {
      e.preventDefault();
      const other = others.find((s) => s.id === Number(select.value));
      if (!other) { select.focus(); return; }
      confirmBox.replaceChildren(
        h('p', { class: 'warn' }, t('suppliers.merge.ask', { merged: other.name, kept: d.name })),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'supplier-merge-confirm', onclick: async () => {
          try { await mergeSuppliers(d.id, other.id); app.toast(t('suppliers.merged', { merged: other.name, kept: d.name })); } catch (err) { fail(err); }
          await load();
        } }, t('suppliers.merge.confirm')), ' ',
        h('button', { type: 'button', 'data-testid': 'supplier-merge-cancel', onclick: () => { confirmBox.hidden = true; } }, t('sources.cancel')));
      confirmBox.hidden = false;
      confirmBox.querySelector<HTMLElement>('[data-testid="supplier-merge-confirm"]')?.focus();
    };
    return h('form', { class: 'inline', 'data-testid': 'supplier-merge', onsubmit: ask },
      h('label', { for: 'supplier-merge' }, t('suppliers.merge.label')), ' ', select, ' ',
      h('button', { type: 'submit', 'data-testid': 'supplier-merge-start' }, t('suppliers.merge')), confirmBox);
  }

  function renderDetail(d: SupplierDetail) {
    detailBox.replaceChildren(
      h('h2', { 'data-testid': 'supplier-detail-name' }, d.name),
      h('p', { class: 'muted' }, t('suppliers.since', { at: formatDateTime(d.created_at) }),
        d.aliases?.length ? ' · ' + t('suppliers.aka', { names: d.aliases.join(', ') }) : ''),
      canChange() ? h('div', { class: 'supplieractions' }, renameForm(d), mergeForm(d) ?? '') : '',
      h('h3', null, t('suppliers.conv.title')),
      h('p', { class: 'muted small' }, t('suppliers.conv.intro')),
      conventionsList(d),
      h('h3', null, t('suppliers.outcomes')),
      d.outcomes.length ? h('table', { class: 'list', 'data-testid': 'supplier-outcomes' },
        h('thead', null, h('tr', null, h('th', null, t('col.id')), h('th', null, t('suppliers.col.validated_at')),
          h('th', { class: 'num' }, t('suppliers.col.fields')), h('th', { class: 'num' }, t('suppliers.col.corrected')))),
        h('tbody', null, d.outcomes.slice(0, 10).map((o) => h('tr', null,
          h('td', null, h('a', { href: '#/doc/' + o.document_id }, o.document_id)), h('td', null, formatDateTime(o.at)),
          h('td', { class: 'num' }, o.fields), h('td', { class: 'num' }, o.corrected)))))
        : h('p', { class: 'muted' }, t('suppliers.no_outcomes')));
  }

  async function open(id: number) {
    selected = id;
    history.replaceState(null, '', `#/suppliers?id=${id}`);
    renderList();
    try {
      const d = await getSupplier(id);
      if (!stopped && selected === id) renderDetail(d);
    } catch (e) {
      if ((e as api.ApiError).status === 404) { selected = 0; detailBox.replaceChildren(); return; }
      fail(e);
    }
  }

  async function load() {
    try {
      suppliers = (await listSuppliers()).suppliers;
      if (stopped) return;
      if (selected && !suppliers.some((s) => s.id === selected)) { selected = 0; detailBox.replaceChildren(); }
      renderList();
      if (selected) await open(selected);
    } catch (e) { if (!stopped) fail(e); }
  }

  const el = h('main', { class: 'page suppliers', 'data-testid': 'suppliers-view' },
    h('h1', null, t('suppliers.title')),
    h('p', { class: 'muted' }, t(canChange() ? 'suppliers.intro' : 'suppliers.intro.viewer')),
    h('div', { class: 'sectionhead' }, h('label', { for: 'suppliers-search', class: 'visually-hidden' }, t('suppliers.search')), search),
    listBox, detailBox);
  load();
  return { el, unmount: () => { stopped = true; } };
}
