// Rules about values: literal coercion, required arguments, input object field names, and
// variables (names, definitions, uses, positions).
import { bad, ok } from './cases.mjs';

// One-field document passing a literal to Probe.<field>.
const probe = (field, literal) => `{ probe { ${field}(value: ${literal}) } }`;
const valueOk = (name, field, literal) => ok(name, probe(field, literal));
const valueBad = (name, field, literal) => bad(name, probe(field, literal));

const valuesOfCorrectType = [
  // Int
  valueOk('int-positive', 'int', '12'),
  valueOk('int-null', 'int', 'null'),
  valueBad('int-from-string', 'int', '"12"'),
  valueBad('int-from-boolean', 'int', 'true'),
  valueBad('int-from-enum', 'int', 'TWELVE'),
  valueBad('int-from-list', 'int', '[1]'),
  valueBad('int-from-object', 'int', '{value: 1, list: [1, 2], nested: {ok: true}}'),
  valueBad('int-from-float-fraction', 'int', '12.5'),
  valueBad('non-null-int-null', 'nonNullInt', 'null'),
  valueBad('non-null-int-from-string', 'nonNullInt', '"1"'),
  // Float
  valueOk('float-integer-literal', 'float', '-3'),
  valueBad('float-from-string', 'float', '"1.5"'),
  valueBad('float-from-boolean', 'float', 'false'),
  valueBad('float-from-enum-nan', 'float', 'NaN'),
  valueBad('float-from-enum-infinity', 'float', 'Infinity'),
  valueBad('non-null-float-null', 'nonNullFloat', 'null'),
  // String
  valueOk('string-block', 'string', '"""block"""'),
  valueBad('string-from-int', 'string', '42'),
  valueBad('string-from-float', 'string', '4.2'),
  valueBad('string-from-boolean', 'string', 'true'),
  valueBad('string-from-enum', 'string', 'HELLO'),
  valueBad('string-from-list', 'string', '["a"]'),
  valueBad('non-null-string-null', 'nonNullString', 'null'),
  // Boolean
  valueOk('boolean-false', 'boolean', 'false'),
  valueBad('boolean-from-int', 'boolean', '1'),
  valueBad('boolean-from-string', 'boolean', '"true"'),
  valueBad('boolean-from-uppercase-enum', 'boolean', 'TRUE'),
  valueBad('non-null-boolean-null', 'nonNullBoolean', 'null'),
  // ID
  valueOk('id-from-string', 'id', '"a-1"'),
  valueOk('id-from-int', 'id', '-42'),
  valueBad('id-from-float', 'id', '4.2'),
  valueBad('id-from-boolean', 'id', 'true'),
  valueBad('id-from-enum', 'id', 'ABC'),
  valueBad('non-null-id-null', 'nonNullId', 'null'),
  // Enums
  valueOk('enum-value', 'species', 'PARROT'),
  valueOk('enum-deprecated-value', 'command', 'ROLL_OVER'),
  valueBad('enum-from-string', 'species', '"DOG"'),
  valueBad('enum-unknown-value', 'species', 'HAMSTER'),
  valueBad('enum-misspelled-value', 'command', 'STAYY'),
  valueBad('enum-lowercase-value', 'command', 'sit'),
  valueBad('enum-from-int', 'species', '1'),
  valueBad('enum-from-boolean', 'species', 'true'),
  valueBad('enum-from-other-enums-value', 'species', 'SIT'),
  valueBad('non-null-enum-null', 'nonNullSpecies', 'null'),
  // Custom scalars accept every literal.
  valueOk('custom-scalar-string', 'dateTime', '"2024-02-29T12:00:00Z"'),
  valueOk('custom-scalar-int', 'dateTime', '1700000000'),
  valueOk('custom-scalar-object', 'json', '{a: [1, {b: null}], c: ENUMISH}'),
  valueOk('custom-scalar-enum-like', 'email', 'NOBODY'),
  // Lists
  valueOk('list-single-value-coerced', 'stringList', '"alone"'),
  valueOk('list-with-nulls', 'stringList', '["a", null]'),
  valueOk('list-of-lists-single-value-coerced', 'intMatrix', '3'),
  valueOk('list-of-lists-mixed-depth', 'intMatrix', '[1, [2, 3], null]'),
  valueBad('list-item-wrong-type', 'stringList', '["a", 2, "c"]'),
  valueBad('list-items-wrong-type-several', 'stringList', '[1, true, B]'),
  valueBad('list-nested-too-deep', 'stringList', '[["a"]]'),
  valueBad('non-null-list-null', 'nonNullStringList', 'null'),
  valueBad('non-null-list-null-item', 'nonNullStringList', '["a", null]'),
  valueBad('matrix-null-in-inner-list', 'intMatrix', '[[1, null]]'),
  valueBad('matrix-wrong-inner-item', 'intMatrix', '[[1, "2"]]'),
  valueBad('list-of-non-null-single-null', 'listOfNonNull', '[null]'),
  // Input objects
  valueOk(
    'input-object-full',
    'adoption',
    '{petId: "p1", adopterId: 7, note: "n", when: "2024-01-01", priority: 2, tags: ["x"], legacyCode: "L"}',
  ),
  valueOk('input-object-required-only', 'adoption', '{petId: 1, adopterId: 2}'),
  valueOk(
    'input-object-nested',
    'petFilter',
    '{owner: {name: "Ann", born: {from: "2000"}}, and: [{species: CAT}], not: {not: {name: "x"}}}',
  ),
  valueOk('input-object-list-single-coerced', 'adoptions', '{petId: 1, adopterId: 2}'),
  valueBad('input-object-missing-required-field', 'adoption', '{petId: 1}'),
  valueBad('input-object-missing-two-required-fields', 'adoption', '{note: "no ids"}'),
  valueBad('input-object-required-field-null', 'adoption', '{petId: null, adopterId: 2}'),
  valueBad(
    'input-object-defaulted-non-null-field-null',
    'adoption',
    '{petId: 1, adopterId: 2, priority: null}',
  ),
  valueBad('input-object-unknown-field', 'adoption', '{petId: 1, adopterId: 2, color: "red"}'),
  valueBad('input-object-unknown-field-suggestion', 'petFilter', '{specie: DOG}'),
  valueBad('input-object-field-wrong-type', 'petFilter', '{minAge: "three"}'),
  valueBad('input-object-from-string', 'petFilter', '"species: DOG"'),
  valueBad('input-object-from-list', 'petFilter', '[{name: "x"}]'),
  valueBad('input-object-nested-missing-required', 'petFilter', '{owner: {email: "a@b.c"}}'),
  valueBad(
    'input-object-deep-wrong-enum',
    'petFilter',
    '{not: {not: {and: [{species: DOG}, {species: "CAT"}]}}}',
  ),
  valueBad('non-null-input-object-null', 'nonNullPetFilter', 'null'),
  // Variable default values are checked too.
  ok(
    'variable-defaults-valid',
    `
    query Q($a: Int = 1, $b: PetFilter = {species: DOG}, $c: [Int!] = [1, 2]) {
      probe { int(value: $a) petFilter(value: $b) listOfNonNull(value: $c) }
    }
  `,
  ),
  bad('variable-default-wrong-scalar', `query Q($a: Int = 1.5) { probe { int(value: $a) } }`),
  bad(
    'variable-default-wrong-enum',
    `query Q($a: Species = "DOG") { probe { species(value: $a) } }`,
  ),
  bad(
    'variable-default-input-object-unknown-field',
    `query Q($a: PetFilter = {colour: RED}) { probe { petFilter(value: $a) } }`,
  ),
  bad('variable-default-list-item', `query Q($a: [Int] = [1, "2"]) { probe { json(value: $a) } }`, {
    also: ['VariablesInAllowedPositionRule'],
  }),
  bad(
    'variable-default-null-for-non-null',
    `query Q($a: Int! = null) { probe { int(value: $a) } }`,
  ),
  // Directive arguments.
  bad('directive-argument-wrong-type', `{ version @skip(if: "yes") }`),
  bad('directive-enum-argument-unknown', `mutation M { deletePet(id: 1) @audit(level: VERBOSE) }`),
  bad('directive-argument-null', `{ now @cached(ttl: null) }`),
  bad(
    'errors-in-many-places',
    `{ dog(id: 1.5) { isHousetrained(atOtherHomes: "no") doesKnowCommand(command: sit) } }`,
  ),
];

