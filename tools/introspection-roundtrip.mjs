#!/usr/bin/env node
// Checks Sluice's introspection against its own SDL printout: graphql-js rebuilds a schema from
// the introspection result (buildClientSchema), prints it (printSchema), and the text must equal
// what `sluice schema print` wrote. Exit 0 when equal; else a unified diff and exit 1.
//
//   node tools/introspection-roundtrip.mjs SCHEMA_PRINT_FILE INTROSPECTION_JSON_FILE
//
// INTROSPECTION_JSON_FILE holds either a whole GraphQL response ({"data": {"__schema": ...}})
// or its data ({"__schema": ...}). Only a trailing newline of the SDL file is ignored.
import fs from 'node:fs';
import { buildClientSchema, printSchema } from 'graphql';
import { unifiedDiff } from './lib/line-diff.mjs';

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.length !== 2) {
  fail('usage: node introspection-roundtrip.mjs SCHEMA_PRINT_FILE INTROSPECTION_JSON_FILE', 2);
}
const [sdlFile, introspectionFile] = args;

const sdl = fs.readFileSync(sdlFile, 'utf8').replace(/\n$/, '');
let response;
try {
  response = JSON.parse(fs.readFileSync(introspectionFile, 'utf8'));
} catch (error) {
  fail(`${introspectionFile}: not JSON: ${error.message}`);
}
if (response?.errors)
  fail(`${introspectionFile}: the response has errors: ${JSON.stringify(response.errors)}`);
const data = response?.data ?? response;
if (!data?.__schema) fail(`${introspectionFile}: no __schema in the introspection result`);

let printed;
try {
  printed = printSchema(buildClientSchema(data));
} catch (error) {
  fail(`${introspectionFile}: graphql-js cannot build a schema from it: ${error.message}`);
}

const diff = unifiedDiff(
  sdl,
  printed,
  `${sdlFile} (sluice schema print)`,
  `printSchema(buildClientSchema(${introspectionFile}))`,
);
if (diff !== '') fail(diff.trimEnd());
process.stdout.write('introspection round trip: the printed schemas are equal\n');
