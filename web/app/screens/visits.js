// SPDX-License-Identifier: MIT
// Crohn Score web app: baseline vs follow-up. Two or more visits side by side (scores typed as
// totals or copied with their items from the calculators, PRO2, biomarkers, bowel-wall
// thickness, IBDQ, corticosteroids), definition sets to evaluate, and per follow-up visit and
// endpoint the core's verdict (achieved / not achieved / not evaluable), the numbers behind it and
// its citation. The record and the verdicts are the core's: nothing is decided here.
import { h, replace, patch, setText } from '../dom.js';
import { numberField, yesNo, checkGroup, radioGroup } from '../fields.js';
import { requestValue, put } from '../numbers.js';
import { emptyVisit } from '../state.js';
import { showErrors, renderStatus, renderNotes } from '../feedback.js';
import { wire, warningText } from './common.js';
import { saveFile } from '../download.js';
import { timeline } from '../timeline.js';

export const SET_IDS = ['generic', 'study_power', 'study_sequence', 'study_italian_upa',
  'study_dutch_ust_reinduction', 'study_russian_dual', 'stride2'];

const yn = (v) => (v === 'yes' ? true : v === 'no' ? false : undefined);

/** The endpoints request ({record, definition_sets, options}) from the raw visits state. */
export function visitsRequest(vs, decimalComma) {
  const num = (raw) => requestValue(raw, decimalComma);
  const record = {};
  put(record, 'isolated_ileal_disease', yn(vs.isolated_ileal_disease));
  record.visits = vs.list.map((v) => {
    const o = {};
    if (v.label.trim()) o.label = v.label.trim();
    if (vs.timing === 'date') { if (v.date) o.date = v.date; } else put(o, 'week', num(v.week));
    if (v.baseline) o.baseline = true;
    if (v.hbi_items) o.hbi = v.hbi_items; else put(o, 'hbi_total', num(v.hbi_total));
    if (v.cdai_items) o.cdai = v.cdai_items; else put(o, 'cdai_total', num(v.cdai_total));
    if (v.ses_cd_items) o.ses_cd = v.ses_cd_items;
    else {
      put(o, 'ses_cd_total', num(v.ses_cd_total));
      put(o, 'ses_cd_max_item_score', num(v.ses_cd_max_item_score));
      put(o, 'ses_cd_any_ulcer', yn(v.ses_cd_any_ulcer));
    }
    if (v.pro2_items) o.pro2 = v.pro2_items;
    else { put(o, 'sf_avg', num(v.sf_avg)); put(o, 'ap_avg', num(v.ap_avg)); }
    put(o, 'fecal_calprotectin_ug_g', num(v.fecal_calprotectin_ug_g));
    const crp = num(v.crp_value);
    if (crp !== undefined) { o.crp_value = crp; o.crp_unit = v.crp_unit; }
    // The ULN is typed in the visit's CRP unit; the core converts it (crp_uln + crp_uln_unit).
    const uln = num(v.crp_uln);
    if (uln !== undefined) { o.crp_uln = uln; o.crp_uln_unit = v.crp_unit; }
    put(o, 'bwt_mm', num(v.bwt_mm));
    put(o, 'color_doppler_decreased', yn(v.color_doppler_decreased));
    put(o, 'ibdq_total', num(v.ibdq_total));
    put(o, 'corticosteroids', yn(v.corticosteroids));
    put(o, 'discontinued', yn(v.discontinued));
    return o;
  });
  const options = {};
  put(options, 'window_weeks', num(vs.window_weeks));
  put(options, 'fc_below_ug_g', num(vs.fc_below_ug_g));
  put(options, 'crp_below_mg_l', num(vs.crp_below_mg_l));
  const req = { record, definition_sets: [...vs.sets] };
  if (Object.keys(options).length) req.options = options;
  return req;
}