const providedRequiredArguments = [
  ok(
    'all-required-given',
    `{ probe { nonNullInt(value: 1) twoRequired(a: 1, b: "b") optionalAndRequired(req: true) } }`,
  ),
  ok('required-with-default-omitted', `{ probe { requiredWithDefault } }`),
  ok('optional-omitted', `{ dog { name } probe { int } }`),
  ok('skip-and-include-with-if', `{ version @skip(if: false) now @include(if: true) }`),
  bad('missing-only-argument', `{ probe { nonNullInt } }`),
  bad('missing-one-of-two', `{ probe { twoRequired(a: 1) } }`),
  bad('missing-both-of-two', `{ probe { twoRequired } }`),
  bad('given-optional-missing-required', `{ probe { optionalAndRequired(opt: 1) } }`),
  bad('missing-on-root-field', `{ human { name } }`),
  bad('missing-on-mutation-field', `mutation M { renamePet(id: 1) { name } }`),
  bad('missing-enum-argument', `{ dog(id: 1) { doesKnowCommand } }`),
  bad('skip-without-if', `{ version @skip }`),
  bad('include-without-if', `{ dog(id: 1) { ...F @include } } fragment F on Dog { name }`),
  bad('custom-directive-missing-argument', `{ now @cached(scope: PRIVATE) }`),
  bad('repeatable-directive-missing-argument', `{ version @tag @tag(name: "ok") }`),
  bad(
    'missing-in-fragment',
    `
    { human(id: 1) { ...F } }
    fragment F on Human { bestFriend { pets { ... on Dog { doesKnowCommand } } } }
  `,
  ),
  bad('missing-and-unknown-argument', `{ probe { nonNullInt(valu: 1) } }`, {
    also: ['KnownArgumentNamesRule'],
  }),
  bad('explicit-null-is-not-missing', `{ probe { nonNullInt(value: null) } }`, {
    rules: ['ValuesOfCorrectTypeRule'],
  }),
];

