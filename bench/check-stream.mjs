// Reads the streamed response of bench/queries/stream.graphql (for the root field named by the
// first argument) from stdin, parses every row, and prints a summary to compare with the same
// aggregates computed by PostgreSQL: {"rows", "ageSum", "bioNulls", "lastLoginNulls"}.
// Fails on anything but {"data":{"<field>":[row,row,...]}} with rows of exactly the 10 selected
// fields in selection order. Memory stays at one row: the response can be hundreds of MB.
// A row is cut out at its first "}": the data set's values hold no braces (bench/schema.sql),
// and a wrong cut could not pass JSON.parse and the key check.

const field = process.argv[2];
const head = `{"data":{"${field}":[`;
const tail = ']}}';
const keys = 'id,email,username,fullName,age,isActive,score,createdAt,lastLoginAt,bio';

const fail = (message) => {
  console.error(`check-stream: ${message}`);
  process.exit(1);
};

const summary = { rows: 0, ageSum: 0, bioNulls: 0, lastLoginNulls: 0 };
let buf = '';
let started = false;
let ended = false;
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  buf += chunk;
  if (!started) {
    if (buf.length < head.length) continue;
    if (!buf.startsWith(head)) fail(`response starts with ${JSON.stringify(buf.slice(0, 200))}`);
    buf = buf.slice(head.length);
    started = true;
  }
  let pos = 0;
  while (!ended && pos < buf.length) {
    if (buf[pos] === ']') {
      ended = true;
      break;
    }
    const start = summary.rows === 0 ? pos : pos + 1;
    if (summary.rows > 0 && buf[pos] !== ',') fail(`expected "," after row ${summary.rows}`);
    const end = buf.indexOf('}', start);
    if (end < 0) break;  // the row continues in the next chunk
    let row;
    try {
      row = JSON.parse(buf.slice(start, end + 1));
    } catch (e) {
      fail(`row ${summary.rows + 1} is not JSON: ${buf.slice(start, end + 1)}`);
    }
    if (Object.keys(row).join(',') !== keys) {
      fail(`row ${summary.rows + 1} has keys ${Object.keys(row)}`);
    }
    summary.rows += 1;
    summary.ageSum += row.age;
    if (row.bio === null) summary.bioNulls += 1;
    if (row.lastLoginAt === null) summary.lastLoginNulls += 1;
    pos = end + 1;
  }
  buf = buf.slice(pos);
}
if (!started || !ended || buf !== tail) fail(`response does not end with ${tail} after the rows`);
console.log(JSON.stringify(summary));
