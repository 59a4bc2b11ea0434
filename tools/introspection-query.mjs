#!/usr/bin/env node
// Prints the introspection query Sluice's tests send (see lib/introspection.mjs).
//
//   node tools/introspection-query.mjs          the query text
//   node tools/introspection-query.mjs --json   a GraphQL-over-HTTP request body for it
import { introspectionQuery } from './lib/introspection.mjs';

const args = process.argv.slice(2);
if (args.some((a) => a !== '--json')) {
  process.stderr.write('usage: node introspection-query.mjs [--json]\n');
  process.exit(2);
}
const query = introspectionQuery();
process.stdout.write(
  args.includes('--json')
    ? `${JSON.stringify({ query, operationName: 'IntrospectionQuery' })}\n`
    : `${query}\n`,
);