const uniqueInputFieldNames = [
  ok(
    'distinct-fields',
    `{ probe { petFilter(value: {name: "a", species: DOG, owner: {name: "b"}}) } }`,
  ),
  ok(
    'same-field-in-sibling-objects',
    `{ probe { petFilter(value: {and: [{name: "a"}, {name: "b"}], not: {name: "c"}}) } }`,
  ),
  ok(
    'same-field-at-different-depths',
    `{ probe { petFilter(value: {name: "a", owner: {name: "b"}, not: {name: "c", not: {name: "d"}}}) } }`,
  ),
  bad('duplicate-field', `{ probe { petFilter(value: {name: "a", name: "b"}) } }`),
  bad(
    'duplicate-field-three-times',
    `{ probe { petFilter(value: {name: "a", name: "b", name: "c"}) } }`,
  ),
  bad(
    'duplicate-nested-field',
    `{ probe { petFilter(value: {owner: {name: "a", email: "e", name: "b"}}) } }`,
  ),
  bad(
    'duplicate-in-list-item',
    `{ probe { petFilter(value: {and: [{species: DOG}, {species: CAT, species: DOG}]}) } }`,
  ),
  bad('duplicate-in-custom-scalar-literal', `{ probe { json(value: {key: 1, key: 2}) } }`),
  bad(
    'duplicate-in-variable-default',
    `query Q($f: PetFilter = {minAge: 1, minAge: 2}) { probe { petFilter(value: $f) } }`,
  ),
  bad(
    'duplicate-in-directive-argument-object',
    `{ probe { json(value: {a: {b: 1, b: 1}}) @tag(name: "t") } }`,
  ),
  bad(
    'two-different-duplicates',
    `{ probe { petFilter(value: {name: "a", minAge: 1, name: "b", minAge: 2}) } }`,
  ),
];

