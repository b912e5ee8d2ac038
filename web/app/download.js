// SPDX-License-Identifier: MIT
// Crohn Score web app: saving a file the page made (FHIR Bundle, cohort exports) on the user's
// device. A Blob behind a temporary object URL and a download link: no request leaves the page.

export function saveFile(name, text, type, doc = document) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL is released once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
