// The "Purchase order" panel of the validation screen: the ERP supplier, each order the
// document pairs with (number, status, date) and per order line what was ordered, received
// before, is still open and comes with this document (red when more than open), with the
// document's lines on it as links; PO numbers the ERP does not know are listed as such.
import type { ApiError } from '../api';
import { h } from '../dom';
import { formatQuantity, overBy } from '../erp';
import { formatDate, lang, orderStatusLabel, t } from '../i18n';
import type { DocumentOrders, Order, OrderLine } from '../types';

export interface OrdersPanel {
  el: HTMLElement;
  loading(): void;
  show(orders: DocumentOrders, documentType: string): void;
  failed(error: ApiError): void;
  hide(): void;
}

/** `goToLine(i)` brings the document's line i (from 0) into view and focuses it. */
export function ordersPanel(goToLine: (line: number) => void): OrdersPanel {
  const body = h('div', { class: 'orders-body', 'data-testid': 'po-body' });
  const el = h('section', { class: 'orders', 'data-testid': 'po-panel', 'aria-labelledby': 'po-title' },
    h('h2', { id: 'po-title' }, t('po.title')), body);
  const qty = (n: number) => formatQuantity(n, lang());

  function lineRow(l: OrderLine) {
    const over = overBy(l);
    return h('tr', { 'data-testid': 'po-line', 'data-line': l.line, class: over ? 'over' : '' },
      h('td', { class: 'num', 'data-testid': 'po-line-number' }, l.line),
      h('td', { class: 'article' },
        h('span', { class: 'code', 'data-testid': 'po-article' }, l.article_code),
        l.unit ? h('span', { class: 'unit muted' }, ' · ', l.unit) : null,
        l.description ? h('div', { class: 'desc muted', title: l.description }, l.description) : null),
      h('td', { class: 'num', 'data-testid': 'po-ordered' }, qty(l.quantity_ordered)),
      h('td', { class: 'num', 'data-testid': 'po-received' }, qty(l.quantity_received_before)),
      h('td', { class: 'num', 'data-testid': 'po-open' }, qty(l.quantity_open)),
      h('td', {
        class: 'num this' + (over ? ' over' : ''), 'data-testid': 'po-this', 'data-over': over ? 'true' : 'false',
        title: over ? t('po.over', { n: qty(over) }) : undefined,
      },
      h('span', { class: 'qty' }, qty(l.this_document)),
      over ? h('span', { class: 'overby', 'data-testid': 'po-over', 'aria-label': t('po.over', { n: qty(over) }) }, '+' + qty(over)) : null),
      h('td', { class: 'doclines', 'data-testid': 'po-doc-lines' }, l.document_lines.map((i) =>
        h('button', {
          type: 'button', class: 'link', 'data-testid': 'po-doc-line', 'data-line': i,
          title: t('po.goto_line', { n: i + 1 }), 'aria-label': t('po.goto_line', { n: i + 1 }), onclick: () => goToLine(i),
        }, String(i + 1)))));
  }

  function orderBlock(o: Order, documentType: string) {
    return h('div', { class: 'order', 'data-testid': 'po-order', 'data-po': o.po_number },
      h('div', { class: 'orderhead' },
        h('strong', { 'data-testid': 'po-number' }, o.po_number), ' ',
        h('span', { class: 'badge po-status-' + o.status, 'data-testid': 'po-status' }, orderStatusLabel(o.status)),
        o.order_date ? h('span', { class: 'muted small' }, ' ', t('po.dated', { date: formatDate(o.order_date) })) : null),
      h('div', { class: 'tablewrap' }, h('table', { class: 'potable' },
        h('thead', null, h('tr', null,
          h('th', { class: 'num' }, t('po.col.line')), h('th', null, t('po.col.article')),
          h('th', { class: 'num' }, t('po.col.ordered')), h('th', { class: 'num' }, t('po.col.received')),
          h('th', { class: 'num' }, t('po.col.open')),
          h('th', { class: 'num' }, t(documentType === 'invoice' ? 'po.col.this_invoice' : 'po.col.this')),
          h('th', null, t('po.col.doc_lines')))),
        h('tbody', null, o.lines.map(lineRow)))));
  }

  return {
    el,
    loading() {
      el.hidden = false;
      el.setAttribute('aria-busy', 'true');
      if (!body.firstChild) body.append(h('p', { class: 'muted small' }, t('po.loading')));
    },
    show(orders, documentType) {
      el.hidden = false;
      el.removeAttribute('aria-busy');
      const s = orders.supplier;
      const parts: (HTMLElement | null)[] = [
        h('p', { class: 'small ' + (s ? 'muted' : 'notice'), 'data-testid': 'po-supplier' },
          s ? t('po.supplier', { name: s.name, id: s.supplier_id }) : t('po.supplier_none')),
        ...orders.orders.map((o) => orderBlock(o, documentType)),
        orders.po_numbers_missing.length ? h('ul', { class: 'pomissing' }, orders.po_numbers_missing.map((po) =>
          h('li', { 'data-testid': 'po-missing', 'data-po': po }, h('code', null, po), ' — ', t('po.missing')))) : null,
        !orders.orders.length && !orders.po_numbers_missing.length ? h('p', { class: 'muted small' }, t('po.none')) : null,
      ];
      body.replaceChildren(...parts.filter((x): x is HTMLElement => !!x));
    },
    failed(error) {
      el.hidden = false;
      el.removeAttribute('aria-busy');
      body.replaceChildren(h('p', { class: 'error small', 'data-testid': 'po-error' }, t('po.failed', { message: error.message })));
    },
    hide() {
      el.hidden = true;
      el.removeAttribute('aria-busy');
      body.replaceChildren();
    },
  };
}