const uniqueVariableNames = [
  ok(
    'same-name-in-different-operations',
    `
    query A($id: ID!) { dog(id: $id) { name } }
    query B($id: ID!) { cat(id: $id) { name } }
  `,
  ),
  ok(
    'distinct-names',
    `query Q($a: Int, $b: Int, $A: Int) { probe { int(value: $a) i: int(value: $b) j: int(value: $A) } }`,
  ),
  ok('variable-named-like-its-argument', `query Q($value: Int) { probe { int(value: $value) } }`),
  bad('duplicate', `query Q($a: Int, $a: Int) { probe { int(value: $a) } }`),
  bad('duplicate-different-types', `query Q($a: Int, $a: String) { probe { int(value: $a) } }`, {
    also: ['VariablesInAllowedPositionRule'],
  }),
  bad('three-times', `query Q($a: Int, $a: Int, $a: Int) { probe { int(value: $a) } }`),
  bad(
    'two-names-duplicated',
    `query Q($a: Int, $b: Int, $a: Int, $b: Int) { probe { int(value: $a) i: int(value: $b) } }`,
  ),
  bad('duplicate-in-mutation', `mutation M($id: ID!, $id: ID!) { deletePet(id: $id) }`),
];

const noUndefinedVariables = [
  ok(
    'all-defined',
    `query Q($id: ID!, $cmd: DogCommand!) { dog(id: $id) { doesKnowCommand(command: $cmd) } }`,
  ),
  ok(
    'defined-by-every-operation-using-fragment',
    `
    query A($c: DogCommand!) { dog(id: 1) { ...F } }
    query B($c: DogCommand!) { canine { ...F } }
    fragment F on Dog { doesKnowCommand(command: $c) }
  `,
  ),
  bad('undefined-in-argument', `query Q { dog(id: $id) { name } }`),
  bad('undefined-in-anonymous-operation', `{ dog(id: $id) { name } }`),
  bad('undefined-in-input-object', `query Q { probe { petFilter(value: {name: $name}) } }`),
  bad('undefined-in-list', `query Q($a: String) { probe { stringList(value: [$a, $b]) } }`),
  bad('undefined-in-directive', `query Q { version @include(if: $show) }`),
  bad(
    'undefined-in-fragment',
    `
    query Q { dog(id: 1) { ...F } }
    fragment F on Dog { doesKnowCommand(command: $c) }
  `,
  ),
  bad(
    'undefined-in-nested-fragment',
    `
    query Q { dog(id: 1) { ...A } }
    fragment A on Dog { mother { ...B } }
    fragment B on Dog { isHousetrained(atOtherHomes: $away) }
  `,
  ),
  bad(
    'defined-by-one-operation-only',
    `
    query A($c: DogCommand!) { dog(id: 1) { ...F } }
    query B { dog(id: 2) { ...F } }
    fragment F on Dog { doesKnowCommand(command: $c) }
  `,
  ),
  bad(
    'several-undefined',
    `query Q($a: Int) { probe { int(value: $a) twoRequired(a: $x, b: $y) } }`,
  ),
  bad('same-undefined-used-twice', `query Q { a: dog(id: $id) { name } b: cat(id: $id) { name } }`),
  bad(
    'defined-in-other-operation',
    `
    query A($id: ID) { dog(id: $id) { name } }
    query B { cat(id: $id) { name } }
  `,
  ),
];

