// Checks one GraphQL-over-HTTP answer before it is timed: POSTs the JSON body in file argv[3]
// to URL argv[2] and compares the list found at the dotted path argv[4] (e.g.
// "data.allTbUsers.nodes") with argv[5], the expected rows as JSON (computed by PostgreSQL).
// Exits non-zero with the difference when the status, an error or a row differs.
import { readFileSync } from 'node:fs';

const [url, bodyFile, path, expectedJson] = process.argv.slice(2);
const response = await fetch(url, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: readFileSync(bodyFile),
});
const text = await response.text();
const fail = (message) => {
  console.error(`check-list: ${url} ${path}: ${message}\n  response: ${text.slice(0, 500)}`);
  process.exit(1);
};
if (response.status !== 200) fail(`HTTP ${response.status}`);
const body = JSON.parse(text);
if (body.errors) fail('the response has errors');
const rows = path.split('.').reduce((value, key) => value?.[key], body);
const expected = JSON.parse(expectedJson);
if (!Array.isArray(rows)) fail('no list at that path');
if (rows.length !== expected.length) fail(`${rows.length} rows, expected ${expected.length}`);
rows.forEach((row, i) => {
  if (JSON.stringify(row) !== JSON.stringify(expected[i])) {
    fail(`row ${i} is ${JSON.stringify(row)}, expected ${JSON.stringify(expected[i])}`);
  }
});
