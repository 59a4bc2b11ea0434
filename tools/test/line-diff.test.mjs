import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unifiedDiff } from '../lib/line-diff.mjs';

// Applies a unified diff produced by unifiedDiff to `oldText`; hunks must match the old text.
function applyDiff(oldText, diff) {
  const old = oldText.split('\n');
  const lines = diff.trimEnd().split('\n').slice(2);
  const result = [];
  let next = 0; // index into old
  let k = 0;
  while (k < lines.length) {
    const header = lines[k++].match(/^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/);
    assert.ok(header, `hunk header expected at diff line ${k}`);
    const start = Number(header[1]) - 1;
    result.push(...old.slice(next, start));
    next = start;
    while (k < lines.length && !lines[k].startsWith('@@')) {
      const kind = lines[k][0];
      const text = lines[k].slice(1);
      if (kind === ' ' || kind === '-') {
        assert.equal(old[next], text, `context or removal must match old line ${next + 1}`);
        next++;
      }
      if (kind === ' ' || kind === '+') result.push(text);
      k++;
    }
  }
  result.push(...old.slice(next));
  return result.join('\n');
}

function randomText(random, lines) {
  return Array.from({ length: lines }, () => `line ${Math.floor(random() * 6)}`).join('\n');
}

// Small deterministic generator so a failure can be replayed.
function lcg(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('equal texts give no diff', () => {
  assert.equal(unifiedDiff('a\nb', 'a\nb', 'old', 'new'), '');
});

test('the diff names both sides and marks the changed line', () => {
  const diff = unifiedDiff('type A {\n  x: Int\n}', 'type A {\n  x: Float\n}', 'old', 'new');
  const lines = diff.trimEnd().split('\n');
  assert.equal(lines[0], '--- old');
  assert.equal(lines[1], '+++ new');
  assert.ok(lines.includes('-  x: Int'));
  assert.ok(lines.includes('+  x: Float'));
});

test('applying the diff to the old text gives the new text', () => {
  const random = lcg(20240229);
  for (let round = 0; round < 300; round++) {
    const oldText = randomText(random, Math.floor(random() * 40));
    const newText = randomText(random, Math.floor(random() * 40));
    const diff = unifiedDiff(oldText, newText, 'old', 'new', round % 4);
    assert.equal(applyDiff(oldText, diff), newText, `round ${round}`);
  }
});
