// The validation screen: the page on the left with every value's box, the fields on the
// right (uncertain and missing first). Click a field, then a word on the page (or drag a
// box) to fill it; Enter saves an edited field; Ctrl+Enter validates and opens the next.
import * as api from '../api';
import { clear, h, s } from '../dom';
import { showOrders, worstSeverity } from '../erp';
import { eventLabel, fieldLabel, findingTitle, formatDateTime, t, typeLabel } from '../i18n';
import {
  clientToPoints, confidenceLevel, errorText, findingsByField, joinWords, lineColumns, normaliseRect,
  orderFields, schemaFor, supplierName, wordAt, wordsInRect,
} from '../logic';
import { may, refusalCause } from '../admin';
import type { App, View } from '../main';
import { originText } from '../sources';
import type { Box, Doc, DocumentOrders, FieldValue, Finding, PageSize, PageWords, ReviewEvent, Word } from '../types';
import { reasonList, statusBadge } from './common';
import { findingList, findingText, markerAttrs, type FindingActions } from './findings';
import { ordersPanel } from './orders';
import { exportsPanel } from './exports_panel';
import { receiptPanel } from './receipt_panel';
import { takeBoot } from '../boot';
import { cleanSupplierName, isNewSupplier, listSuppliers, supplierNameValue } from '../suppliers';
import { supplierConfirmation, type SupplierConfirmation } from './supplier_confirm';
import { addWord, dropSpecks } from '../picking';
import { gridHint, resizableColumns, spreadsheetKeys } from './line_grid';
import { refusedActions } from './refused';

type Target = { kind: 'field'; name: string } | { kind: 'line'; line: number; name: string };
const keyOf = (tg: Target) => (tg.kind === 'field' ? 'f:' + tg.name : `l:${tg.line}:${tg.name}`);
const targetOf = (key: string): Target | undefined => {
  const [k, a, b] = key.split(':');
  if (k === 'f' && a) return { kind: 'field', name: a };
  if (k === 'l' && a !== undefined && b) return { kind: 'line', line: Number(a), name: b };
  return undefined;
};
const labelOf = (tg: Target) => (tg.kind === 'field' ? fieldLabel(tg.name) : `${fieldLabel(tg.name)} (${tg.line + 1})`);
const EDITABLE = new Set(['needs_review', 'auto_accepted', 'validated', 'rejected']);
const DRAG_PX = 4;

