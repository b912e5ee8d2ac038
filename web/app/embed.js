// SPDX-License-Identifier: MIT
// Crohn Score web app, iframe mode (index.html?embed=1&parent=ORIGIN): results are posted to the
// parent window only when ORIGIN is in the deployment's allow-list (embed-origins.json beside
// index.html), and always with that exact targetOrigin, so the browser itself refuses delivery
// to any other parent. Without an allowed origin nothing is posted.

export async function embedChannel(params, baseUrl) {
  const wanted = params.get('parent');
  let allowed = [];
  try {
    const r = await fetch(new URL('embed-origins.json', baseUrl));
    if (r.ok) allowed = (await r.json()).allowed_parent_origins || [];
  } catch {
    allowed = [];
  }
  let origin = null;
  try {
    origin = wanted ? new URL(wanted).origin : null;
  } catch {
    origin = null;
  }
  const ok = Boolean(origin) && origin !== 'null' && allowed.includes(origin) && window.parent !== window;
  return {
    origin: ok ? origin : null,
    requested: wanted,
    post(message) {
      if (!ok) return false;
      window.parent.postMessage(message, origin);
      return true;
    },
  };
}
