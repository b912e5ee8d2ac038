// SPDX-License-Identifier: MIT
// Crohn Score web app: the plain-text note for the patient record ("Copy note") and the printout.
// It repeats the core's results as they are shown: scores, bands, verdicts with the definition
// sets and their versions, the app version and the date.

/**
 * The note of `screens` ([{id, screen}]; the app passes only the screen on display: a note never carries another
 * patient's results by accident). `meta.label` (the patient label, optional) heads it; a line
 * says which screens it contains.
 */
export function buildNote(screens, i18n, meta) {
  const { t } = i18n;
  const parts = [];
  for (const { id, screen } of screens) {
    const part = screen?.note();
    if (part) parts.push({ id, part });
  }
  const lines = [
    t('note.title'),
    ...(meta.label ? [`${t('note.patient')}: ${meta.label}`] : []),
    `${t('note.contains')}: ${parts.length ? parts.map((p) => t(`nav.${p.id}`)).join(', ') : '—'}`,
    `${t('note.date')}: ${i18n.date(meta.date || new Date())}`,
    `${t('note.app')}: Crohn Score ${meta.version} (${t('note.api', { n: meta.apiVersion })})`,
    '',
  ];
  for (const { part } of parts) lines.push(...part, '');
  if (!parts.length) lines.push(t('note.empty'), '');
  lines.push(t('note.footer'));
  return lines.join('\n');
}

/**
 * The printout of the same screens as the note: one page, the verdicts first and emphasised
 * (each screen's headline()), the screen's picture if it has one (the visits timeline), the
 * note's text with the definitions and versions, and lines to sign. Returns the nodes to put in
 * the print container; `noteText` is buildNote's text for the same screens.
 */
export function buildPrint(screens, i18n, meta, noteText, h) {
  const { t } = i18n;
  const headlines = [];
  const figures = [];
  for (const { screen } of screens) {
    const lines = screen?.headline?.();
    if (lines?.length) headlines.push(...lines);
    const fig = screen?.figure?.();
    if (fig) figures.push(fig);
  }
  return [
    h('header', { class: 'print-head' },
      h('h1', {}, t('note.title')),
      meta.label ? h('p', { class: 'print-patient' }, `${t('note.patient')}: ${meta.label}`) : null,
      h('p', {}, `${t('note.date')}: ${i18n.date(meta.date || new Date())} · ${t('note.app')}: Crohn Score ${meta.version}`)),
    headlines.length ? h('section', { class: 'print-verdicts' }, headlines.map((line) => h('p', {}, line))) : null,
    figures.length ? h('div', { class: 'print-figure' }, figures) : null,
    h('pre', { class: 'note-text' }, noteText),
    h('p', { class: 'print-sign' }, t('print.sign')),
  ];
}

/** Copies text; falls back to a selected textarea + execCommand where the Clipboard API is
 * unavailable (plain-http intranets, locked-down browsers). Resolves true on success. */
export async function copyText(text, doc = document) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const ta = doc.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.className = 'offscreen';
  doc.body.append(ta);
  ta.select();
  let ok = false;
  try { ok = doc.execCommand('copy'); } catch { ok = false; }
  ta.remove();
  return ok;
}