const noUnusedVariables = [
  ok('used-in-directive', `query Q($s: Boolean!) { version @skip(if: $s) }`),
  ok(
    'used-in-nested-values',
    `query Q($n: String, $d: DateTime) { probe { petFilter(value: {and: [{owner: {name: "x", born: {from: $d}}}], name: $n}) } }`,
  ),
  ok(
    'used-through-fragments',
    `
    query Q($away: Boolean) { dog(id: 1) { ...A } }
    fragment A on Dog { ...B }
    fragment B on Dog { isHousetrained(atOtherHomes: $away) }
  `,
  ),
  bad('unused-named', `query Q($a: Int) { version }`),
  bad('unused-anonymous', `query ($a: Int) { version }`),
  bad(
    'unused-among-used',
    `query Q($a: Int, $b: Int, $c: Int) { probe { int(value: $a) i: int(value: $c) } }`,
  ),
  bad(
    'used-only-by-fragment-of-other-operation',
    `
    query A($c: DogCommand!) { version }
    query B($c: DogCommand!) { dog(id: 1) { ...F } }
    fragment F on Dog { doesKnowCommand(command: $c) }
  `,
  ),
  bad('all-unused-in-mutation', `mutation M($id: ID!, $name: String!) { deletePet(id: 1) }`),
  bad('unused-with-directives-and-default', `query Q($a: Int = 3 @sensitive) { version }`),
  bad('used-only-under-unknown-fragment', `query Q($a: Int) { ...Missing }`, {
    also: ['KnownFragmentNamesRule'],
  }),
];

