import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';

const tools = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SDL =
  'type Query { dog(id: ID!): Dog }\ntype Dog { name: String barks: Boolean }\ntype Subscription { a: Int b: Int }\n';

function corpus(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-oracle-'));
  fs.writeFileSync(path.join(dir, 'schema.graphql'), SDL);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const oracle = (...args) =>
  spawnSync(process.execPath, [path.join(tools, 'graphql-oracle.mjs'), ...args], {
    encoding: 'utf8',
  });
const read = (dir, name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));

test('writes graphql-js verdicts, then --check passes', () => {
  const invalid = '{ dog { name meow } }\n';
  const dir = corpus({
    '0001-valid.graphql': '{ dog(id: 1) { name } }\n',
    '0002-invalid.graphql': invalid,
    '0003-syntax.graphql': '{ dog(id: ) }\n',
  });
  try {
    assert.equal(oracle(dir).status, 0);
    assert.deepEqual(read(dir, '0001-valid.expected.json'), {
      valid: true,
      stage: 'validate',
      errors: [],
    });

    const direct = validate(buildSchema(SDL), parse(invalid));
    const written = read(dir, '0002-invalid.expected.json');
    assert.equal(written.valid, false);
    assert.deepEqual(
      written.errors.map((e) => [e.message, e.locations]),
      direct.map((e) => [e.message, e.locations]),
    );
    assert.deepEqual(written.errors.map((e) => e.rule).sort(), [
      'FieldsOnCorrectTypeRule',
      'ProvidedRequiredArgumentsRule',
    ]);

    const syntax = read(dir, '0003-syntax.expected.json');
    assert.equal(syntax.stage, 'parse');
    assert.equal(syntax.errors.length, 1);
    assert.match(syntax.errors[0].message, /^Syntax Error: /);
    assert.deepEqual(syntax.errors[0].locations, [{ line: 1, column: 11 }]);

    assert.equal(oracle('--check', dir).status, 0);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('--check fails on a stale, missing or orphaned expected file', () => {
  const dir = corpus({ '0001-a.graphql': '{ dog(id: 1) { name } }\n' });
  try {
    assert.equal(oracle('--check', dir).status, 1, 'missing');
    assert.equal(oracle(dir).status, 0);
    fs.writeFileSync(path.join(dir, '0001-a.graphql'), '{ dog(id: 1) { nam } }\n');
    assert.equal(oracle('--check', dir).status, 1, 'stale');
    assert.equal(oracle(dir).status, 0);
    fs.writeFileSync(path.join(dir, '0002-gone.expected.json'), '{}\n');
    const run = oracle('--check', dir);
    assert.equal(run.status, 1, 'orphan');
    assert.match(run.stderr, /0002-gone\.expected\.json: no document/);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('a document graphql-js cannot judge is an error, not a verdict', () => {
  // graphql-js 16 throws from validate() when a subscription's root field is conditional on a
  // variable, because it evaluates @include without variable values.
  const dir = corpus({
    '0001-throws.graphql': 'subscription S($v: Boolean!) { a b @include(if: $v) }\n',
  });
  try {
    const run = oracle(dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /0001-throws\.graphql: graphql-js threw/);
    assert.equal(fs.existsSync(path.join(dir, '0001-throws.expected.json')), false);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});
