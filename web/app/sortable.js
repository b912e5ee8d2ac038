// SPDX-License-Identifier: MIT
// Crohn Score web app: a data table whose columns sort from buttons in their headers (keyboard:
// Tab to a header button, Enter or Space; the sorted column carries aria-sort). The rows keep
// the order they were given until a column is chosen, and that order breaks ties. Values are
// only compared here, never computed.
import { h } from './dom.js';

/**
 * columns: [{key, label, group?, sort?: (row) => number | string | null, cell: (row) => Node |
 * string, rowHeader?, className?}]; consecutive columns with the same `group` share a header
 * cell above theirs. `state` ({key, dir}) is read and updated, so the order can outlive a rebuild.
 * Returns the <table>.
 */
export function sortableTable({ caption, columns, rows, className, state = {}, rowData }) {
  const grouped = columns.some((c) => c.group);
  const head = h('thead');
  const top = h('tr');
  const second = h('tr');
  const headers = new Map();
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const th = h('th', { scope: 'col', class: c.className || null, dataset: { col: c.key } },
      c.sort ? h('button', { type: 'button', class: 'sort', onclick: () => sortBy(c.key) },
        c.label, h('span', { class: 'sort-icon', 'aria-hidden': 'true' })) : c.label);
    headers.set(c.key, th);
    if (!grouped) { top.append(th); continue; }
    if (!c.group) {
      th.rowSpan = 2;
      top.append(th);
      continue;
    }
    if (i === 0 || columns[i - 1].group !== c.group) {
      let span = 1;
      while (columns[i + span]?.group === c.group) span += 1;
      top.append(h('th', { scope: 'colgroup', colspan: String(span), class: 'group' }, c.group));
    }
    second.append(th);
  }
  head.append(top);
  if (grouped) head.append(second);

  const body = h('tbody');
  const items = rows.map((row, index) => ({
    row, index,
    tr: h('tr', { dataset: rowData ? rowData(row) : null },
      columns.map((c) => h(c.rowHeader ? 'th' : 'td', { scope: c.rowHeader ? 'row' : null, class: c.className || null, dataset: { col: c.key } }, c.cell(row)))),
  }));
  const table = h('table', { class: className || null }, caption ? h('caption', {}, caption) : null, head, body);

  function apply() {
    const col = columns.find((c) => c.key === state.key && c.sort);
    const sign = state.dir === 'descending' ? -1 : 1;
    const sorted = col ? [...items].sort((a, b) => {
      const x = col.sort(a.row);
      const y = col.sort(b.row);
      // Empty values (no proportion) go last in either direction.
      if (x === null || x === undefined) return y === null || y === undefined ? a.index - b.index : 1;
      if (y === null || y === undefined) return -1;
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return d ? sign * d : a.index - b.index;
    }) : items;
    body.replaceChildren(...sorted.map((it) => it.tr));
    for (const [key, th] of headers) {
      if (col && key === col.key) th.setAttribute('aria-sort', state.dir);
      else th.removeAttribute('aria-sort');
    }
  }

  function sortBy(key) {
    state.dir = state.key === key && state.dir === 'ascending' ? 'descending' : 'ascending';
    state.key = key;
    apply();
  }

  apply();
  return table;
}
