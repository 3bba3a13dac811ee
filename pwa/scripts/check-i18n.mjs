#!/usr/bin/env node
/**
 * Are the message catalogues complete? Fails (exit 1) when
 *   - a key of en.json is missing in another language, or another language has a key en.json
 *     does not have;
 *   - a plural message lacks a form its language needs (CLDR categories from Intl.PluralRules:
 *     Polish one/few/many/other, Hebrew one/two/other, …) or has a form that does not exist;
 *   - a key is used by no source file: neither as a string literal ('nav.home') nor through a
 *     template literal prefix (`role.${role}` uses every role.* key).
 *
 *   node scripts/check-i18n.mjs [--catalogues src/i18n] [--sources src]
 * Run by `npm run lint`, and by tests/e2e/test_pwa.py (also against broken copies).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LANGUAGES = ['en', 'pl', 'fi', 'he'];
const here = resolve(import.meta.dirname, '..');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(here, fallback);
}

const cataloguesDir = option('--catalogues', 'src/i18n');
const sourcesDir = option('--sources', 'src');
const problems = [];

const catalogues = Object.fromEntries(
  LANGUAGES.map((code) => [code, JSON.parse(readFileSync(join(cataloguesDir, `${code}.json`), 'utf8'))]),
);
const english = catalogues.en;

for (const code of LANGUAGES.slice(1)) {
  const catalogue = catalogues[code];
  for (const key of Object.keys(english)) {
    if (!(key in catalogue)) problems.push(`${code}.json: missing "${key}"`);
  }
  for (const key of Object.keys(catalogue)) {
    if (!(key in english)) problems.push(`${code}.json: "${key}" is not in en.json`);
  }
}

for (const code of LANGUAGES) {
  const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
  for (const [key, entry] of Object.entries(catalogues[code])) {
    if (typeof entry === 'string') continue;
    const forms = Object.keys(entry);
    for (const form of needed) {
      if (!forms.includes(form)) problems.push(`${code}.json: "${key}" lacks the plural form "${form}"`);
    }
    for (const form of forms) {
      if (!needed.includes(form)) problems.push(`${code}.json: "${key}" has "${form}", not a ${code} plural form`);
    }
  }
}

function sources(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const literals = new Set();
const prefixes = new Set();
for (const file of sources(sourcesDir)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(['"])([A-Za-z][\w.-]*)\1/g)) literals.add(match[2]);
  for (const match of text.matchAll(/`([A-Za-z][\w.-]*\.)\$\{/g)) prefixes.add(match[1]);
}
for (const key of Object.keys(english)) {
  const used = literals.has(key) || [...prefixes].some((prefix) => key.startsWith(prefix));
  if (!used) problems.push(`en.json: "${key}" is used by no source file`);
}

if (problems.length) {
  console.error(`Message catalogues: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Message catalogues: ${Object.keys(english).length} keys, complete in ${LANGUAGES.join(', ')}.`);
