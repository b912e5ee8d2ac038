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