export function createVisits(ctx) {
  const { t, num } = ctx.i18n;
  const vs = ctx.state;
  const headingId = `${ctx.prefix}-title`;
  let definitions = null;
  let unavailable = null;
  try {
    definitions = ctx.engine.definitions();
  } catch (e) {
    unavailable = e;
  }
  const setInfo = (id) => definitions?.find((d) => d.id === id);
  const endpointInfo = (setId, epId) => setInfo(setId)?.endpoints.find((e) => e.id === epId);

  const form = h('form', { class: 'visits-form', novalidate: true, 'aria-labelledby': headingId, onsubmit: (e) => e.preventDefault() });
  const columns = h('div', { class: 'visit-columns' });
  const status = h('div', { class: 'status', hidden: true });
  // The answer first: one line per chosen set and follow-up visit, then the tables behind it.
  const answer = h('ul', { class: 'answer', dataset: { testid: 'answer' }, hidden: true });
  const output = h('div', { class: 'endpoint-results' });
  // The timeline of the visits' scores, the chosen sets' levels and verdicts (timeline.js).
  const picture = h('div', { class: 'timeline-slot' });
  const resultId = `${ctx.prefix}-result-title`;
  // FHIR R4 Bundle of the scores and verdicts on screen, made by the core (docs/fhir.md) and
  // saved as a file: nothing is sent anywhere.
  const fhirButton = h('button', { type: 'button', class: 'small', hidden: true, onclick: () => downloadFhir() }, t('visits.download_fhir'));
  const exportBox = h('div', { class: 'actions export' }, fhirButton);
  const el = h('section', { class: 'screen visits', id: `${ctx.prefix}-screen`, dataset: { screen: 'visits' }, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('visits.title')),
    h('p', { class: 'intro' }, t('visits.intro')),
    form,
    h('section', { class: 'result wide', 'aria-labelledby': resultId },
      h('h3', { id: resultId, tabindex: '-1' }, t('visits.results')), status, answer, picture, output, exportBox));
  // The verdicts stay in sight while the visits are filled: a one-line bar at the foot of the
  // form (the result section is always below the form here); a click goes to the answer.
  const bar = h('button', { type: 'button', class: 'scorebar always', hidden: true, dataset: { testid: 'scorebar' },
    onclick: () => { answer.scrollIntoView({ block: 'start' }); el.querySelector(`#${resultId}`).focus(); } });

  const setOptions = SET_IDS.map((id) => ({
    value: id,
    label: `${t(`set.${id}`)}${setInfo(id) ? ` (${t('visits.version', { v: setInfo(id).version })})` : ''}`,
  }));
  form.append(
    checkGroup(ctx, { name: 'sets', legend: t('visits.sets'), hint: t('visits.sets_hint'), options: setOptions, values: vs.sets,
      paths: ['definition_sets'] }),
    h('div', { class: 'record-fields' },
      yesNo(ctx, { name: 'isolated_ileal_disease', label: t('visits.isolated_ileal_disease'), value: vs.isolated_ileal_disease,
        hint: t('visits.isolated_ileal_hint') }),
      radioGroup(ctx, { name: 'timing', legend: t('visits.timing'), inline: true, paths: [],
        options: [{ value: 'week', label: t('visits.timing.week') }, { value: 'date', label: t('visits.timing.date') }], value: vs.timing })),
    h('details', { class: 'options' },
      h('summary', {}, t('visits.options')),
      numberField(ctx, { name: 'window_weeks', label: t('visits.window_weeks'), hint: t('visits.window_weeks_hint'), value: vs.window_weeks,
        paths: ['options.window_weeks'], width: 'w4' }),
      numberField(ctx, { name: 'fc_below_ug_g', label: t('visits.fc_below'), hint: t('visits.fc_below_hint'), value: vs.fc_below_ug_g,
        paths: ['options.fc_below_ug_g'], width: 'w6' }),
      numberField(ctx, { name: 'crp_below_mg_l', label: t('visits.crp_below'), hint: t('visits.crp_below_hint'), value: vs.crp_below_mg_l,
        paths: ['options.crp_below_mg_l'], width: 'w6' })),
    columns,
    h('div', { class: 'actions' }, h('button', { type: 'button', dataset: { action: 'add-visit' } }, t('visits.add'))),
    bar);

  function visitName(i) {
    const v = vs.list[i];
    return v.label.trim() || (v.baseline ? t('visits.baseline') : t('visits.visit_n', { n: i + 1 }));
  }

  function column(v, i) {
    const p = `visits[${i}].`;
    const vctx = { ...ctx, prefix: `${ctx.prefix}-v${i}` };
    const name = visitName(i);
    const L = (key) => `${t(key)} (${name})`;
    const nf = (field, key, opts = {}) => {
      const f = numberField(vctx, { name: `list.${i}.${field}`, label: t(key), value: v[field], paths: [p + (opts.path || field)], ...opts });
      f.dataset.label = L(key);
      return f;
    };
    const yf = (field, key, path) => {
      const f = yesNo(vctx, { name: `list.${i}.${field}`, label: t(key), value: v[field], paths: [p + (path || field)] });
      f.dataset.label = L(key);
      return f;
    };
    const copied = (kind, items, summary) => h('div', { class: 'copied', dataset: { paths: `${p}${kind}`, label: L(`visits.${kind}`) } },
      h('p', {}, h('strong', {}, t(`visits.${kind}`)), ' ', t('visits.from_calculator'), ' ', summary),
      h('button', { type: 'button', class: 'small', dataset: { action: 'uncopy', kind, visit: String(i) } }, t('visits.uncopy', { what: t(`visits.${kind}`) })));
    const copyBtn = (kind, calc) => !ctx.calculators ? null : h('button', { type: 'button', class: 'small link', dataset: { action: 'copy', kind, visit: String(i) } },
      kind === 'pro2' ? t('visits.copy_pro2') : t('visits.copy_from', { calc: t(`nav.${calc}`) }));
    const legendId = `${vctx.prefix}-legend`;
    const baselineId = `${vctx.prefix}-baseline`;
    const scoreBox = h('div', { class: 'visit-scores', dataset: { visitScores: String(i) } });
    return h('div', { class: 'visit', role: 'group', 'aria-labelledby': legendId, dataset: { visit: String(i) } },
      h('h3', { id: legendId, class: 'visit-title' }, name),
      h('div', { class: 'option baseline' },
        h('input', { type: 'radio', id: baselineId, name: `${ctx.prefix}-baseline`, value: String(i), checked: v.baseline,
          dataset: { kind: 'baseline', unbound: '' } }),
        h('label', { for: baselineId }, t('visits.is_baseline'))),
      (() => {
        const f = numberField(vctx, { name: `list.${i}.label`, label: t('visits.label'), value: v.label, paths: [`${p}label`] });
        const input = f.querySelector('input');
        input.inputMode = 'text';
        input.classList.remove('num');
        input.removeAttribute('data-kind');
        return f;
      })(),
      vs.timing === 'date'
        ? (() => {
          const f = numberField(vctx, { name: `list.${i}.date`, label: t('visits.date'), value: v.date, paths: [`${p}date`] });
          const input = f.querySelector('input');
          input.type = 'date';
          input.classList.remove('num');
          input.removeAttribute('data-kind');
          f.dataset.label = L('visits.date');
          return f;
        })()
        : nf('week', 'visits.week', { width: 'w4' }),
      h('fieldset', { class: 'sub' }, h('legend', {}, t('visits.clinical')),
        v.hbi_items ? copied('hbi', v.hbi_items, '') : [nf('hbi_total', 'visits.hbi_total', { integer: true, width: 'w4' }), copyBtn('hbi', 'hbi')],
        v.cdai_items ? copied('cdai', v.cdai_items, '') : [nf('cdai_total', 'visits.cdai_total', { integer: true, width: 'w4' }), copyBtn('cdai', 'cdai')],
        v.pro2_items ? copied('pro2', v.pro2_items, '')
          : [nf('sf_avg', 'visits.sf_avg', { width: 'w4' }), nf('ap_avg', 'visits.ap_avg', { width: 'w4' }), copyBtn('pro2', 'cdai')],
        nf('ibdq_total', 'visits.ibdq_total', { integer: true, width: 'w4' }),
        yf('corticosteroids', 'visits.corticosteroids'),
        yf('discontinued', 'visits.discontinued')),
      h('fieldset', { class: 'sub' }, h('legend', {}, t('visits.endoscopy')),
        v.ses_cd_items ? copied('ses_cd', v.ses_cd_items, '')
          : [nf('ses_cd_total', 'visits.ses_cd_total', { integer: true, width: 'w4' }),
            nf('ses_cd_max_item_score', 'visits.ses_cd_max_item_score', { integer: true, width: 'w4' }),
            yf('ses_cd_any_ulcer', 'visits.ses_cd_any_ulcer'), copyBtn('ses_cd', 'ses_cd')]),
      h('fieldset', { class: 'sub' }, h('legend', {}, t('visits.biomarkers')),
        nf('fecal_calprotectin_ug_g', 'visits.fc', { width: 'w6', suffix: 'µg/g' }),
        (() => {
          const f = numberField(vctx, { name: `list.${i}.crp_value`, label: t('visits.crp'), value: v.crp_value, paths: [`${p}crp_value`, `${p}crp_unit`, `${p}crp`],
            width: 'w6', unit: { name: `list.${i}.crp_unit`, value: v.crp_unit, label: t('unit.crp'), kind: 'crp',
              options: [{ value: 'mg/L', label: 'mg/L' }, { value: 'mg/dL', label: 'mg/dL' }] } });
          f.dataset.label = L('visits.crp');
          return f;
        })(),
        nf('crp_uln', 'visits.crp_uln', { width: 'w6', paths: [`${p}crp_uln`, `${p}crp_uln_unit`], suffix: v.crp_unit, converted: true, unitOf: { kind: 'crp', select: `list.${i}.crp_unit` } })),
      h('fieldset', { class: 'sub' }, h('legend', {}, t('visits.ultrasound')),
        nf('bwt_mm', 'visits.bwt', { width: 'w4', suffix: 'mm' }),
        yf('color_doppler_decreased', 'visits.doppler')),
      scoreBox,
      vs.list.length > 2 ? h('button', { type: 'button', class: 'small danger', dataset: { action: 'remove', visit: String(i) } },
        t('visits.remove', { name })) : null);
  }

  function buildColumns() {
    replace(columns, vs.list.map(column));
  }

  function copyFrom(kind, i) {
    const calc = ctx.calculators?.[kind === 'pro2' ? 'cdai' : kind]?.();
    const visit = vs.list[i];
    let items = null;
    if (kind === 'pro2') items = calc?.pro2 && !calc.pro2.response.error ? calc.pro2.inputs : null;
    else items = calc?.last && !calc.last.response.error ? calc.last.inputs : null;
    if (!items) {
      ctx.notify(t('visits.copy_none', { calc: t(`nav.${kind === 'pro2' ? 'cdai' : kind}`) }));
      return false;
    }
    visit[`${kind}_items`] = JSON.parse(JSON.stringify(items));
    return true;
  }

  form.addEventListener('click', (e) => {
    const btn = e.target.closest('button[data-action]');
    if (!btn) return;
    const i = Number(btn.dataset.visit);
    const { action, kind } = btn.dataset;
    let focusSel = null;
    if (action === 'add-visit') {
      vs.list.push(emptyVisit(false));
      focusSel = `[data-visit="${vs.list.length - 1}"] input[name$=".label"]`;
    } else if (action === 'remove') {
      const wasBaseline = vs.list[i].baseline;
      vs.list.splice(i, 1);
      if (wasBaseline && vs.list.length) vs.list[0].baseline = true;
      focusSel = 'button[data-action="add-visit"]';
    } else if (action === 'copy') {
      if (!copyFrom(kind, i)) return;
      focusSel = `button[data-action="uncopy"][data-kind="${kind}"][data-visit="${i}"]`;
    } else if (action === 'uncopy') {
      vs.list[i][`${kind}_items`] = null;
      focusSel = `button[data-action="copy"][data-kind="${kind}"][data-visit="${i}"]`;
    } else return;
    buildColumns();
    screen.recompute();
    ctx.changed();
    if (focusSel) form.querySelector(focusSel)?.focus();
  });

  wire(ctx, form, vs, () => screen.recompute(), (path) => {
    if (path === 'timing') { buildColumns(); form.querySelector('input[name="timing"]:checked')?.focus(); }
    if (/^list\.\d+\.crp_unit$/.test(path)) {
      const i = Number(path.split('.')[1]);
      const suffix = form.querySelector(`[data-visit="${i}"] [name="list.${i}.crp_uln"]`)?.parentElement.querySelector('.suffix');
      if (suffix) suffix.textContent = vs.list[i].crp_unit;
    }
    if (/^list\.\d+\.label$/.test(path)) {
      const i = Number(path.split('.')[1]);
      form.querySelector(`[data-visit="${i}"] .visit-title`).textContent = visitName(i);
    }
  });
  // The baseline radios choose among visits (data-unbound keeps them out of bindChange).
  form.addEventListener('change', (e) => {
    if (e.target.dataset.kind !== 'baseline') return;
    vs.list.forEach((v, j) => { v.baseline = String(j) === e.target.value; });
    for (let j = 0; j < vs.list.length; j++) {
      form.querySelector(`[data-visit="${j}"] .visit-title`).textContent = visitName(j);
    }
    screen.recompute();
    ctx.changed();
  }, true);

  const screen = {
    id: 'visits', instrument: 'endpoints', el, last: null,
    recompute() {
      if (unavailable) {
        renderUnavailable();
        return null;
      }
      const request = visitsRequest(vs, ctx.i18n.decimalComma);
      if (!request.definition_sets.length) {
        screen.last = { inputs: request, response: null };
        showErrors(form, null, ctx.i18n);
        renderStatus(status, { missing: [], problems: [] }, ctx.i18n, t('visits.choose_set'));
        replace(output);
        renderAnswer(null);
        lastShape = null;
        renderScores(null);
        fhirButton.hidden = true;
        return null;
      }
      let response;
      try {
        response = ctx.engine.endpoints(request);
      } catch (e) {
        unavailable = e;
        renderUnavailable();
        return null;
      }
      screen.last = { inputs: request, response };
      showConverted(response);
      render(response);
      ctx.result('endpoints', request, response);
      return response;
    },
    /** The printout's emphasised lines: the answer, one line per set and follow-up visit. */
    headline() {
      const r = screen.last?.response;
      if (!r || r.error || !r.sets.length || !r.sets[0].visits.length) return null;
      return r.sets.flatMap((set) => set.visits.map((fv) => answerLine(set, fv).textContent.trim()));
    },
    /** The printout's picture: the timeline as drawn (an SVG copy), or null. */
    figure() {
      flushPicture();
      const svg = picture.querySelector('svg');
      if (!svg) return null;
      // A copy for paper: no ids or references that would repeat the screen's own.
      const copy = svg.cloneNode(true);
      for (const el of [copy, ...copy.querySelectorAll('[id]')]) el.removeAttribute('id');
      copy.removeAttribute('aria-labelledby');
      copy.removeAttribute('aria-describedby');
      return copy;
    },
    note() {
      const r = screen.last?.response;
      if (!r || r.error) return null;
      const lines = [t('visits.title')];
      for (const v of r.visits) {
        lines.push(`  ${respName(v.label, v.week, v.baseline)}: ${scoreSummary(v.scores)}`,
          ...(v.warnings || []).map((w) => `    ! ${visitWarning(w)}`));
      }
      for (const set of r.sets) {
        lines.push(`${t(`set.${set.id}`)} — ${t('visits.version', { v: set.version })}`);
        for (const fv of set.visits) {
          lines.push(`  ${respName(fv.visit, fv.week, false)}:`);
          for (const ep of fv.endpoints) {
            if (ep.verdict === 'not_evaluable') continue;
            const numbers = factsText(ep);
            const study = ep.failure_rule && ep.study_verdict !== ep.verdict ? ` (${t('visits.failure_rule_applied')})` : '';
            lines.push(`    ${t(`verdict.${ep.verdict}`)}: ${epName(ep)}${numbers ? ` — ${numbers}` : ''}${study}`);
          }
          const ne = fv.endpoints.filter((ep) => ep.verdict === 'not_evaluable');
          if (ne.length) lines.push(`    ${t('verdict.not_evaluable')}: ${ne.map(epName).join('; ')}`);
        }
      }
      return lines;
    },
    announcement() {
      const r = screen.last?.response;
      if (!r) return '';
      if (r.error) return t('live.endpoints_incomplete');
      const counts = { achieved: 0, not_achieved: 0, not_evaluable: 0 };
      for (const set of r.sets) for (const fv of set.visits) for (const ep of fv.endpoints) counts[ep.verdict] += 1;
      return t('live.endpoints', { a: counts.achieved, n: counts.not_achieved, e: counts.not_evaluable });
    },
  };

  /** A visit of the response named as the user named it, else by its week (translated). */
  function respName(label, week, baseline) {
    const typed = vs.list.some((v) => v.label.trim() && v.label.trim() === label);
    const wk = t('visits.week_short', { w: num(week, 1) });
    if (typed && label !== wk) return `${label}${baseline ? ` (${t('visits.baseline')})` : ''} · ${wk}`;
    return baseline ? `${t('visits.baseline')} · ${wk}` : wk;
  }

  function epLabel(ep) {
    const key = `rule.${ep.rule}`;
    return t.opt(key) || ep.label;
  }
  /** A study's own name for its endpoint ("clinical response") before the rule it uses. */
  function epName(ep) {
    const name = ep.id !== ep.rule ? t.opt(`endpoint.${ep.id}`) : null;
    const label = name ? `${name} (${epLabel(ep)})` : epLabel(ep);
    return ep.assumed ? `${label} [${t('assumed.short')}]` : label;
  }
  function needLabel(n) {
    return t.opt(`need.${n}`) || n;
  }

  /** An endpoint's definition in the user's language (catalog key by rule id, def.<rule>). */
  function epDefinition(ep) {
    return t.opt(`def.${ep.rule}`) || '';
  }

  // A verdict's numbers in words, from the core's facts (docs/contract.md): the page never reads
  // the English detail. Signs are the same in every language; numbers follow the locale.
  const SIGNS = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
  const UNITS = { 'ug/g': 'µg/g', 'mg/L': 'mg/L', mm: 'mm' };
  function factText(f) {
    const unit = f.unit ? ` ${UNITS[f.unit] || f.unit}` : '';
    const q = (v) => `${num(v, 2)}${unit}`;
    const result = t(`fact.result.${f.result === null ? 'null' : String(f.result)}`);
    if (typeof f.value === 'boolean') {
      return t('fact.flag', { what: t(`fact.${f.kind === 'baseline' ? 'baseline_flag' : 'flag'}.${f.measure}.${f.value}`), result });
    }
    const vars = {
      measure: t(`fact.measure.${f.measure}`),
      value: `${f.bound ? SIGNS[f.bound] || f.bound : ''}${q(f.value)}`,
      baseline: f.baseline === null ? '' : q(f.baseline),
      change: f.change === null ? '' : (f.kind === 'decrease_percent' ? num(f.change, 1) : q(f.change)),
      cmp: SIGNS[f.comparison] || f.comparison,
      threshold: f.kind === 'decrease_percent' ? num(f.threshold, 2) : q(f.threshold),
      result,
    };
    let key = `fact.${f.kind}`;
    if (f.kind === 'decrease_percent' && f.change === null) key = 'fact.decrease_percent_zero';
    if (f.threshold_of) key = `fact.level_${f.threshold_of}`;
    return t(key, vars);
  }
  function factsText(ep) {
    return (ep.facts || []).map(factText).join('; ');
  }

  function scoreSummary(sc) {
    const parts = [];
    if (sc.hbi_total !== undefined) parts.push(`${t('hbi.short')} ${sc.hbi_total} (${t(`band.${sc.hbi_band}`)})`);
    if (sc.cdai_total !== undefined) parts.push(`${t('cdai.short')} ${sc.cdai_total} (${t(`band.${sc.cdai_band}`)})`);
    if (sc.ses_cd_total !== undefined) parts.push(`${t('ses.short')} ${sc.ses_cd_total}${sc.ses_cd_band ? ` (${t(`band.${sc.ses_cd_band}`)})` : ''}`);
    if (sc.sf_avg !== undefined || sc.ap_avg !== undefined) {
      parts.push(`${t('pro2.short')} SF ${sc.sf_avg !== undefined ? num(sc.sf_avg, 2) : '–'}, AP ${sc.ap_avg !== undefined ? num(sc.ap_avg, 2) : '–'}` +
        (sc.pro2_weighted !== undefined ? `, ${t('pro2.weighted')} ${num(sc.pro2_weighted, 2)}` : ''));
    }
    if (sc.fecal_calprotectin_ug_g !== undefined) parts.push(`${t('fact.measure.fecal_calprotectin')} ${num(sc.fecal_calprotectin_ug_g, 1)} µg/g`);
    if (sc.crp_mg_l !== undefined) parts.push(`${t('fact.measure.crp')} ${num(sc.crp_mg_l, 2)} mg/L = ${num(sc.crp_mg_dl, 3)} mg/dL`);
    if (sc.crp_uln_mg_l !== undefined) parts.push(`${t('visits.crp_uln_short')} ${num(sc.crp_uln_mg_l, 2)} mg/L`);
    if (sc.bwt_mm !== undefined) parts.push(`${t('fact.measure.bwt')} ${num(sc.bwt_mm, 2)} mm`);
    if (sc.ibdq_total !== undefined) parts.push(`IBDQ ${sc.ibdq_total}`);
    if (sc.corticosteroids !== undefined) parts.push(sc.corticosteroids ? t('visits.on_steroids') : t('visits.no_steroids'));
    if (sc.discontinued !== undefined) parts.push(sc.discontinued ? t('visits.discontinued_yes') : t('visits.discontinued_no'));
    return parts.length ? parts.join('; ') : t('visits.no_scores');
  }

  /** A visit's warning in words (the core prefixes an instrument's own warnings with its id). */
  function visitWarning(w) {
    return warningText(ctx, w.replace(/^(ses_cd|pro2|hbi|cdai|rutgeerts):/, ''));
  }

  function renderScores(r) {
    for (const box of form.querySelectorAll('[data-visit-scores]')) {
      const i = Number(box.dataset.visitScores);
      const v = r && !r.error ? r.visits[i] : null;
      if (!v) { patch(box); continue; }
      patch(box, h('p', {}, h('strong', {}, t('visits.computed')), ' ', scoreSummary(v.scores)),
        v.warnings?.length ? h('ul', { class: 'warnings' }, v.warnings.map((w) => h('li', {}, visitWarning(w)))) : null);
    }
  }

  /** A CRP upper limit typed in mg/dL: the core's value in mg/L beside it. */
  function showConverted(response) {
    vs.list.forEach((v, i) => {
      const out = form.querySelector(`output[data-converted="list.${i}.crp_uln"]`);
      const value = response.error ? undefined : response.visits[i]?.scores.crp_uln_mg_l;
      if (out) setText(out, v.crp_unit === 'mg/dL' && typeof value === 'number' ? `= ${num(value, 2)} mg/L` : '');
    });
  }

  async function downloadFhir() {
    const request = screen.last?.inputs;
    if (!request || !screen.last.response || screen.last.response.error) return;
    let bundle;
    try {
      bundle = await ctx.core.fhir(request);
    } catch (e) {
      bundle = { error: 'internal', message: String(e) };
    }
    if (!bundle || bundle.error) {
      ctx.notify(t('visits.fhir_failed', { reason: bundle?.message || '' }));
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    saveFile(`crohn-score-fhir-${day}.json`, `${JSON.stringify(bundle, null, 2)}\n`, 'application/fhir+json');
    ctx.notify(t('visits.fhir_saved', { n: bundle.entry?.length ?? 0 }));
  }

  function renderUnavailable() {
    fhirButton.hidden = true;
    renderStatus(status, { missing: [], problems: [] }, ctx.i18n, t('visits.unavailable'));
    replace(output);
    renderAnswer(null);
    lastShape = null;
  }

  function render(r) {
    const summary = showErrors(form, r, ctx.i18n, {
      labelOf: (err) => {
        const m = (err.path || '').match(/^visits\[(\d+)\]\.(.*)$/);
        if (m && vs.list[Number(m[1])]) return `${t.opt(`field.${m[2].split('.')[0]}`) || m[2]} (${visitName(Number(m[1]))})`;
        return t.opt(`field.${err.field}`) || err.field;
      },
    });
    renderNotes(form, ctx.i18n);
    renderStatus(status, summary, ctx.i18n, r.error ? t('visits.fix_record') : null);
    renderScores(r);
    fhirButton.hidden = Boolean(r.error) || !r.sets.length || !r.sets[0].visits.length;
    if (r.error) { replace(output); renderAnswer(null); lastShape = null; return; }
    if (!r.sets.length || !r.sets[0].visits.length) {
      replace(output, h('p', {}, t('visits.need_followup')));
      renderAnswer(null);
      lastShape = null;
      return;
    }
    renderAnswer(r);
    // Same sets, visits and endpoints (and the same endpoints grouped as not evaluable) as on
    // screen: update only the cells that changed (typing in a visit must not rebuild every table).
    const shape = JSON.stringify(r.sets.map((set) => [set.id, set.version,
      set.visits.map((fv) => respName(fv.visit, fv.week, false)), (set.visits[0]?.endpoints || []).map((e) => e.id),
      [...nowhereEvaluable(set)]]));
    if (shape === lastShape) {
      for (const set of r.sets) {
        for (const [col, fv] of set.visits.entries()) {
          for (const ep of fv.endpoints) {
            const td = cells.get(`${set.id}|${col}|${ep.id}`);
            if (td && td.dataset.sig !== cellSig(ep)) fillCell(td, ep);
          }
        }
      }
      return;
    }
    cells = new Map();
    lastShape = shape;
    replace(output, r.sets.map(renderSet));
  }

  /** The ids of a set's endpoints that no follow-up visit can evaluate. */
  function nowhereEvaluable(set) {
    const ids = new Set((set.visits[0]?.endpoints || []).map((e) => e.id));
    for (const fv of set.visits) for (const ep of fv.endpoints) if (ep.verdict !== 'not_evaluable') ids.delete(ep.id);
    return ids;
  }

  /** What the not-evaluable endpoints would need, in words, each once. */
  function needsOf(endpoints) {
    return [...new Set(endpoints.flatMap((ep) => ep.missing || []))].map(needLabel).join(', ');
  }

  /** One line per set and follow-up visit: what was achieved, what was not, what could not be told. */
  function answerLine(set, fv) {
    // As the study counts it: a set's failure rule (therapy stopped = non-responder) decides the
    // line; the table cell keeps the visit's own verdict beside it.
    const by = (v) => fv.endpoints.filter((ep) => (ep.study_verdict || ep.verdict) === v);
    const stopped = (ep) => (ep.failure_rule && ep.study_verdict !== ep.verdict ? `${epName(ep)} (${t('answer.stopped')})` : epName(ep));
    const achieved = by('achieved');
    const notAchieved = by('not_achieved');
    const ne = by('not_evaluable');
    const part = (cls, icon, text) => [h('span', { class: `part ${cls}` },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, icon), ' ', text), ' '];
    return h('li', { dataset: { set: set.id, week: String(fv.week) } },
      h('strong', {}, `${t(`set.${set.id}`)} · ${respName(fv.visit, fv.week, false)}:`), ' ',
      achieved.length ? part('achieved', '✓', t('answer.achieved', { list: achieved.map(epName).join('; ') })) : null,
      notAchieved.length ? part('not_achieved', '✗', t('answer.not_achieved', { list: notAchieved.map(stopped).join('; ') })) : null,
      ne.length ? part('not_evaluable', '?', t(ne.length === 1 ? 'answer.not_evaluable_one' : 'answer.not_evaluable', { n: ne.length })) : null);
  }

  function renderPicture(r) {
    const open = picture.querySelector('details.timeline-alt')?.open;
    const width = picture.clientWidth || 640;
    const fig = r ? timeline(ctx.i18n, { response: r, levelsOf: (id) => setInfo(id)?.endpoints,
      visitName: (v) => respName(v.label, v.week, v.baseline), idPrefix: ctx.prefix, width }) : null;
    if (fig && open) fig.querySelector('details.timeline-alt').open = true;
    replace(picture, fig);
    pictureFor = { r, width };
  }
  // Drawn in the next animation frame, before it is painted (the frame that shows the new verdict
  // shows the new picture), from the latest response: keys faster than frames draw it once, and
  // a keystroke's handler does not wait for it (bench/page.mjs; docs/web.md, "Start-up").
  let pictureFrame = 0;
  let pictureNext;  // the response the next frame draws; undefined when none is pending
  function schedulePicture(r) {
    pictureNext = r;
    if (!pictureFrame) pictureFrame = requestAnimationFrame(flushPicture);
  }
  function flushPicture() {
    if (pictureFrame) cancelAnimationFrame(pictureFrame);
    pictureFrame = 0;
    if (pictureNext === undefined) return;
    const r = pictureNext;
    pictureNext = undefined;
    renderPicture(r);
  }
  // Drawn for its box's width (the text keeps its size): drawn again when the box changes width
  // (a phone turned, a window resized, a screen shown that was built hidden).
  let pictureFor = null;
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      const w = picture.clientWidth;
      if (pictureFor?.r && w && Math.abs(w - pictureFor.width) > 24) renderPicture(pictureFor.r);
    }).observe(picture);
  }

  function renderAnswer(r) {
    schedulePicture(r);
    if (!r) {
      answer.hidden = true;
      bar.hidden = true;
      patch(answer);
      patch(bar);
      return;
    }
    answer.hidden = false;
    patch(answer, r.sets.flatMap((set) => set.visits.map((fv) => answerLine(set, fv))));
    const counts = { achieved: 0, not_achieved: 0, not_evaluable: 0 };
    for (const set of r.sets) for (const fv of set.visits) for (const ep of fv.endpoints) counts[ep.verdict] += 1;
    bar.hidden = false;
    patch(bar,
      h('span', { class: 'bar-score' }, t('answer.bar', { a: counts.achieved, n: counts.not_achieved, e: counts.not_evaluable })),
      h('span', { class: 'bar-go' }, t('result.bar_go')));
  }

  let lastShape = null;
  let cells = new Map();
  const cellSig = (ep) => JSON.stringify([ep.verdict, ep.facts, ep.missing, ep.protocol_week, ep.warnings, ep.study_verdict]);

  function fillCell(td, ep) {
    td.dataset.verdict = ep.verdict;
    td.dataset.sig = cellSig(ep);
    replace(td,
      h('span', { class: `verdict-badge ${ep.verdict}` }, h('span', { class: 'icon', 'aria-hidden': 'true' },
        ep.verdict === 'achieved' ? '✓' : ep.verdict === 'not_achieved' ? '✗' : '?'), ' ', t(`verdict.${ep.verdict}`)),
      ep.facts?.length ? h('span', { class: 'detail' }, factsText(ep)) : null,
      ep.missing?.length ? h('span', { class: 'need' }, `${t('visits.missing_short')} ${ep.missing.map(needLabel).join(', ')}`) : null,
      // A SES-CD rule across different segment sets (the core's `warnings`); a change rule says
      // so in `missing` already, a threshold on the follow-up total alone is flagged here.
      ep.warnings?.includes('segment_set_changed') && ep.verdict !== 'not_evaluable'
        ? h('span', { class: 'need', dataset: { warning: 'segment_set_changed' } }, t('visits.segment_set_changed')) : null,
      // The set's failure rule (core: failure_rule, study_verdict): the visit's own verdict stays
      // as computed and the study's count is said beside it.
      ep.failure_rule && ep.study_verdict !== ep.verdict
        ? h('span', { class: 'need', dataset: { studyVerdict: ep.study_verdict } }, t('visits.failure_rule_applied')) : null,
      ep.protocol_week !== null && ep.protocol_week !== undefined
        ? h('span', { class: 'pw' }, t('visits.counts_for_week', { w: num(ep.protocol_week, 1) })) : null);
  }

  function renderSet(set) {
    const info = setInfo(set.id);
    const follow = set.visits;
    const titleId = `${ctx.prefix}-set-${set.id}`;
    const nowhere = nowhereEvaluable(set);
    const all = (follow[0]?.endpoints || []).map((ep0, k) => ({ ep0, k }));
    const shown = all.filter(({ ep0 }) => !nowhere.has(ep0.id));
    const grouped = all.filter(({ ep0 }) => nowhere.has(ep0.id));
    const groupId = `${titleId}-ne`;
    const table = (rows, suffix) => h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': suffix ? groupId : titleId },
      h('table', { class: 'endpoints' },
        h('thead', {}, h('tr', {},
          follow.map((fv, col) => h('th', { scope: 'col', id: `${titleId}${suffix}-c${col}`, dataset: { week: String(fv.week) } },
            respName(fv.visit, fv.week, false))))),
        rows.map(({ ep0, k }) => endpointRows(set, ep0, k, titleId, suffix))));
    // Not a landmark of its own: its table's scroll region carries the set's name (two regions
    // of one name would be ambiguous to a screen reader).
    return h('section', { class: 'set', dataset: { set: set.id } },
      h('h4', { id: titleId }, t(`set.${set.id}`), ' ', h('span', { class: 'version' }, t('visits.version', { v: set.version }))),
      // A citation as published (authors, journal, year: not translated); a set's own words
      // (a citation that is prose, its notes) from the catalogs by set id.
      h('p', { class: 'citation' }, t.opt(`set_citation.${set.id}`) || set.citation),
      info?.notes ? h('details', { class: 'notes' }, h('summary', {}, t('visits.set_notes')), h('p', {}, t(`set_notes.${set.id}`))) : null,
      shown.length ? table(shown, '') : null,
      // The endpoints no visit can evaluate, under one line that says what would make them
      // evaluable; their rows (definitions, citations, what each one misses) one click away.
      grouped.length ? h('details', { class: 'ne-group', dataset: { testid: 'not-evaluable' } },
        h('summary', { id: groupId }, t(grouped.length === 1 ? 'answer.group_one' : 'answer.group',
          { n: grouped.length, needs: needsOf(grouped.map(({ ep0 }) => ep0)) })),
        table(grouped, '-ne')) : null);
  }

  /** An endpoint: a full-width header row (label, definition, citation), then its verdict per
   *  follow-up visit; every cell names both headers, so it reads well at any width. */
  function endpointRows(set, ep0, k, titleId, suffix) {
    const follow = set.visits;
    const ei = endpointInfo(set.id, ep0.id);
    const rowId = `${titleId}-e${k}`;
    return h('tbody', { dataset: { endpoint: ep0.id } },
      h('tr', { class: 'ep-head', dataset: { endpoint: ep0.id } },
        h('th', { scope: 'colgroup', colspan: String(follow.length), id: rowId },
          h('span', { class: 'ep-label' }, epName(ep0)),
          // An assumed threshold (the core's `assumed`), worded in the user's language.
          ei?.assumed ? h('span', { class: 'assumed', dataset: { assumed: ei.assumed.code } },
            h('strong', {}, t('assumed.label')), ' ', t(`assumed.${ei.assumed.code}`)) : null,
          ei ? h('span', { class: 'ep-def' }, epDefinition(ep0)) : null,
          ei ? h('span', { class: 'ep-cite' }, ei.citation) : null,
          ei?.weeks?.length ? h('span', { class: 'ep-weeks' }, t('visits.protocol_weeks', { w: ei.weeks.map((w) => num(w, 1)).join(', ') })) : null)),
      h('tr', { dataset: { endpoint: ep0.id } }, follow.map((fv, col) => {
        const ep = fv.endpoints[k];
        const td = h('td', { headers: `${rowId} ${titleId}${suffix}-c${col}` });
        fillCell(td, ep);
        cells.set(`${set.id}|${col}|${ep.id}`, td);
        return td;
      })));
  }

  buildColumns();
  return screen;
}