export function reviewView(app: App, id: number): View {
  const started = performance.now();
  let doc: Doc | undefined;
  let pageNo = 1;
  let zoom = 1;
  let order: string[] = [];
  let active: Target | undefined;
  let stopped = false;
  let pollTimer: number | undefined;
  const words = new Map<number, Promise<PageWords | undefined>>();
  let pageWords: Word[] = [];
  const saved = new Map<string, string>(); // key → value last sent or saved (what the input started with)
  const confirmed = new Map<string, string>(); // key → value the server holds (what Escape goes back to)
  // Edits the server could not be reached for: marked "not saved", sent again until it answers.
  const unsaved = new Map<string, { tg: Target; value: string; where: api.Pointed }>();
  let retryTimer: number | undefined;
  let offlineSaid = false;
  const colWidths = new Map<string, number>(); // the line grid's widened columns, kept across renderings

  // --- skeleton, built at once so the image request leaves before the document JSON is back
  const boot = takeBoot(id);
  const img = boot?.img ?? h('img', { decoding: 'async', fetchpriority: 'high' });
  img.className = 'page-image';
  img.alt = '';
  img.draggable = false;
  img.dataset.testid = 'page-image';
  const overlay = s('svg', { class: 'overlay', 'data-testid': 'page-overlay', preserveAspectRatio: 'none' }) as SVGSVGElement;
  const gBoxes = s('g', { class: 'boxes' });
  const gWords = s('g', { class: 'words' });
  const dragRect = s('rect', { class: 'drag', visibility: 'hidden' });
  overlay.append(gBoxes, gWords, dragRect);
  const pageBox = h('div', { class: 'pagebox' }, img, overlay);
  const scroller = h('div', { class: 'scroller', 'data-testid': 'page-scroller', tabindex: 0, role: 'region', 'aria-label': t('review.page_area') }, pageBox);
  const pageLabel = h('span', { 'data-testid': 'page-label' });
  const prevBtn = h('button', { title: t('review.prev_page'), 'aria-label': t('review.prev_page'), 'data-testid': 'page-prev', onclick: () => showPage(pageNo - 1) }, '‹');
  const nextBtn = h('button', { title: t('review.next_page'), 'aria-label': t('review.next_page'), 'data-testid': 'page-next', onclick: () => showPage(pageNo + 1) }, '›');
  const zoomLabel = h('span', { class: 'muted', 'data-testid': 'zoom-label' }, '100 %');
  const setZoom = (z: number) => {
    zoom = Math.min(4, Math.max(0.5, Math.round(z * 100) / 100));
    pageBox.style.width = zoom * 100 + '%';
    zoomLabel.textContent = Math.round(zoom * 100) + ' %';
  };
  const toolbar = h('div', { class: 'toolbar' },
    prevBtn, pageLabel, nextBtn,
    h('span', { class: 'sep' }),
    h('button', { title: t('review.zoom_out'), 'aria-label': t('review.zoom_out'), 'data-testid': 'zoom-out', onclick: () => setZoom(zoom / 1.25) }, '−'),
    zoomLabel,
    h('button', { title: t('review.zoom_in'), 'aria-label': t('review.zoom_in'), 'data-testid': 'zoom-in', onclick: () => setZoom(zoom * 1.25) }, '+'),
    h('button', { 'data-testid': 'zoom-fit', title: t('review.zoom_fit_width'), onclick: () => setZoom(1) }, t('review.zoom_fit')),
    h('button', { 'data-testid': 'zoom-fit-page', title: t('review.zoom_fit_page.title'), onclick: () => fitPage() }, t('review.zoom_fit_page')),
    h('span', { class: 'sep' }),
    h('a', { href: api.originalUrl(id), 'data-testid': 'download-original' }, t('review.download')));
  const viewer = h('section', { class: 'viewer' }, toolbar, scroller);
  // Fit page: the whole page in the scroller's height (never wider than fit width).
  const fitPage = () => {
    const cs = getComputedStyle(scroller);
    const availW = scroller.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const availH = scroller.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    const size = pageSize(pageNo);
    if (availW <= 0 || availH <= 0) return;
    setZoom(Math.min(1, availH / (availW * (size.height / size.width))));
  };
  // Ctrl+wheel (and a trackpad's pinch) zooms around the pointer: the point under it stays under it.
  scroller.addEventListener('wheel', (e: WheelEvent) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    const before = pageBox.getBoundingClientRect();
    const fx = (e.clientX - before.left) / before.width;
    const fy = (e.clientY - before.top) / before.height;
    setZoom(zoom * Math.pow(1.0015, -e.deltaY));
    const after = pageBox.getBoundingClientRect();
    scroller.scrollLeft += after.left + fx * after.width - e.clientX;
    scroller.scrollTop += after.top + fy * after.height - e.clientY;
  }, { passive: false });

  const head = h('div', { class: 'dochead', 'data-testid': 'doc-head' }, h('p', { class: 'muted' }, t('review.loading')));
  const hint = h('p', { class: 'hint', 'data-testid': 'pick-hint' }, t('review.pick_hint'));
  const docFindings = h('div', { class: 'docfindings', 'data-testid': 'doc-findings' });
  const fieldsList = h('ol', { class: 'fields', 'data-testid': 'fields' });
  const linesBox = h('div', { class: 'lines', 'data-testid': 'lines' });
  const rejectBox = h('div', { class: 'rejectbox', hidden: true });
  const validateBtn = h('button', { class: 'primary', 'data-testid': 'validate', title: t('review.validate.hint'), onclick: () => validateAndNext() }, t('review.validate'));
  const rejectBtn = h('button', { class: 'danger', 'data-testid': 'reject', onclick: () => openReject() }, t('review.reject'));
  const actions = h('div', { class: 'actions' }, validateBtn, rejectBtn, h('span', { class: 'muted small' }, t('review.validate.hint')),
    h('span', { class: 'muted small', 'data-testid': 'next-doubt-hint' }, t('review.next_doubt')));
  // Validate and Reject are not shown to a role that may not review (viewers, integration).
  // A refused document has no page to show nor anything to validate: its cause is said in the panel.
  const showActions = () => {
    const refused = doc?.status === 'refused';
    actions.hidden = refused || (!!app.user && !may(app.user.role, 'review'));
    viewer.hidden = refused;
    hint.hidden = refused;
    el.classList.toggle('refused', refused);
  };
  app.session.then(showActions, () => undefined);
  // Why validation was refused (409 while an ERP finding blocks), beside the button that was pressed.
  const validateMsg = h('p', { class: 'error validatemsg', role: 'alert', 'data-testid': 'validate-error', hidden: true });
  // Refused because a required value is missing or invalid or a finding blocks: what stops it, and
  // validating anyway with a reason (kept in the history).
  const blockersBox = h('div', { class: 'blockersbox', 'data-testid': 'validate-blockers', hidden: true });
  // A new supplier's name, confirmed before its first validation teaches it (views/supplier_confirm.ts).
  const supplierBox = h('div', { 'data-testid': 'supplier-confirm-box', hidden: true });
  let supplierAsk: SupplierConfirmation | undefined;
  let supplierAskedFor = '';
  const supplierField = () => (app.schemas.find((x) => x.document_type === doc?.document_type) as { supplier_field?: string } | undefined)?.supplier_field ?? 'supplier_name';
  /** Shows the new supplier's name to confirm when validating would teach one (read once per name). */
  async function showSupplierConfirmation() {
    const d = doc;
    const read = d ? supplierNameValue(d, supplierField()) : '';
    const editable = !!d && canEdit() && d.status !== 'validated' && (!app.user || may(app.user.role, 'review'));
    if (!d || !read || !editable || !(d.supplier && typeof d.supplier === 'object' && d.supplier.known === false)) {
      supplierAsk = undefined; supplierAskedFor = ''; supplierBox.hidden = true; return;
    }
    if (supplierAskedFor === read) return;
    supplierAskedFor = read;
    const known = await listSuppliers().then((r) => r.suppliers, () => undefined);
    if (doc !== d || !known || !isNewSupplier(d, known, supplierField())) { if (doc === d) { supplierAsk = undefined; supplierBox.hidden = true; } return; }
    supplierAsk = supplierConfirmation(read);
    supplierBox.replaceChildren(supplierAsk.el);
    supplierBox.hidden = false;
  }
  const footer = h('div', { class: 'panelfoot' }, validateMsg, blockersBox, supplierBox, actions, rejectBox);
  const orders = ordersPanel((line) => {
    const input = panel.querySelector<HTMLInputElement>(`[data-testid^="line-cell-${line}-"]`);
    input?.scrollIntoView({ block: 'nearest' });
    input?.focus();
  });
  let ordersData: DocumentOrders | undefined;
  // Once accepted: the goods receipt and lots, and where the document was exported.
  const receipt = receiptPanel(id);
  const exportsBox = exportsPanel(app, id);
  let ordersAsked = 0;
  const historyList = h('ol', { class: 'history', 'data-testid': 'history-list' });
  const history = h('details', { class: 'historybox', 'data-testid': 'history' }, h('summary', null, t('review.history')), historyList);
  history.addEventListener('toggle', () => { if (history.open) loadHistory(); });
  const panel = h('aside', { class: 'panel', 'data-testid': 'fields-panel' },
    head, docFindings, hint,
    h('h2', null, t('review.fields')), fieldsList,
    h('h2', null, t('review.lines')), linesBox,
    orders.el,
    receipt.el, exportsBox.el,
    footer, history);
  const el = h('main', { class: 'review', 'data-testid': 'review-view', 'data-doc-id': id }, viewer, panel);

  // --- loading: document JSON, page image and words in parallel
  const imageReady = new Promise<void>((resolve) => {
    const done = () => { img.removeEventListener('load', onLoad); img.removeEventListener('error', onError); resolve(); };
    const onLoad = () => { (img.decode ? img.decode().catch(() => undefined) : Promise.resolve()).then(done); };
    const onError = () => done();
    if (boot && img.complete) { onLoad(); return; }
    img.addEventListener('load', onLoad);
    img.addEventListener('error', onError);
  });
  if (!boot) img.src = api.pageImageUrl(id, 1);
  const docReady = boot ? boot.doc.then((res) => api.readResponse<Doc>(res)) : api.getDocument(id);
  loadWords(1);
  loadOrders();
  docReady.then((d) => {
    if (stopped) return;
    doc = d;
    renderAll(true);
    return imageReady.then(() => {
      if (stopped) return;
      performance.mark('quai:review-ready', { detail: { id, ms: performance.now() - started } });
      el.dataset.ready = 'true';
      prefetchNext();
    });
  }).catch((e: api.ApiError) => {
    if (stopped) return;
    if (e.status === 401) return; // the login screen takes over
    clear(head);
    head.append(h('p', { class: 'error', 'data-testid': 'review-error' }, e.status === 404 ? t('review.not_found') : t('error.generic', { message: e.message })));
  });

  // --- the ERP orders: asked with the document (never holding it up) and again after each change
  function loadOrders() {
    const asked = ++ordersAsked;
    if (!ordersData) orders.loading();
    api.getOrders(id).then((o) => {
      if (stopped || asked !== ordersAsked) return;
      ordersData = o;
      renderOrders();
    }).catch((e: api.ApiError) => {
      if (stopped || asked !== ordersAsked) return;
      ordersData = undefined;
      // A viewer may not see orders (403), a server before the ERP has no such route (404).
      if (e.status === 403 || e.status === 404 || e.status === 401) orders.hide(); else orders.failed(e);
    });
  }
  function renderOrders() {
    if (!ordersData) return;
    if (!doc) { orders.loading(); return; }
    if (showOrders(ordersData, doc.findings)) orders.show(ordersData, doc.document_type); else orders.hide();
  }

  function loadReceiving() {
    if (!doc || doc.status === 'received' || doc.status === 'refused') return;
    receipt.load();
    exportsBox.load();
  }

  async function overrideFinding(f: Finding, reason: string) {
    await inflight;
    try {
      doc = await api.overrideFinding(id, f.code, f.field ?? '', reason);
    } catch (e) {
      const err = e as api.ApiError;
      throw new Error(err.status === 403 && err.code === 'forbidden' ? t('error.forbidden') : err.message);
    }
    if (stopped) return;
    validateMsg.hidden = true;
    blockersBox.hidden = true;
    renderAll(false);
    loadHistoryIfOpen();
    loadOrders();
    app.toast(t('finding.override.done', { title: findingTitle(f.code) || f.message }));
    // Next for the keyboard: the next finding that blocks, else the Validate button.
    const next = panel.querySelector<HTMLButtonElement>('[data-testid="finding-override"]');
    (next ?? validateBtn).focus({ preventScroll: true });
  }

  function loadWords(n: number): Promise<PageWords | undefined> {
    if (!words.has(n)) words.set(n, api.getWords(id, n).catch(() => undefined));
    return words.get(n)!;
  }

  function pageSize(n: number): PageSize {
    const ps = doc?.page_sizes?.[n - 1];
    if (ps && ps.width && ps.height) return ps;
    if (img.naturalWidth) return { width: img.naturalWidth * 72 / 150, height: img.naturalHeight * 72 / 150 };
    return { width: 595, height: 842 };
  }

  function schema() { return doc ? schemaFor(app.schemas, doc.document_type) : undefined; }
  function canEdit() { return !!doc && EDITABLE.has(doc.status) && app.user?.role !== 'viewer'; }
  function fieldOf(tg: Target): FieldValue | undefined {
    if (!doc) return undefined;
    return tg.kind === 'field' ? doc.fields?.[tg.name] : doc.lines?.[tg.line]?.[tg.name];
  }

  // --- rendering
  function renderAll(reorder: boolean) {
    if (!doc) return;
    if (reorder || order.length === 0) order = orderFields(doc, schema()).map((r) => r.name);
    renderHead();
    renderPanel();
    renderOrders();
    loadReceiving();
    showPage(Math.min(Math.max(1, pageNo), Math.max(1, doc.pages || 1)), true);
    showSupplierConfirmation();
    if (doc.status === 'received' && !pollTimer) pollTimer = window.setTimeout(pollReceived, 1000);
  }

  async function pollReceived() {
    pollTimer = undefined;
    if (stopped) return;
    try {
      const d = await api.getDocument(id);
      if (stopped) return;
      const wasReceived = doc?.status === 'received';
      doc = d;
      if (d.status !== 'received' && wasReceived) { words.clear(); img.src = api.pageImageUrl(id, pageNo) + '?v=1'; renderAll(true); loadOrders(); return; }
    } catch { /* keep polling */ }
    if (!stopped) pollTimer = window.setTimeout(pollReceived, 1000);
  }

  function renderHead() {
    if (!doc) return;
    const d = doc;
    const typeSelect = h('select', { 'data-testid': 'doc-type', 'aria-label': t('review.type'), disabled: !canEdit() },
      [...new Set([...app.schemas.map((x) => x.document_type), d.document_type])].filter(Boolean).map((ty) =>
        h('option', { value: ty, selected: ty === d.document_type }, typeLabel(ty))));
    typeSelect.addEventListener('change', async () => {
      try { doc = await api.changeType(id, typeSelect.value); renderAll(true); loadHistoryIfOpen(); loadOrders(); } catch (e) { failed(e); renderHead(); }
    });
    head.replaceChildren(...[
      h('h1', { class: 'file', title: d.file, 'data-testid': 'doc-file' }, d.file),
      h('p', { class: 'origin muted small', 'data-testid': 'doc-origin', 'data-source': d.source ?? 'upload' }, originText(d)),
      h('div', { class: 'meta' },
        typeSelect,
        statusBadge(d.status),
        h('span', { class: 'muted' }, supplierName(d)),
        d.supplier && typeof d.supplier === 'object' && d.supplier.known === false && supplierName(d)
          ? h('span', { class: 'badge newsupplier', 'data-testid': 'supplier-new-badge' }, t('suppliers.new_badge')) : null),
      (d.reasons ?? d.review_reasons ?? []).length && d.status === 'needs_review'
        ? h('details', { class: 'reasons', 'data-testid': 'doc-reasons' },
          h('summary', null, t('review.why', { n: d.reason_codes ? d.reason_codes.length : (d.reasons ?? d.review_reasons ?? []).length })),
          d.reason_codes ? reasonList(d.reason_codes) : h('ul', null, (d.reasons ?? d.review_reasons ?? []).map((r) => h('li', null, r)))) : null,
      d.status === 'received' ? h('p', { class: 'notice' }, t('review.not_read')) : null,
      d.status === 'refused' ? h('div', { class: 'refusal', 'data-testid': 'refusal', 'data-cause': refusalCause(errorText(d.error)) },
        h('p', { class: 'error' }, t('review.refused', { message: t(('refused.cause.' + refusalCause(errorText(d.error))) as 'refused.cause.other') })),
        h('p', { class: 'muted small' }, t('refused.detail', { message: errorText(d.error) })),
        refusedActions(app, d, {
          readAgain: (again) => { doc = again; renderAll(true); },
          deleted: () => app.go('#/refused'),
        })) : null,
      d.validated_by ? h('p', { class: 'muted small' }, t('review.validated_by', { user: d.validated_by, at: formatDateTime(d.validated_at) })) : null,
      d.rejected_reason ? h('p', { class: 'error small' }, t('review.rejected_reason', { reason: d.rejected_reason })) : null,
    ].filter((x) => !!x) as HTMLElement[]);
    const unplaced = (d.findings ?? []).filter((f) => !f.field || !isShown(f.field));
    docFindings.replaceChildren(unplaced.length
      ? h('div', { class: 'findings sev-' + (worstSeverity(unplaced) ?? 'none') },
        h('h2', null, t('review.document_findings')),
        findingList(unplaced, findingActions, { where: whereOf })) : '');
    showActions();
    validateBtn.disabled = !canEdit() || d.status === 'validated';
    rejectBtn.disabled = !canEdit() || d.status === 'rejected';
  }

  function isShown(path: string) {
    if (!doc) return false;
    const m = /^lines\[(\d+)\]/.exec(path);
    if (m) return Number(m[1]) < (doc.lines?.length ?? 0);
    return order.includes(path);
  }

  const findingActions: FindingActions = {
    get mayOverride() { return canEdit(); },
    override: (f, reason) => overrideFinding(f, reason),
  };
  /** "Quantity (line 1)" for a finding's field path, "" for the whole document. */
  function whereOf(path: string | undefined) {
    if (!path) return '';
    const m = /^lines\[(\d+)\](?:\.(.+))?$/.exec(path);
    if (m) return m[2] ? labelOf({ kind: 'line', line: Number(m[1]), name: m[2] }) : t('review.line_n', { n: Number(m[1]) + 1 });
    return fieldLabel(path);
  }

  function fieldInput(tg: Target, value: string | null | undefined, extra: Record<string, unknown>) {
    const key = keyOf(tg);
    confirmed.set(key, value ?? '');
    const pending = unsaved.get(key);
    saved.set(key, pending ? pending.value : value ?? '');
    const input = h('input', {
      type: 'text', value: pending ? pending.value : value ?? '', 'data-key': key, spellcheck: 'false', autocomplete: 'off',
      disabled: !canEdit(), 'aria-label': labelOf(tg), ...extra,
    });
    if (pending) queueMicrotask(() => markUnsaved(key, true));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); saveInput(input); }
      else if (e.key === 'Escape') {
        e.preventDefault();
        // Back to the value last saved: what is typed (or waiting to be sent) is dropped, and
        // leaving the field then saves nothing.
        const last = confirmed.get(key) ?? '';
        if (input.value !== last || unsaved.has(key)) {
          input.value = last;
          saved.set(key, last);
          unsaved.delete(key);
          markUnsaved(key, false);
          input.classList.remove('invalid');
        } else { setActive(undefined); input.blur(); }
      }
    });
    input.addEventListener('change', () => saveInput(input));
    return input;
  }

  function renderPanel() {
    if (!doc) return;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.key;
    const rows = orderFields(doc, schema());
    const byName = new Map(rows.map((r) => [r.name, r]));
    const names = [...order.filter((n) => byName.has(n)), ...rows.map((r) => r.name).filter((n) => !order.includes(n))];
    fieldsList.replaceChildren(...names.map((name) => {
      const r = byName.get(name)!;
      const tg: Target = { kind: 'field', name };
      const level = confidenceLevel(r.field, r.threshold);
      const conf = r.field?.confidence;
      const severity = worstSeverity(r.findings);
      return h('li', {
        class: `field level-${level}` + (severity ? ' sev-' + severity : '') + (active && keyOf(active) === keyOf(tg) ? ' active' : ''),
        'data-testid': 'field-' + name, 'data-field': name, 'data-level': level, 'data-severity': severity,
      },
      h('label', { class: 'name' }, fieldLabel(name),
        r.required ? h('span', { class: 'req', title: t('review.required') }, '*') : null),
      fieldInput(tg, r.field?.value, { 'data-testid': 'field-input-' + name, ...markerAttrs(r.findings) }),
      h('div', { class: 'info' },
        h('span', { class: 'conf level-' + level, 'data-testid': 'field-confidence' },
          level === 'missing' ? t('review.missing')
            : r.field?.corrected ? t('review.corrected')
              : t('review.confidence', { pct: Math.round((conf ?? 0) * 100) })),
        r.field?.evidence ? h('span', { class: 'evidence', title: t('review.evidence') }, r.field.evidence) : null),
      r.findings.length ? findingList(r.findings, findingActions) : null);
    }));
    renderLines();
    if (focused) {
      const again = panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(focused)}"]`);
      if (again && document.activeElement !== again) again.focus({ preventScroll: true });
    }
  }

  function renderLines() {
    if (!doc) return;
    const cols = lineColumns(doc, schema());
    const byField = findingsByField(doc.findings);
    const sc = schema();
    if (!cols.length && !(doc.lines?.length)) { linesBox.replaceChildren(h('p', { class: 'muted' }, t('review.no_lines'))); return; }
    const table = h('table', { class: 'linetable', 'data-testid': 'line-table' },
      h('thead', null, h('tr', null, h('th', { class: 'num' }, '#'), cols.map((c) => h('th', { 'data-col': c, scope: 'col' }, h('span', { class: 'colname', title: fieldLabel(c) }, fieldLabel(c)))), h('th', null, h('span', { class: 'visually-hidden' }, t('sources.col.actions'))))),
      h('tbody', null, (doc.lines ?? []).map((line, i) => {
        const rowFindings = byField.get(`lines[${i}]`) ?? [];
        // Every finding about this line, its cells' included: listed in a row under it.
        const lineFindings = [...byField.entries()].filter(([k]) => k === `lines[${i}]` || k.startsWith(`lines[${i}].`)).flatMap(([, v]) => v);
        const rowSeverity = worstSeverity(rowFindings);
        const row = h('tr', {
          'data-testid': 'line-row', 'data-line': i, 'data-severity': rowSeverity,
          class: rowSeverity ? 'flag sev-' + rowSeverity : '',
        },
        h('td', { class: 'num', title: rowFindings.map(findingText).join('\n') || undefined }, i + 1),
        cols.map((c) => {
          const tg: Target = { kind: 'line', line: i, name: c };
          const f = line[c];
          const threshold = sc?.lines.find((x) => x.name === c)?.auto_accept ?? 0.9;
          const level = confidenceLevel(f, threshold);
          const cf = byField.get(`lines[${i}].${c}`) ?? [];
          const severity = worstSeverity(cf);
          return h('td', {
            class: `level-${level}` + (severity ? ' flag sev-' + severity : '') + (active && keyOf(active) === keyOf(tg) ? ' active' : ''),
            'data-testid': `line-td-${i}-${c}`, 'data-severity': severity,
            title: [f?.confidence !== undefined && !f.corrected ? t('review.confidence', { pct: Math.round(f.confidence * 100) }) : '', ...cf.map(findingText)].filter(Boolean).join('\n') || undefined,
          }, fieldInput(tg, f?.value, { 'data-testid': `line-cell-${i}-${c}`, size: 8, ...markerAttrs(cf) }));
        }),
        h('td', null, h('button', {
          class: 'icon', title: t('review.remove_line', { n: i + 1 }), 'aria-label': t('review.remove_line', { n: i + 1 }),
          'data-testid': 'line-remove', disabled: !canEdit(),
          onclick: () => change(() => api.removeLine(id, i)),
        }, '×')));
        if (!lineFindings.length) return row;
        return [row, h('tr', { class: 'findingrow', 'data-testid': 'line-findings', 'data-line': i },
          h('td', { colspan: cols.length + 2 }, findingList(lineFindings, findingActions, { where: whereOf })))];
      })));
    resizableColumns(table, colWidths);
    spreadsheetKeys(table);
    linesBox.replaceChildren(
      h('div', { class: 'tablewrap' }, table), gridHint(),
      h('button', { 'data-testid': 'line-add', disabled: !canEdit(), onclick: () => change(() => api.addLine(id, {}), true) }, t('review.add_line')));
  }

  function drawBoxes() {
    clear(gBoxes);
    if (!doc) return;
    const sc = schema();
    const add = (tg: Target, f: FieldValue | undefined, threshold: number) => {
      if (!f?.box || (f.page ?? 1) !== pageNo) return;
      const [x0, y0, x1, y1] = f.box;
      const level = confidenceLevel(f, threshold);
      const r = s('rect', {
        x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0),
        class: `box level-${level}` + (tg.kind === 'line' ? ' line' : '') + (active && keyOf(active) === keyOf(tg) ? ' active' : ''),
        'data-key': keyOf(tg), 'data-testid': 'value-box',
      });
      const title = s('title');
      title.textContent = `${labelOf(tg)}: ${f.value ?? ''}`;
      r.appendChild(title);
      gBoxes.appendChild(r);
    };
    for (const [name, f] of Object.entries(doc.fields ?? {})) add({ kind: 'field', name }, f, sc?.fields.find((x) => x.name === name)?.auto_accept ?? 0.9);
    (doc.lines ?? []).forEach((line, i) => {
      for (const [name, f] of Object.entries(line)) add({ kind: 'line', line: i, name }, f, sc?.lines.find((x) => x.name === name)?.auto_accept ?? 0.9);
    });
  }

  function drawWords(n: number, pw: PageWords | undefined) {
    if (n !== pageNo) return;
    clear(gWords);
    pageWords = pw?.words ?? [];
    const frag = document.createDocumentFragment();
    for (const w of pageWords) {
      const [x0, y0, x1, y1] = w.box;
      const r = s('rect', { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0), class: 'word', 'data-testid': 'word', 'data-text': w.text });
      frag.appendChild(r);
    }
    gWords.appendChild(frag);
  }

  function showPage(n: number, force = false) {
    if (!doc) return;
    const total = Math.max(1, doc.pages || 1);
    n = Math.min(Math.max(1, n), total);
    const changed = n !== pageNo;
    pageNo = n;
    if (changed) img.src = api.pageImageUrl(id, n);
    const ps = pageSize(n);
    overlay.setAttribute('viewBox', `0 0 ${ps.width} ${ps.height}`);
    pageBox.style.aspectRatio = `${ps.width} / ${ps.height}`;
    pageLabel.textContent = t('review.page', { n, total });
    prevBtn.disabled = n <= 1;
    nextBtn.disabled = n >= total;
    drawBoxes();
    if (changed || force) {
      clear(gWords);
      loadWords(n).then((pw) => drawWords(n, pw));
      if (n < total) loadWords(n + 1);
    }
  }

  // --- picking: click a field, then a word (or drag a box) on the page
  function setActive(tg: Target | undefined) {
    active = tg;
    panel.querySelectorAll('.active').forEach((e) => e.classList.remove('active'));
    gBoxes.querySelectorAll('.active').forEach((e) => e.classList.remove('active'));
    overlay.classList.toggle('picking', !!tg);
    hint.textContent = tg ? t('review.picking', { field: labelOf(tg) }) : t('review.pick_hint');
    if (!tg) return;
    const key = keyOf(tg);
    const input = panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(key)}"]`);
    (input?.closest('li, td'))?.classList.add('active');
    const f = fieldOf(tg);
    if (f?.box && f.page && f.page !== pageNo) showPage(f.page);
    const box = gBoxes.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (box) box.classList.add('active');
    if (f?.box && (f.page ?? 1) === pageNo) showValueBox(f.box);
  }

  // Zoom to the focused value: its box grows to a readable size (never zooming out) and is
  // brought into the middle of the page area when it is not in view.
  const READABLE_PX = 10, TARGET_PX = 16;
  function showValueBox(b: Box) {
    const ps = pageSize(pageNo);
    const scale = () => pageBox.getBoundingClientRect().width / ps.width;
    const tall = (b[3] - b[1]) * scale();
    if (tall > 0 && tall < READABLE_PX) setZoom(Math.min(4, zoom * TARGET_PX / tall));
    const k = scale();
    const pb = pageBox.getBoundingClientRect(), sc = scroller.getBoundingClientRect();
    const left = pb.left + b[0] * k, right = pb.left + b[2] * k, top = pb.top + b[1] * k, bottom = pb.top + b[3] * k;
    if (left < sc.left || right > sc.left + scroller.clientWidth) scroller.scrollLeft += (left + right) / 2 - (sc.left + scroller.clientWidth / 2);
    if (top < sc.top || bottom > sc.top + scroller.clientHeight) scroller.scrollTop += (top + bottom) / 2 - (sc.top + scroller.clientHeight / 2);
  }

  panel.addEventListener('focusin', (e) => {
    const key = (e.target as HTMLElement).dataset?.key;
    const tg = key ? targetOf(key) : undefined;
    if (tg && (!active || keyOf(active) !== key)) setActive(tg);
  });

  let drag: { x: number; y: number; px: number; py: number; moved: boolean } | undefined;
  const toPoints = (e: MouseEvent) => clientToPoints(e.clientX, e.clientY, overlay.getBoundingClientRect(), pageSize(pageNo));
  overlay.addEventListener('mousedown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault(); // keep the focus in the field being filled
    const [px, py] = toPoints(e);
    drag = { x: e.clientX, y: e.clientY, px, py, moved: false };
  });
  window.addEventListener('mousemove', onMove);
  window.addEventListener('mouseup', onUp);
  function onMove(e: MouseEvent) {
    if (!drag) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < DRAG_PX) return;
    drag.moved = true;
    const [px, py] = toPoints(e);
    const r = normaliseRect(drag.px, drag.py, px, py);
    dragRect.setAttribute('x', String(r[0])); dragRect.setAttribute('y', String(r[1]));
    dragRect.setAttribute('width', String(r[2] - r[0])); dragRect.setAttribute('height', String(r[3] - r[1]));
    dragRect.setAttribute('visibility', 'visible');
    gWords.querySelectorAll('.picked').forEach((x) => x.classList.remove('picked'));
    for (const w of dropSpecks(wordsInRect(pageWords, r))) gWords.querySelector(`[data-text="${CSS.escape(w.text)}"]`)?.classList.add('picked');
  }
  function onUp(e: MouseEvent) {
    if (!drag) return;
    const d = drag;
    drag = undefined;
    dragRect.setAttribute('visibility', 'hidden');
    gWords.querySelectorAll('.picked').forEach((x) => x.classList.remove('picked'));
    const [px, py] = toPoints(e);
    if (d.moved) {
      const picked = joinWords(dropSpecks(wordsInRect(pageWords, normaliseRect(d.px, d.py, px, py))));
      if (picked && active) fill(active, picked.text, picked.box);
      return;
    }
    const w = wordAt(pageWords, px, py);
    if (active && w && e.shiftKey) {
      // Shift-click: the word is added to the value being filled (its box grows to hold it).
      const tg = active;
      const f = fieldOf(tg);
      const input = panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(keyOf(tg))}"]`);
      const current = input?.value ?? f?.value ?? '';
      const added = addWord({ text: current, box: f?.box && (f.page ?? 1) === pageNo && current === (f.value ?? '') ? f.box : undefined }, w);
      fill(tg, added.text, added.box);
      return;
    }
    if (active && w) { fill(active, w.text, w.box); return; }
    // No field chosen yet: a click on a value's box chooses that field.
    const hit = [...gBoxes.querySelectorAll<SVGRectElement>('rect')].reverse().find((r) => {
      const x = +r.getAttribute('x')!, y = +r.getAttribute('y')!, wd = +r.getAttribute('width')!, ht = +r.getAttribute('height')!;
      return px >= x && px <= x + wd && py >= y && py <= y + ht;
    });
    const tg = hit ? targetOf(hit.dataset.key ?? '') : undefined;
    if (tg) panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(keyOf(tg))}"]`)?.focus();
  }

  // --- saving
  async function fill(tg: Target, text: string, box: Box) {
    if (!canEdit()) return;
    const input = panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(keyOf(tg))}"]`);
    if (input) input.value = text;
    await save(tg, text, { page: pageNo, box });
  }

  function saveInput(input: HTMLInputElement) {
    const key = input.dataset.key!;
    const tg = targetOf(key);
    if (!tg || input.value === saved.get(key)) return Promise.resolve();
    return save(tg, input.value);
  }

  /** Marks a field's editor "not saved" (or clears the mark). */
  function markUnsaved(key: string, on: boolean) {
    const input = panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(key)}"]`);
    if (!input) return;
    const holder = input.closest('li, td') ?? input.parentElement!;
    input.classList.toggle('unsaved', on);
    if (on) input.dataset.unsaved = 'true'; else delete input.dataset.unsaved;
    holder.querySelector(':scope > .unsaved-badge')?.remove();
    if (on) holder.append(h('span', { class: 'unsaved-badge', 'data-testid': 'unsaved-badge', role: 'status', title: t('review.unsaved.hint') }, t('review.unsaved')));
  }

  function scheduleRetry() {
    if (retryTimer !== undefined || stopped) return;
    retryTimer = window.setTimeout(retryUnsaved, 1500);
  }
  async function retryUnsaved() {
    retryTimer = undefined;
    if (stopped) return;
    for (const [, u] of [...unsaved]) await save(u.tg, u.value, u.where, true);
    if (unsaved.size) scheduleRetry();
  }

  let inflight: Promise<unknown> = Promise.resolve();
  function save(tg: Target, value: string, where: api.Pointed = {}, retrying = false) {
    const key = keyOf(tg);
    saved.set(key, value);
    const v = value.trim() === '' ? null : value.trim();
    const p = inflight.then(async () => {
      if (retrying && unsaved.get(key)?.value !== value) return; // Escaped or typed again meanwhile
      try {
        doc = tg.kind === 'field' ? await api.putField(id, tg.name, v, where) : await api.putLineField(id, tg.line, tg.name, v, where);
        const wasUnsaved = unsaved.delete(key);
        if (stopped) return;
        renderHead(); renderPanel(); drawBoxes();
        if (active) setActive(active);
        validateMsg.hidden = true;
        loadOrders();
        if (doc.status === 'validated' || doc.status === 'auto_accepted') loadReceiving();
        if (wasUnsaved && !unsaved.size && offlineSaid) { offlineSaid = false; app.toast(t('review.unsaved.saved_now')); }
        else app.toast(t('review.saved', { field: labelOf(tg) }));
        loadHistoryIfOpen();
      } catch (e) {
        if (api.isUnreachable(e)) {
          // Kept, marked, and sent again when the server is back.
          unsaved.set(key, { tg, value, where });
          if (stopped) return;
          markUnsaved(key, true);
          if (!offlineSaid) { offlineSaid = true; app.toast(t('review.unsaved.offline'), 'error'); }
          scheduleRetry();
          return;
        }
        saved.set(key, confirmed.get(key) ?? '');
        unsaved.delete(key);
        markUnsaved(key, false);
        const input = panel.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(key)}"]`);
        input?.classList.add('invalid');
        failed(e, 'review.save_failed');
      }
    });
    inflight = p.catch(() => undefined);
    return p;
  }

  async function change(call: () => Promise<Doc>, focusNewLine = false) {
    await inflight;
    try {
      doc = await call();
      validateMsg.hidden = true;
      renderAll(false);
      loadHistoryIfOpen();
      loadOrders();
      if (focusNewLine && doc.lines?.length) panel.querySelector<HTMLInputElement>(`[data-testid^="line-cell-${doc.lines.length - 1}-"]`)?.focus();
    } catch (e) { failed(e); }
  }

  function failed(e: unknown, key: 'review.save_failed' | 'error.generic' = 'error.generic') {
    const err = e as api.ApiError;
    if (api.isUnreachable(e)) { app.toast(t('review.unreachable'), 'error'); return; }
    app.toast(err.status === 403 && err.code === 'forbidden' ? t('error.forbidden') : t(key, { message: err.message }), 'error');
  }

  async function saveDirty() {
    const dirty = [...panel.querySelectorAll<HTMLInputElement>('input[data-key]')].filter((i) => i.value !== saved.get(i.dataset.key!));
    for (const i of dirty) await saveInput(i);
    await inflight;
  }

  async function validateAndNext(overrideReason?: string) {
    if (!doc || !canEdit() || doc.status === 'validated') return;
    validateBtn.disabled = true;
    validateMsg.hidden = true;
    try {
      await saveDirty();
      if (unsaved.size) {
        // Never validate values the server has not got.
        validateBtn.disabled = false;
        validateMsg.textContent = t('review.unsaved.validate', { n: unsaved.size });
        validateMsg.hidden = false;
        return;
      }
      if (!(await confirmNewSupplier())) { validateBtn.disabled = false; return; }
      doc = await api.validate(id, overrideReason);
      blockersBox.hidden = true;
      app.toast(t('review.validated', { id }));
      await openNext();
    } catch (e) {
      validateBtn.disabled = false;
      const err = e as api.ApiError;
      if (err.status !== 409) { failed(e); return; }
      const blockers: { code: string; field?: string }[] = Array.isArray(err.body?.blockers) ? err.body.blockers : [];
      if (blockers.length) { showBlockers(blockers); return; }
      // Refused while a finding blocks: say why beside the button, and show the first one to lift.
      validateMsg.textContent = t('review.validate_refused', { message: err.message });
      validateMsg.hidden = false;
      panel.querySelector('[data-testid="finding-override"]')?.closest('li')?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** The new supplier's name as confirmed, written to the document first when the person changed it; false when it is empty. */
  async function confirmNewSupplier(): Promise<boolean> {
    if (!doc) return true;
    const shownBefore = supplierAsk && !supplierBox.hidden ? supplierAskedFor : '';
    await showSupplierConfirmation(); // the name may have been changed since the panel was drawn
    if (!supplierAsk || supplierBox.hidden) return true;
    const read = supplierNameValue(doc, supplierField());
    // Shown only now for a name with specks: the person sees what will be learned first.
    if (shownBefore !== supplierAskedFor && cleanSupplierName(read) !== read) { supplierBox.scrollIntoView({ block: 'nearest' }); return false; }
    const name = supplierAsk.name();
    if (name === undefined) return false;
    const field = supplierField();
    if (name !== supplierNameValue(doc, field)) { doc = await api.putField(id, field, name); supplierAskedFor = name; }
    return true;
  }

  /** Why validation was refused, in words, with "validate anyway" behind a reason. */
  function showBlockers(blockers: { code: string; field?: string }[]) {
    const reason = h('textarea', { rows: 2, 'data-testid': 'validate-override-reason', 'aria-label': t('review.blocked.reason'), placeholder: t('review.blocked.reason') });
    const need = h('p', { class: 'error small', hidden: true, 'data-testid': 'validate-override-need' }, t('review.blocked.need_reason'));
    const confirm = async () => {
      if (!reason.value.trim()) { need.hidden = false; reason.focus(); return; }
      await validateAndNext(reason.value.trim());
    };
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); e.stopPropagation(); confirm(); }
      else if (e.key === 'Escape') { e.preventDefault(); blockersBox.hidden = true; validateBtn.focus(); }
    });
    // Why, in words, beside the button (the server's message is only the detail).
    validateMsg.textContent = t('review.blocked.title', { n: blockers.length });
    validateMsg.hidden = false;
    blockersBox.replaceChildren(
      h('ul', { 'data-testid': 'validate-blocker-list' }, blockers.map((b) => h('li', { 'data-testid': 'validate-blocker', 'data-code': b.code, 'data-field': b.field ?? '' },
        (findingTitle(b.code) || b.code) + (b.field ? ' — ' + whereOf(b.field) : '')))),
      h('label', null, t('review.blocked.reason'), reason), need,
      h('div', { class: 'actions' },
        h('button', { class: 'primary', 'data-testid': 'validate-override', onclick: confirm }, t('review.blocked.confirm')),
        h('button', { 'data-testid': 'validate-override-cancel', onclick: () => { blockersBox.hidden = true; } }, t('review.reject.cancel'))));
    blockersBox.hidden = false;
    blockersBox.scrollIntoView({ block: 'nearest' });
    reason.focus();
  }

  async function openNext() {
    try {
      const q = await api.reviewQueue(5, 0);
      const next = q.documents.find((d) => d.id !== id);
      if (next) { app.go('#/doc/' + next.id); return; }
      app.toast(t('review.no_next'));
    } catch { /* fall through to the queue */ }
    app.go('#/queue');
  }

  function openReject() {
    const reason = h('textarea', { rows: 2, 'data-testid': 'reject-reason', 'aria-label': t('review.reject.reason'), placeholder: t('review.reject.reason') });
    const msg = h('p', { class: 'error small', hidden: true }, t('review.reject.need_reason'));
    rejectBox.replaceChildren(
      h('label', null, t('review.reject.reason'), reason), msg,
      h('div', { class: 'actions' },
        h('button', {
          class: 'danger', 'data-testid': 'reject-confirm',
          onclick: async () => {
            if (!reason.value.trim()) { msg.hidden = false; reason.focus(); return; }
            try {
              await saveDirty();
              doc = await api.reject(id, reason.value.trim());
              app.toast(t('review.rejected', { id }));
              await openNext();
            } catch (e) { failed(e); }
          },
        }, t('review.reject.confirm')),
        h('button', { onclick: () => { rejectBox.hidden = true; } }, t('review.reject.cancel'))));
    rejectBox.hidden = false;
    reason.focus();
  }

  // --- history
  function loadHistoryIfOpen() { if (history.open) loadHistory(); }
  async function loadHistory() {
    try {
      const { events } = await api.getEvents(id);
      if (stopped) return;
      historyList.replaceChildren(...(events.length ? events.map(eventItem) : [h('li', { class: 'muted' }, t('event.empty'))]));
    } catch (e) { failed(e); }
  }
  const show = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
  function eventItem(ev: ReviewEvent) {
    return h('li', { 'data-testid': 'event', 'data-action': ev.action },
      h('span', { class: 'muted small' }, formatDateTime(ev.at)), ' ',
      h('strong', null, ev.user), ' ', eventLabel(ev.action),
      ev.field ? [' ', h('code', null, ev.field)] : null,
      ev.before !== undefined || ev.after !== undefined
        ? (ev.action.endsWith('corrected') || ev.action === 'type_changed' ? [': ', h('del', null, show(ev.before)), ' → ', h('ins', null, show(ev.after))] : null) : null,
      ev.reason ? [' — ', ev.reason] : null);
  }

  // --- keyboard: Ctrl+Enter validates and opens the next; PageUp/PageDown turn pages
  /** The editors of values the decision doubts (or missing), in the panel's order. */
  function doubtfulInputs() {
    return [...panel.querySelectorAll<HTMLInputElement>('input[data-key]')].filter((i) => {
      const holder = i.closest('li, td');
      return !!holder && /\blevel-(low|mid|missing)\b/.test(holder.className) && !i.disabled;
    });
  }
  function nextDoubt(step: 1 | -1) {
    const list = doubtfulInputs();
    if (!list.length) { validateBtn.focus(); return; }
    const at = list.indexOf(document.activeElement as HTMLInputElement);
    const next = list[at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length];
    next.focus();
    next.select();
  }

  async function confirmValue(input: HTMLInputElement) {
    const key = input.dataset.key!;
    const tg = targetOf(key);
    if (!tg || !canEdit() || input.value !== (confirmed.get(key) ?? '') || !input.value) return; // an edit: Enter saves it
    const path = tg.kind === 'field' ? tg.name : `lines[${tg.line}].${tg.name}`;
    await inflight;
    try {
      doc = await api.confirmValue(id, path);
      if (stopped) return;
      renderHead(); renderPanel(); drawBoxes();
      app.toast(t('review.confirmed', { field: labelOf(tg) }));
      loadHistoryIfOpen();
      const list = doubtfulInputs();
      (list[0] ?? validateBtn).focus();
      if (list[0]) list[0].select();
    } catch (e) { failed(e); }
  }

  function onKey(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); validateAndNext(); return; }
    // Alt+Enter in a value in doubt: it is right as read; then on to the next one.
    if (e.altKey && e.key === 'Enter') {
      const input = e.target as HTMLInputElement;
      if (input?.dataset?.key) { e.preventDefault(); confirmValue(input); }
      return;
    }
    // Alt+↓ / Alt+↑: the next (previous) value to check, from anywhere, the fields included.
    if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) { e.preventDefault(); nextDoubt(e.key === 'ArrowDown' ? 1 : -1); return; }
    const inField = (e.target as HTMLElement)?.tagName === 'INPUT' || (e.target as HTMLElement)?.tagName === 'TEXTAREA';
    if (inField) return;
    if (e.key === 'PageDown') { e.preventDefault(); showPage(pageNo + 1); }
    else if (e.key === 'PageUp') { e.preventDefault(); showPage(pageNo - 1); }
    else if (e.key === '+') setZoom(zoom * 1.25);
    else if (e.key === '-') setZoom(zoom / 1.25);
  }
  window.addEventListener('keydown', onKey);

  // Warm the next document of the queue so that "validate and next" opens at once.
  function prefetchNext() {
    api.reviewQueue(3, 0).then((q) => {
      const next = q.documents.find((d) => d.id !== id);
      if (next && !stopped) { const im = new Image(); im.src = api.pageImageUrl(next.id, 1); }
    }).catch(() => undefined);
  }

  return {
    el,
    unmount: () => {
      stopped = true;
      clearTimeout(pollTimer);
      clearTimeout(retryTimer);
      receipt.stop();
      exportsBox.stop();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
    },
  };
}
