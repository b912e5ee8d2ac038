// SPDX-License-Identifier: MIT
// Crohn Score web app: the page side of the service worker (sw.js). The worker serves one
// versioned copy of the app (shell + wasm) from its cache. After each page load it checks the
// server for a new version; when one is ready the page shows a banner offering a reload. The page
// never reloads by itself: a half-filled form stays where it is (and survives the reload the
// user asks for, through sessionStorage).

export function registerServiceWorker({ onUpdateReady, onOfflineReady, scriptUrl }) {
  if (!('serviceWorker' in navigator)) return null;
  const api = {
    /** Applies the waiting version, then reloads (called only by the user's click). */
    async applyUpdate() {
      const reg = await navigator.serviceWorker.ready;
      const sw = navigator.serviceWorker.controller || reg.active;
      await request(sw, { type: 'apply-update' });
      location.reload();
    },
    async check() {
      const reg = await navigator.serviceWorker.ready;
      const sw = navigator.serviceWorker.controller || reg.active;
      if (sw) sw.postMessage({ type: 'check-update' });
    },
  };
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (e.data?.type === 'update-ready') onUpdateReady?.(e.data);
    if (e.data?.type === 'offline-ready') onOfflineReady?.(e.data);
    // For tests and diagnostics: the worker finished looking for a new version.
    if (e.data?.type === 'check-done') document.documentElement.dataset.swChecked = e.data.offline ? 'offline' : 'true';
  });
  navigator.serviceWorker.register(scriptUrl, { scope: './' }).then(() => api.check()).catch(() => {
    // No service worker (private mode, policy): the app still works online.
  });
  return api;
}

function request(sw, message) {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = (e) => resolve(e.data);
    sw.postMessage(message, [ch.port2]);
    setTimeout(() => resolve(null), 5000);
  });
}
