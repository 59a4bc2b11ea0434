// Building blocks of the corpus case files. A case states what its author meant (valid, a
// syntax error, or which rules fire); graphql-js decides the actual verdict, and
// gen-validation-corpus.mjs fails when the two disagree, so a case cannot silently test
// something other than what its name says.

// Removes the first newline and the indentation common to all non-blank lines, so cases can be
// written indented inside the JS source.
function dedent(text) {
  const body = text.replace(/^\n/, '');
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.match(/^ */)[0].length);
  const cut = Math.min(...indents);
  return lines
    .map((l) => l.slice(cut))
    .join('\n')
    .replace(/\s*$/, '\n');
}

// raw: the text is written byte for byte, with no header comment and no reindenting (lexer
// cases where every character counts). An invalid case expects exactly its group's rule plus
// `also`; `rules` replaces the group's rule.
function make(name, doc, intent, { raw = false, rules = null, also = [] } = {}) {
  return { name, text: raw ? doc : dedent(doc), raw, intent, rules, also };
}

export const ok = (name, doc, opts) => make(name, doc, 'valid', opts);
export const bad = (name, doc, opts) => make(name, doc, 'invalid', opts);
export const syntax = (name, doc, opts) => make(name, doc, 'syntax', opts);

// Lexer cases are raw and mostly one line; String.raw keeps GraphQL escapes as typed.
export const rawOk = (name, doc) => ok(name, doc, { raw: true });
export const rawBad = (name, doc, rules) => bad(name, doc, { raw: true, rules });
export const rawSyntax = (name, doc) => syntax(name, doc, { raw: true });
