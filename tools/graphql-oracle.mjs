#!/usr/bin/env node
// Computes graphql-js's verdict for every NNNN-*.graphql document of a corpus folder and writes
// it beside the document as NNNN-*.expected.json. With --check it writes nothing and exits 1 if
// any committed expected file is missing, stale, or left without its document.
//
//   node tools/graphql-oracle.mjs [--check] [CORPUS_DIR]
//
// CORPUS_DIR defaults to src/graphql/testdata/validation and must hold schema.graphql.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from 'graphql';
import {
  DOCUMENT_PATTERN,
  expectedPathFor,
  judge,
  loadSchema,
  renderVerdict,
} from './lib/verdict.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultDir = path.join(here, '..', 'src', 'graphql', 'testdata', 'validation');

function usage(message) {
  process.stderr.write(`${message}\nusage: node graphql-oracle.mjs [--check] [CORPUS_DIR]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const positional = args.filter((a) => a !== '--check');
for (const a of positional) if (a.startsWith('-')) usage(`unknown option ${a}`);
if (positional.length > 1) usage('at most one corpus folder');
const dir = path.resolve(positional[0] ?? defaultDir);

const schema = loadSchema(dir);
const names = fs.readdirSync(dir).sort();
const documents = names.filter((n) => DOCUMENT_PATTERN.test(n));
const problems = [];

const seenNumbers = new Map();
for (const name of documents) {
  const number = name.slice(0, 4);
  if (seenNumbers.has(number))
    problems.push(`${name}: number also used by ${seenNumbers.get(number)}`);
  seenNumbers.set(number, name);
}

let valid = 0;
for (const name of documents) {
  const documentPath = path.join(dir, name);
  const expectedPath = expectedPathFor(documentPath);
  let verdict;
  try {
    verdict = judge(schema, fs.readFileSync(documentPath, 'utf8'));
  } catch (error) {
    problems.push(`${name}: graphql-js threw instead of giving a verdict: ${error.message}`);
    continue;
  }
  if (verdict.valid) valid += 1;
  const text = renderVerdict(verdict);
  if (!check) {
    if (!fs.existsSync(expectedPath) || fs.readFileSync(expectedPath, 'utf8') !== text) {
      fs.writeFileSync(expectedPath, text);
    }
    continue;
  }
  if (!fs.existsSync(expectedPath)) {
    problems.push(`${path.basename(expectedPath)}: missing`);
  } else if (fs.readFileSync(expectedPath, 'utf8') !== text) {
    problems.push(`${path.basename(expectedPath)}: differs from graphql-js ${version}`);
  }
}

for (const name of names.filter((n) => n.endsWith('.expected.json'))) {
  const documentName = name.replace(/\.expected\.json$/, '.graphql');
  if (!documents.includes(documentName)) problems.push(`${name}: no document ${documentName}`);
}

for (const p of problems) process.stderr.write(`${p}\n`);
const summary =
  `${documents.length} documents (${valid} valid, ${documents.length - valid} invalid), ` +
  `graphql-js ${version}, ${check ? 'checked' : 'written'}: ${path.relative(process.cwd(), dir) || '.'}`;
process.stdout.write(`${summary}\n`);
if (problems.length > 0) {
  process.stderr.write(`${problems.length} problem(s)\n`);
  process.exit(1);
}