const variablesInAllowedPosition = [
  ok(
    'exact-types',
    `query Q($a: Int, $b: Int!, $c: [String]) { probe { int(value: $a) nonNullInt(value: $b) stringList(value: $c) } }`,
  ),
  ok(
    'non-null-into-nullable',
    `query Q($a: Int!, $b: [String!]!) { probe { int(value: $a) stringList(value: $b) } }`,
  ),
  ok(
    'nullable-with-default-into-non-null',
    `query Q($a: Int = 5) { probe { nonNullInt(value: $a) } }`,
  ),
  ok(
    'nullable-into-non-null-argument-with-default',
    `query Q($a: Int) { probe { requiredWithDefault(a: $a) } }`,
  ),
  ok(
    'nullable-into-non-null-input-field-with-default',
    `query Q($p: Int) { probe { adoption(value: {petId: 1, adopterId: 2, priority: $p}) } }`,
  ),
  ok('boolean-with-default-into-skip', `query Q($s: Boolean = false) { version @skip(if: $s) }`),
  ok(
    'item-variable-into-list',
    `query Q($a: String, $b: String!) { probe { stringList(value: [$a, $b]) } }`,
  ),
  ok(
    'non-null-item-into-non-null-list-item',
    `query Q($a: String!) { probe { nonNullStringList(value: [$a]) } }`,
  ),
  ok(
    'input-object-into-nested-field',
    `query Q($f: PetFilter) { probe { petFilter(value: {not: $f}) } }`,
  ),
  ok('matrix-with-non-null-rows', `query Q($m: [[Int!]!]) { probe { intMatrix(value: $m) } }`),
  ok('custom-scalar-into-custom-scalar', `query Q($j: JSON) { probe { json(value: $j) } }`),
  ok(
    'object-inside-custom-scalar-literal-unchecked',
    `query Q($a: Int) { probe { json(value: {a: [$a]}) } }`,
  ),
  bad('nullable-into-non-null', `query Q($a: Int) { probe { nonNullInt(value: $a) } }`),
  bad('null-default-into-non-null', `query Q($a: Int = null) { probe { nonNullInt(value: $a) } }`),
  bad('nullable-boolean-into-skip', `query Q($s: Boolean) { version @skip(if: $s) }`),
  bad('string-into-id', `query Q($a: String) { dog(id: $a) { name } }`),
  bad('id-into-string', `query Q($a: ID) { probe { string(value: $a) } }`),
  bad('int-into-float', `query Q($a: Int) { probe { float(value: $a) } }`),
  bad('custom-scalar-into-string', `query Q($a: DateTime) { probe { string(value: $a) } }`),
  bad('string-into-custom-scalar', `query Q($a: String) { probe { dateTime(value: $a) } }`),
  bad(
    'scalar-inside-list-in-custom-scalar-literal',
    `query Q($a: Int) { probe { json(value: [1, $a]) } }`,
  ),
  bad(
    'nullable-input-object-into-non-null-list-item',
    `query Q($f: PetFilter) { probe { petFilter(value: {and: [$f]}) } }`,
  ),
  bad('enum-into-other-enum', `query Q($a: Species) { probe { command(value: $a) } }`),
  bad(
    'input-object-into-other-input-object',
    `query Q($h: HumanFilter) { probe { petFilter(value: $h) } }`,
  ),
  bad('scalar-into-list', `query Q($a: String) { probe { stringList(value: $a) } }`),
  bad('list-into-scalar', `query Q($a: [String]) { probe { string(value: $a) } }`),
  bad(
    'nullable-items-into-non-null-items',
    `query Q($a: [Int]) { probe { listOfNonNull(value: $a) } }`,
  ),
  bad(
    'nullable-list-into-non-null-list',
    `query Q($a: [String!]) { probe { nonNullStringList(value: $a) } }`,
  ),
  bad(
    'nullable-item-into-non-null-list-item',
    `query Q($a: String) { probe { nonNullStringList(value: [$a]) } }`,
  ),
  bad('matrix-with-nullable-items', `query Q($m: [[Int]]) { probe { intMatrix(value: $m) } }`),
  bad(
    'wrong-position-in-fragment',
    `
    query Q($a: Int) { probe { ...F } }
    fragment F on Probe { nonNullInt(value: $a) }
  `,
  ),
  bad(
    'one-good-one-bad-use',
    `query Q($a: Int) { probe { int(value: $a) nonNullInt(value: $a) } }`,
  ),
  bad(
    'variable-in-input-field-position',
    `query Q($n: Int) { probe { petFilter(value: {name: $n}) } }`,
  ),
];

export const groups = [
  {
    base: 1100,
    size: 50,
    slug: 'dupvar',
    title: 'UniqueVariableNames',
    rule: 'UniqueVariableNamesRule',
    cases: uniqueVariableNames,
  },
  {
    base: 1150,
    size: 50,
    slug: 'undefvar',
    title: 'NoUndefinedVariables',
    rule: 'NoUndefinedVariablesRule',
    cases: noUndefinedVariables,
  },
  {
    base: 1200,
    size: 50,
    slug: 'unusedvar',
    title: 'NoUnusedVariables',
    rule: 'NoUnusedVariablesRule',
    cases: noUnusedVariables,
  },
  {
    base: 1450,
    size: 150,
    slug: 'value',
    title: 'ValuesOfCorrectType',
    rule: 'ValuesOfCorrectTypeRule',
    cases: valuesOfCorrectType,
  },
  {
    base: 1600,
    size: 50,
    slug: 'required',
    title: 'ProvidedRequiredArguments',
    rule: 'ProvidedRequiredArgumentsRule',
    cases: providedRequiredArguments,
  },
  {
    base: 1650,
    size: 50,
    slug: 'position',
    title: 'VariablesInAllowedPosition',
    rule: 'VariablesInAllowedPositionRule',
    cases: variablesInAllowedPosition,
  },
  {
    base: 1800,
    size: 50,
    slug: 'dupfield',
    title: 'UniqueInputFieldNames',
    rule: 'UniqueInputFieldNamesRule',
    cases: uniqueInputFieldNames,
  },
];
