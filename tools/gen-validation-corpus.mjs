#!/usr/bin/env node
// Writes the validation corpus documents from the case lists in tools/corpus/, then checks
// every case's stated intent against graphql-js and prints how many valid and invalid documents
// each rule has. It does not write the expected files: run graphql-oracle.mjs afterwards.
// With --check it writes nothing and exits 1 if the documents on disk differ from the cases.
//
//   node tools/gen-validation-corpus.mjs [--check] [CORPUS_DIR]
//
// Each group owns the numbers [base, base + size); a case's number is base + its index, so
// adding a case at the end of a group renumbers nothing else. Numbered files that no case
// produces any more are deleted together with their expected files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_PATTERN, judge, loadSchema } from './lib/verdict.mjs';
import { groups } from './corpus/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const positional = args.filter((a) => a !== '--check');
const dir = path.resolve(
  positional[0] ?? path.join(here, '..', 'src', 'graphql', 'testdata', 'validation'),
);

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Lay out the numbers and file names.
const files = [];
const sorted = [...groups].sort((a, b) => a.base - b.base);
sorted.forEach((group, i) => {
  const end = group.base + group.size;
  const next = sorted[i + 1];
  if (next && end > next.base) fail(`group ${group.slug} overlaps group ${next.slug}`);
  if (group.cases.length > group.size)
    fail(`group ${group.slug} has more than ${group.size} cases`);
  const seen = new Set();
  group.cases.forEach((c, index) => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.name)) fail(`bad case name ${c.name}`);
    if (seen.has(c.name)) fail(`duplicate case name ${group.slug}/${c.name}`);
    seen.add(c.name);
    const number = String(group.base + index).padStart(4, '0');
    const name = `${number}-${group.slug}-${c.name}.graphql`;
    const header = `# ${group.title}: ${c.name.replaceAll('-', ' ')}\n`;
    files.push({ group, c, name, text: c.raw ? c.text : header + c.text });
  });
});

// Write the documents and remove what no case produces (or, with --check, list the drift).
const drift = [];
const wanted = new Set(files.map((f) => f.name));
for (const name of fs.readdirSync(dir)) {
  const documentName = name.replace(/\.expected\.json$/, '.graphql');
  if (DOCUMENT_PATTERN.test(documentName) && !wanted.has(documentName)) {
    if (check) drift.push(`${name}: no case produces it`);
    else fs.rmSync(path.join(dir, name));
  }
}
for (const f of files) {
  const target = path.join(dir, f.name);
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== f.text) {
    if (check) drift.push(`${f.name}: differs from its case in tools/corpus/`);
    else fs.writeFileSync(target, f.text);
  }
}
if (drift.length > 0) fail(`${drift.join('\n')}\n${drift.length} document(s) out of date`);

// Check intents and count.
const schema = loadSchema(dir);
const mismatches = [];
const perGroup = new Map();
const perRule = new Map(); // error rule -> documents in which it fires
for (const f of files) {
  const verdict = judge(schema, fs.readFileSync(path.join(dir, f.name), 'utf8'));
  const fired = [...new Set(verdict.errors.map((e) => e.rule))].sort();
  let expected;
  if (f.c.intent === 'valid') expected = [];
  else if (f.c.intent === 'syntax') expected = ['syntax'];
  else expected = [...new Set([...(f.c.rules ?? [f.group.rule]), ...f.c.also])].sort();
  if (fired.join() !== expected.join()) {
    mismatches.push(
      `${f.name}: meant [${expected.join(', ')}], graphql-js fired [${fired.join(', ')}]` +
        verdict.errors.map((e) => `\n    ${e.rule}: ${e.message}`).join(''),
    );
  }
  const counts = perGroup.get(f.group) ?? { valid: 0, invalid: 0 };
  counts[verdict.valid ? 'valid' : 'invalid'] += 1;
  perGroup.set(f.group, counts);
  for (const rule of fired) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
}

const rows = sorted.map((g) => {
  const c = perGroup.get(g) ?? { valid: 0, invalid: 0 };
  return `${String(g.base).padStart(4, '0')}  ${g.title.padEnd(42)} ${String(c.valid).padStart(5)} ${String(c.invalid).padStart(7)}`;
});
const total = files.length;
const validTotal = [...perGroup.values()].reduce((s, c) => s + c.valid, 0);
process.stdout.write(
  `base  group                                      valid invalid\n${rows.join('\n')}\n` +
    `      total ${total} documents: ${validTotal} valid, ${total - validTotal} invalid\n\n` +
    `documents in which each rule fires:\n` +
    [...perRule.entries()]
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
      .map(([rule, n]) => `  ${String(rule).padEnd(36)} ${n}`)
      .join('\n') +
    '\n',
);
if (mismatches.length > 0) {
  fail(`\n${mismatches.length} case(s) do not test what they say:\n${mismatches.join('\n')}`);
}
process.stdout.write(
  check
    ? `${total} documents match their cases\n`
    : `wrote ${total} documents to ${dir}; now run graphql-oracle.mjs\n`,
);
