// SPDX-License-Identifier: MIT
// Crohn Score web app: the "Sources and evidence" list of a calculator screen, from the core's
// `sources` ({key: {evidence, text}}): each rule named in the user's language, its evidence level
// (a SECONDARY weight or cut-off says so), and the core's citation text in English.
import { h } from '../dom.js';

/**
 * `keys` orders the list (the core's keys not listed are appended in the core's order); `prefix`
 * is the catalog prefix of the rule names (`${prefix}.${key}`); `note: false` leaves out the line
 * saying the citations are in English (for a second list on the same screen).
 */
export function sourceList(ctx, sources, { prefix, title, keys = [], note }) {
  const { t } = ctx.i18n;
  if (!sources) return null;
  const order = [...keys.filter((k) => sources[k]), ...Object.keys(sources).filter((k) => !keys.includes(k))];
  return h('div', { class: 'sources' },
    h('h4', {}, title || t('src.title')),
    h('ul', {}, order.map((k) => h('li', { class: 'source', dataset: { source: k, evidence: sources[k].evidence } },
      h('strong', {}, `${t.has(`${prefix}.${k}`) ? t(`${prefix}.${k}`) : k} – ${t(`evidence.${sources[k].evidence}`)}: `),
      h('span', { lang: 'en' }, sources[k].text)))),
    note === false ? null : h('p', { class: 'source' }, note || t('src.note')));
}
