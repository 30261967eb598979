// The line-item grid of the validation screen works like a spreadsheet: every column shown
// (the table fits the panel; a column can be widened by dragging or with the arrow keys on its
// edge, and keeps its width while the document is open); in a cell, the arrows move between
// cells, Enter or F2 edits, Escape restores the saved value, Tab moves on. A click edits at once.
import { h } from '../dom';
import { fieldLabel, t } from '../i18n';

const MIN_WIDTH = 40; // px

/** Column edges to drag; `widths` (column → px) outlives one rendering of the table. */
export function resizableColumns(table: HTMLTableElement, widths: Map<string, number>) {
  table.classList.add('grid');
  for (const th of table.querySelectorAll<HTMLTableCellElement>('thead th[data-col]')) {
    const col = th.dataset.col!;
    const w = widths.get(col);
    if (w) th.style.width = w + 'px';
    const set = (px: number) => {
      const v = Math.max(MIN_WIDTH, Math.round(px));
      widths.set(col, v);
      th.style.width = v + 'px';
      handle.setAttribute('aria-valuenow', String(v));
      // Widened past the panel: the table grows and the grid scrolls sideways.
      const total = [...table.querySelectorAll<HTMLTableCellElement>('thead th')].reduce((a, x) => a + x.getBoundingClientRect().width, 0);
      table.style.minWidth = Math.ceil(total) + 'px';
    };
    const handle = h('span', {
      class: 'colresize', role: 'separator', tabindex: 0, 'aria-orientation': 'vertical',
      'aria-label': t('grid.resize', { col: fieldLabel(col) }), 'aria-valuemin': MIN_WIDTH, 'aria-valuenow': Math.round(w ?? 80),
      'data-testid': 'col-resize-' + col,
    });
    handle.addEventListener('pointerdown', (e: PointerEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const start = e.clientX, startW = th.getBoundingClientRect().width;
      handle.setPointerCapture?.(e.pointerId);
      const move = (m: PointerEvent) => set(startW + m.clientX - start);
      const up = () => { handle.removeEventListener('pointermove', move); handle.removeEventListener('pointerup', up); };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    handle.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      set(th.getBoundingClientRect().width + (e.key === 'ArrowRight' ? 16 : -16));
    });
    th.append(handle);
    requestAnimationFrame(() => { if (th.isConnected) handle.setAttribute('aria-valuenow', String(Math.round(th.getBoundingClientRect().width))); });
  }
}

/** Spreadsheet keys over the grid's cell editors (inputs whose data-testid starts line-cell-). */
export function spreadsheetKeys(table: HTMLTableElement) {
  const isCell = (x: EventTarget | null): x is HTMLInputElement =>
    x instanceof HTMLInputElement && (x.dataset.testid ?? '').startsWith('line-cell-');
  const editing = (i: HTMLInputElement) => i.dataset.editing === 'true';
  const setEditing = (i: HTMLInputElement, on: boolean) => {
    i.dataset.editing = String(on);
    i.closest('td')?.classList.toggle('editing', on);
  };
  let pointer = false;
  table.addEventListener('mousedown', (e) => { if (isCell(e.target)) pointer = true; });
  table.addEventListener('focusin', (e) => {
    if (!isCell(e.target)) return;
    // Clicked: edit at once. Reached by the keyboard: the cell is selected, typing replaces it.
    setEditing(e.target, pointer);
    if (!pointer) e.target.select();
    pointer = false;
  });
  table.addEventListener('focusout', (e) => { if (isCell(e.target)) setEditing(e.target, false); });
  // Changed however (typed, pasted, filled by a script): being edited, so Enter saves it.
  table.addEventListener('input', (e) => { if (isCell(e.target)) setEditing(e.target, true); });
  const move = (from: HTMLInputElement, dr: number, dc: number) => {
    const td = from.closest('td')!;
    const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-testid="line-row"]')];
    const r = rows.indexOf(td.parentElement as HTMLTableRowElement);
    let c = td.cellIndex + dc;
    const row = rows[Math.min(rows.length - 1, Math.max(0, r + dr))];
    // Left and right stop at the grid's edges (the row number and the remove button are not cells).
    let target: HTMLInputElement | null = null;
    while (c >= 0 && c < row.cells.length && !(target = row.cells[c].querySelector<HTMLInputElement>('input[data-testid^="line-cell-"]'))) c += dc || 1;
    if (!target || target === from) return;
    target.focus();
    target.select();
  };
  // Capture: before the cell's own keys (Enter saves, Escape restores).
  table.addEventListener('keydown', (e: KeyboardEvent) => {
    const input = e.target;
    if (!isCell(input) || e.altKey || e.ctrlKey || e.metaKey) return;
    if (editing(input)) {
      // Enter saves and Escape restores (the cell's own keys); either way the cell is selected again.
      if (e.key === 'Enter' || e.key === 'Escape') queueMicrotask(() => { if (document.activeElement === input) { setEditing(input, false); input.select(); } });
      return;
    }
    const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (step[e.key]) { e.preventDefault(); e.stopPropagation(); move(input, ...step[e.key]); return; }
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault(); e.stopPropagation();
      setEditing(input, true);
      input.setSelectionRange(input.value.length, input.value.length);
      return;
    }
    if (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete') setEditing(input, true); // typing replaces the selected cell
  }, true);
}

/** The grid's key help, shown under it. */
export const gridHint = () => h('p', { class: 'muted small', 'data-testid': 'grid-hint' }, t('grid.hint'));
