// SPDX-License-Identifier: MIT
// Crohn Score web app: the Perianal Disease Activity Index (Irvine 1995): five items, each graded
// 0-4. What each level means (Irvine 1995, Table 1) was not read, so the screen gives the item
// names and the numbers 0-4 only, and says so; no anchor wording is invented. The core gives the
// total, "active" (PDAI > 4, Losco 2009) and each rule's source; this screen computes nothing.
import { h, patch } from '../dom.js';
import { radioGroup } from '../fields.js';
import { layout, wire, renderVerdict, renderErrors, kvTable, warningText, addWorkedExample } from './common.js';
import { sourceList } from './sources.js';
import { emptyPdai } from '../state.js';

// The core's five items, in its order (crohn/pdai.hpp kItems).
export const PDAI_ITEMS = ['discharge', 'pain_restriction_of_activities', 'restriction_of_sexual_activity',
  'type_of_perianal_disease', 'degree_of_induration'];
const LEVELS = [0, 1, 2, 3, 4];
const SOURCES = ['items', 'item_anchors', 'coding_0_4', 'active_gt4_losco2009'];

/** The request inputs for the core from the raw state (an item not chosen is absent). */
export function pdaiInputs(s) {
  const inputs = {};
  for (const k of PDAI_ITEMS) if (s[k] !== '') inputs[k] = Number(s[k]);
  return inputs;
}

export function createPdai(ctx) {
  const { t } = ctx.i18n;
  const s = ctx.state;
  const parts = layout(ctx, { id: 'pdai', title: t('pdai.title'), intro: t('pdai.intro') });
  parts.form.append(
    h('p', { class: 'hint anchors-note' }, t('pdai.anchors_not_given')),
    ...PDAI_ITEMS.map((k) => radioGroup(ctx, { name: k, legend: t(`pdai.item.${k}`), inline: true,
      options: LEVELS.map((v) => ({ value: v, label: String(v) })), value: s[k] })),
  );

  const verdictKey = (r) => (r.active_gt4_losco2009 ? 'pdai.verdict.active' : 'pdai.verdict.not_active');

  addWorkedExample(ctx, parts, {
    instrument: 'pdai',
    toState: (x) => ({ ...emptyPdai(), ...Object.fromEntries(PDAI_ITEMS.map((k) => [k, String(x[k])])) }),
    expected: (r) => `${t('pdai.short')} ${r.pdai_total}, ${t(verdictKey(r))}`,
  });

  const screen = {
    id: 'pdai', instrument: 'pdai', el: parts.el, last: null,
    recompute() {
      const inputs = pdaiInputs(s);
      const response = ctx.core.evaluate('pdai', inputs);
      screen.last = { inputs, response };
      render(response);
      ctx.result('pdai', inputs, response);
      return response;
    },
    /** Plain-text lines for the note, or null without a valid result. */
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [
        `${t('pdai.short')}: ${r.pdai_total} (${t(verdictKey(r))})`,
        `  ${PDAI_ITEMS.map((k) => `${t(`pdai.item.${k}`)} ${r.items[k]}`).join('; ')}`,
        ...(r.warnings || []).map((w) => `  ! ${warningText(ctx, w)}`),
      ];
    },
    headline() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      return [`${t('pdai.short')} ${r.pdai_total} — ${t(verdictKey(r))}`];
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.incomplete', { name: t('pdai.short') });
      return t('live.score', { name: t('pdai.short'), score: r.pdai_total, band: t(verdictKey(r)) });
    },
  };

  function render(r) {
    const summary = renderErrors(ctx, parts, r);
    if (r.error) {
      renderVerdict(ctx, parts.verdict, { summary });
      patch(parts.details);
      return;
    }
    renderVerdict(ctx, parts.verdict, {
      score: String(r.pdai_total), scoreLabel: t('pdai.short'),
      band: r.active_gt4_losco2009 ? 'active' : 'not_active', bandKey: verdictKey(r), warnings: r.warnings,
      extra: h('p', { class: 'sub' }, t('pdai.range')),
    });
    patch(parts.details,
      kvTable(t('result.components'), PDAI_ITEMS.map((k) => [t(`pdai.item.${k}`), String(r.items[k])])),
      sourceList(ctx, r.sources, { prefix: 'pdai.source', keys: SOURCES }));
  }

  wire(ctx, parts.form, s, () => screen.recompute());
  return screen;
}
