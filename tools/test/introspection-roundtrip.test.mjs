import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSchema, graphqlSync, printSchema } from 'graphql';
import { introspectionQuery } from '../lib/introspection.mjs';

const tools = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusSchema = path.join(
  tools,
  '..',
  'src',
  'graphql',
  'testdata',
  'validation',
  'schema.graphql',
);

// The corpus schema, introspected by graphql-js itself: a server whose introspection is right.
const schema = buildSchema(fs.readFileSync(corpusSchema, 'utf8'));
const response = graphqlSync({ schema, source: introspectionQuery() });
const printed = `${printSchema(schema)}\n`;

function roundtrip(sdlText, introspection) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-roundtrip-'));
  try {
    fs.writeFileSync(path.join(dir, 'schema.graphql'), sdlText);
    fs.writeFileSync(path.join(dir, 'introspection.json'), JSON.stringify(introspection));
    return spawnSync(
      process.execPath,
      [
        path.join(tools, 'introspection-roundtrip.mjs'),
        path.join(dir, 'schema.graphql'),
        path.join(dir, 'introspection.json'),
      ],
      { encoding: 'utf8' },
    );
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

test('the introspection query asks for every October 2021 feature', () => {
  assert.equal(response.errors, undefined);
  const s = response.data.__schema;
  assert.equal(typeof s.description, 'string');
  const dateTime = s.types.find((t) => t.name === 'DateTime');
  assert.equal(dateTime.specifiedByURL, 'https://www.rfc-editor.org/rfc/rfc3339');
  assert.equal(s.directives.find((d) => d.name === 'tag').isRepeatable, true);
  const probe = s.types.find((t) => t.name === 'Probe');
  const deprecatedArg = probe.fields.find((f) => f.name === 'deprecatedArg');
  assert.equal(deprecatedArg.args.find((a) => a.name === 'old').isDeprecated, true);
});

test('a matching printout passes, from a whole response or from its data', () => {
  for (const introspection of [response, response.data]) {
    const run = roundtrip(printed, introspection);
    assert.equal(run.status, 0, run.stderr);
  }
});

test('a printout that differs fails with a diff naming the line', () => {
  const run = roundtrip(printed.replace('  barkVolume: Int\n', '  barkVolume: Float\n'), response);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^-  barkVolume: Float$/m);
  assert.match(run.stderr, /^\+  barkVolume: Int$/m);
});

test('a response with errors or without __schema fails', () => {
  assert.equal(roundtrip(printed, { errors: [{ message: 'boom' }] }).status, 1);
  assert.equal(roundtrip(printed, { data: { version: '1' } }).status, 1);
});
