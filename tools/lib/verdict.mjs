// The judgement shared by the oracle and the corpus generator: what graphql-js says about one
// document against one schema.
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError, buildSchema, parse, specifiedRules, validate } from 'graphql';

export const SCHEMA_FILE = 'schema.graphql';
// NNNN-short-name.graphql; the schema itself does not match.
export const DOCUMENT_PATTERN = /^(\d{4})-[a-z0-9][a-z0-9-]*\.graphql$/;

export function loadSchema(dir) {
  return buildSchema(fs.readFileSync(path.join(dir, SCHEMA_FILE), 'utf8'));
}

const errorKey = (error) => JSON.stringify([error.message, error.locations ?? []]);

// Runs every rule alone once so each error of the combined run can be tagged with the rule that
// produced it. The combined run alone decides order and content; the tag is a debugging aid.
// graphql-js stops after 100 errors and appends a location-less error of its own: tagged "limit".
function ruleOfEachError(schema, document, errors) {
  const owner = new Map();
  for (const rule of specifiedRules) {
    for (const error of validate(schema, document, [rule], { maxErrors: Infinity })) {
      if (!owner.has(errorKey(error))) owner.set(errorKey(error), rule.name);
    }
  }
  return errors.map((error) => {
    const rule = owner.get(errorKey(error));
    if (rule !== undefined) return rule;
    if ((error.locations ?? []).length === 0) return 'limit';
    throw new Error(`no single rule reproduces the error: ${error.message}`);
  });
}

const plainError = (error, rule) => ({
  message: error.message,
  locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
  rule,
});

// Returns {valid, stage, errors}. stage is "parse" when the document is not syntactically valid
// (a single "Syntax Error: ..." error with its rule set to "syntax"), else "validate".
// Throws if graphql-js itself throws from validate(): such a document has no verdict.
export function judge(schema, text) {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { valid: false, stage: 'parse', errors: [plainError(error, 'syntax')] };
  }
  const errors = validate(schema, document, specifiedRules);
  const rules = ruleOfEachError(schema, document, errors);
  return {
    valid: errors.length === 0,
    stage: 'validate',
    errors: errors.map((error, i) => plainError(error, rules[i])),
  };
}

// The exact bytes of an .expected.json file, so --check can compare text: one key per line,
// each error's locations on one line.
export function renderVerdict({ valid, stage, errors }) {
  const j = JSON.stringify;
  const renderError = (e) =>
    [
      '    {',
      `      "message": ${j(e.message)},`,
      `      "locations": [${e.locations.map((l) => `{"line": ${l.line}, "column": ${l.column}}`).join(', ')}],`,
      `      "rule": ${j(e.rule)}`,
      '    }',
    ].join('\n');
  const list = errors.length === 0 ? '[]' : `[\n${errors.map(renderError).join(',\n')}\n  ]`;
  return `{\n  "valid": ${j(valid)},\n  "stage": ${j(stage)},\n  "errors": ${list}\n}\n`;
}

export function expectedPathFor(documentPath) {
  return documentPath.replace(/\.graphql$/, '.expected.json');
}
