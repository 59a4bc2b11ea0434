// A line diff in unified format, enough to show where two printed schemas part ways.

// Longest common subsequence of the two line arrays, as edit operations. Common head and tail are
// stripped first; schemas that differ a little then leave a small middle for the quadratic table.
function editScript(a, b) {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  const ops = a.slice(0, head).map((line) => [' ', line]);
  const cells = (ma.length + 1) * (mb.length + 1);
  if (cells > 16e6) {
    // Too different to align usefully: show the whole middle as replaced.
    ops.push(...ma.map((line) => ['-', line]), ...mb.map((line) => ['+', line]));
  } else {
    const width = mb.length + 1;
    const lcs = new Uint32Array(cells);
    for (let i = ma.length - 1; i >= 0; i--) {
      for (let j = mb.length - 1; j >= 0; j--) {
        lcs[i * width + j] =
          ma[i] === mb[j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < ma.length || j < mb.length) {
      if (i < ma.length && j < mb.length && ma[i] === mb[j]) {
        ops.push([' ', ma[i++]]);
        j++;
      } else if (
        j < mb.length &&
        (i === ma.length || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])
      ) {
        ops.push(['+', mb[j++]]);
      } else {
        ops.push(['-', ma[i++]]);
      }
    }
  }
  ops.push(...a.slice(a.length - tail).map((line) => [' ', line]));
  return ops;
}

// Returns '' when the texts are equal, else a unified diff with `context` lines around changes.
export function unifiedDiff(oldText, newText, oldName, newName, context = 3) {
  if (oldText === newText) return '';
  const ops = editScript(oldText.split('\n'), newText.split('\n'));
  // Line numbers before each op, in the old and new text.
  const oldLine = [];
  const newLine = [];
  let o = 1;
  let n = 1;
  for (const [kind] of ops) {
    oldLine.push(o);
    newLine.push(n);
    if (kind !== '+') o++;
    if (kind !== '-') n++;
  }
  const changed = ops.map(([kind], k) => (kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  const hunks = [];
  for (const k of changed) {
    const last = hunks.at(-1);
    if (last && k - context <= last.end + context) last.end = k;
    else hunks.push({ start: k, end: k });
  }
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const { start, end } of hunks) {
    const from = Math.max(0, start - context);
    const to = Math.min(ops.length - 1, end + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter(([kind]) => kind !== '+').length;
    const newCount = slice.filter(([kind]) => kind !== '-').length;
    out.push(`@@ -${oldLine[from]},${oldCount} +${newLine[from]},${newCount} @@`);
    out.push(...slice.map(([kind, line]) => `${kind}${line}`));
  }
  return `${out.join('\n')}\n`;
}
