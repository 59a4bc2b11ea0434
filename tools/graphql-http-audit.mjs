// The GraphQL-over-HTTP audit of the pinned graphql-http package against a running server.
//
//   node graphql-http-audit.mjs URL     (e.g. http://127.0.0.1:8080/graphql)
//
// Prints one line per audit: "ok", or "warn" (a SHOULD failed), "error" (a MUST failed) or
// "notice" (a MAY failed) with the reason and the response's status and body. Exit 0 when every
// MUST and SHOULD audit passed (MAY failures are reported only), 1 otherwise or when the audit
// itself could not run (e.g. nothing listens at URL), 2 on wrong usage.

import { auditServer } from 'graphql-http';

// No single request of the audit may hang the run.
const REQUEST_TIMEOUT_MS = 10_000;

const args = process.argv.slice(2);
if (args.length !== 1) {
  console.error('usage: node graphql-http-audit.mjs URL');
  process.exit(2);
}
const url = args[0];

const fetchWithDeadline = (input, init = {}) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

// The body of a failed audit's response, when the audit left it unread.
async function bodyOf(response) {
  try {
    const text = await response.clone().text();
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return '(body already read by the audit)';
  }
}

let results;
try {
  results = await auditServer({ url, fetchFn: fetchWithDeadline });
} catch (err) {
  console.error(`graphql-http-audit: the audit could not run against ${url}: ${err.message ?? err}`);
  process.exit(1);
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status === 'ok') {
    console.log(`ok     ${result.id} ${result.name}`);
    continue;
  }
  const { response } = result;
  console.log(`${result.status.padEnd(6)} ${result.id} ${result.name}`);
  console.log(`       ${result.reason}`);
  console.log(
    `       got ${response.status} ${response.headers.get('content-type') ?? '(no content-type)'}: ` +
      (await bodyOf(response)),
  );
}
console.log(
  `${results.length} audits: ${counts.ok} ok, ${counts.error} MUST failed, ` +
    `${counts.warn} SHOULD failed, ${counts.notice} MAY failed`,
);
process.exit(counts.error + counts.warn > 0 ? 1 : 0);
