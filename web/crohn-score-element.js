// SPDX-License-Identifier: MIT
// <crohn-score>: the calculator as a custom element, for intranet pages. One script tag:
//
//   <script type="module" src="https://crohn-score.example/crohn-score-element.js"></script>
//   <crohn-score instrument="hbi" lang="de"></crohn-score>
//
// Attributes: instrument = hbi | cdai | ses_cd | rutgeerts | cdeis | maria | smaria | pdai | ibd_control | pcdai
//   | visits (baseline vs follow-up endpoints);
// lang = en | it | de | nl | ru (else the nearest [lang] ancestor, else English);
// definition-sets = comma-separated set ids preselected in the visits screen (e.g.
// "generic,stride2"). Every recompute dispatches a bubbling, composed `crohn-score-result`
// CustomEvent whose detail is {instrument, inputs, result}: `result` is the core's JSON response
// as is (an {error, errors} object while inputs are missing or wrong).
//
// The element renders in a shadow root styled by a same-origin stylesheet link (app.css beside
// this file; no inline styles), loads the core and the catalogs from its own origin, and stores
// nothing (no sessionStorage, no cookies): the host page owns persistence if it wants any.
import { loadCrohnScore } from './crohn-score.js';
import { h } from './app/dom.js';
import { loadI18n, supported } from './app/i18n.js';
import { emptyState } from './app/state.js';
import { buildScreens, loadScreen } from './app/screens.js';

const BASE = new URL('./', import.meta.url);
const INSTRUMENTS = { hbi: 'hbi', cdai: 'cdai', ses_cd: 'ses_cd', 'ses-cd': 'ses_cd', rutgeerts: 'rutgeerts',
  cdeis: 'cdeis', maria: 'maria', smaria: 'smaria',
  pdai: 'pdai', ibd_control: 'ibd_control', 'ibd-control': 'ibd_control', pcdai: 'pcdai', wpcdai: 'pcdai',
  visits: 'visits', endpoints: 'visits' };
let corePromise = null;
let instances = 0;

export class CrohnScoreElement extends HTMLElement {
  static get observedAttributes() { return ['instrument', 'lang', 'definition-sets']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this._state = emptyState();
    this._token = 0;
    this._last = null;
    instances += 1;
    this._prefix = `cs${instances}`;
  }

  /** The latest {instrument, inputs, result}, or null before the first computation. */
  get result() { return this._last; }

  connectedCallback() { this._render(); }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected) return;
    if (name === 'definition-sets') this._applySets();
    this._render();
  }

  _applySets() {
    const sets = (this.getAttribute('definition-sets') || '').split(/[\s,]+/).filter(Boolean);
    if (sets.length) this._state.visits.sets = sets;
  }

  async _render() {
    const token = ++this._token;
    const langAttr = this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const lang = supported(langAttr) || 'en';
    corePromise ??= loadCrohnScore();
    const id = INSTRUMENTS[this.getAttribute('instrument') || 'hbi'] || 'hbi';
    let core;
    let i18n;
    try {
      [core, i18n] = await Promise.all([corePromise, loadI18n(lang, BASE), loadScreen(id, corePromise)]);
    } catch (e) {
      if (token === this._token) {
        this.shadowRoot.replaceChildren(h('p', { role: 'alert' }, `Crohn Score could not start: ${e?.message || e}`));
      }
      return;
    }
    if (token !== this._token) return;
    if (id === 'visits' && token === 1) this._applySets();
    const notice = h('div', { class: 'notice', role: 'status' });
    const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    let timer = 0;
    const screens = buildScreens([id], {
      core, i18n, state: this._state, prefix: this._prefix, withCalculators: false,
      hooks: {
        result: (instrument, inputs, result) => {
          this._last = { instrument, inputs, result };
          this.dispatchEvent(new CustomEvent('crohn-score-result', {
            bubbles: true, composed: true, detail: { instrument, inputs, result },
          }));
        },
        changed: () => {
          clearTimeout(timer);
          timer = setTimeout(() => { live.textContent = screens.get(id).announcement(); }, 600);
        },
        notify: (text) => { notice.textContent = text; },
      },
    });
    const link = h('link', { rel: 'stylesheet', href: new URL('app.css', BASE).href });
    this.shadowRoot.replaceChildren(link, h('div', { class: 'crohn-score-root', lang: i18n.lang }, screens.get(id).el, notice, live));
    screens.get(id).recompute();
  }
}

if (!customElements.get('crohn-score')) customElements.define('crohn-score', CrohnScoreElement);
