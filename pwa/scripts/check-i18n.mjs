#!/usr/bin/env node
/**
 * Are the message catalogues complete? Fails (exit 1) when
 *   - a key of en.json is missing in another language, or another language has a key en.json
 *     does not have;
 *   - a plural message lacks a form its language needs (CLDR categories from Intl.PluralRules:
 *     Polish one/few/many/other, Hebrew one/two/other, …) or has a form that does not exist;
 *   - a key is used by no source file: neither as a string literal ('nav.home') nor through a
 *     template literal prefix (`role.${role}` uses every role.* key);
 *   - a translation uses a placeholder the English message does not have (it would show as
 *     "{name}" on screen);
 *   - a call `t('key', { … })` with a literal key and object leaves out a placeholder of the
 *     message, or a plural message's `count` (the screen would say "{done} of 3 steps done").
 *
 *   node scripts/check-i18n.mjs [--catalogues src/i18n] [--sources src]
 * Run by `npm run lint`, and by tests/e2e/test_pwa.py (also against broken copies).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

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

/** The `{name}` placeholders of a message, over all its plural forms. */
function placeholders(entry) {
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  return new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));
}

for (const code of LANGUAGES.slice(1)) {
  for (const [key, entry] of Object.entries(catalogues[code])) {
    if (!(key in english)) continue;
    const known = placeholders(english[key]);
    for (const name of placeholders(entry)) {
      if (!known.has(name)) problems.push(`${code}.json: "${key}" uses {${name}}, which en.json does not have`);
    }
  }
}

/** The top-level property names of an object literal's source text ("...x" for a spread). */
function propertyNames(body) {
  const names = [];
  let depth = 0;
  let part = '';
  for (const char of `${body},`) {
    if ('{(['.includes(char)) depth += 1;
    else if ('})]'.includes(char)) depth -= 1;
    if (char === ',' && depth === 0) {
      const trimmed = part.trim();
      if (trimmed.startsWith('...')) names.push('...');
      else {
        const match = /^['"]?(\w+)['"]?\s*(:|$)/.exec(trimmed);
        if (match) names.push(match[1]);
      }
      part = '';
    } else part += char;
  }
  return names;
}

for (const file of sources(sourcesDir)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\bt\(\s*'([\w.]+)'\s*,\s*\{/g)) {
    const key = match[1];
    if (!(key in english)) continue;
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '{') depth += 1;
      else if (text[end] === '}' && (depth -= 1) === 0) break;
    }
    const given = propertyNames(text.slice(match.index + match[0].length, end));
    if (given.includes('...')) continue;
    const needed = placeholders(english[key]);
    if (typeof english[key] !== 'string') needed.add('count');
    for (const name of needed) {
      if (!given.includes(name)) {
        problems.push(`${relative(here, file)}: t('${key}') is not given {${name}}`);
      }
    }
  }
}

if (problems.length) {
  console.error(`Message catalogues: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  // exitCode, not exit(): exit() can end the process before a long report has left the pipe
  // (it was cut at 64 KB, losing the last problems).
  process.exitCode = 1;
} else {
  console.log(`Message catalogues: ${Object.keys(english).length} keys, complete in ${LANGUAGES.join(', ')}.`);
}
