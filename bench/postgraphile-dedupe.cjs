// Preloaded into PostGraphile 4 (`node --require`). tools/ installs PostGraphile 4 beside
// graphql 16, so npm leaves two copies of graphql 15 and of graphile-build (one under
// postgraphile/, one under graphile-build-pg/) and graphql-parse-resolve-info finds graphql 16;
// a type built by one copy is foreign to the other ("Unexpected input type: Int" on every
// query with arguments). Every require of these packages goes to the copies under
// postgraphile/: the same pinned versions (graphql 15.11.0, graphile-build 4.14.1), one instance.
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..', 'tools', 'node_modules', 'postgraphile', 'node_modules');
const shared = new Set(['graphql', 'graphile-build']);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const name = request.split('/')[0];
  return resolve.call(this, shared.has(name) ? path.join(root, request) : request, ...rest);
};
