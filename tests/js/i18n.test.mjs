// SPDX-License-Identifier: MIT
// The five message catalogs (web/i18n/*.json): the same keys in each, and in each message the same
// {placeholders} as in English, so that no language shows a raw key or drops a number. The
// `rule.*` keys translate the core's English rule labels, so English has none and the four other
// languages have the same ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';

const LANGS = ['en', 'it', 'de', 'nl', 'ru'];
const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../web/i18n/${lang}.json`, import.meta.url), 'utf8'));
const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every catalog has the keys and placeholders of the English one', () => {
  const en = catalog('en');
  const ruleKeys = (c) => Object.keys(c).filter((k) => k.startsWith('rule.')).sort();
  assert.deepEqual(ruleKeys(en), []);
  const translatedRules = ruleKeys(catalog('it'));
  assert.ok(translatedRules.length > 0);
  for (const lang of LANGS.slice(1)) {
    const c = catalog(lang);
    assert.deepEqual(Object.keys(c).filter((k) => !k.startsWith('rule.')).sort(), Object.keys(en).sort(), `${lang}: keys`);
    assert.deepEqual(ruleKeys(c), translatedRules, `${lang}: rule labels`);
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(c[key]), placeholders(en[key]), `${lang}: ${key}`);
    }
  }
});
