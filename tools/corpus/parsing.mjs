// Syntactic grammar: every production of executable documents, well formed and broken.
import { ok, syntax } from './cases.mjs';

// A selection nested `depth` levels deep through Human.bestFriend.
function nestedFriends(depth, close = true) {
  let text = '{ human(id: 1) ';
  for (let i = 0; i < depth; i++) text += '{ bestFriend ';
  text += '{ name }';
  if (close) text += ' }'.repeat(depth) + ' }';
  return text + '\n';
}
const nestedLists = (depth) =>
  `{ probe { json(value: ${'['.repeat(depth)}1${']'.repeat(depth)}) } }\n`;
const nestedObjects = (depth) =>
  `{ probe { json(value: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}) } }\n`;
const manyAliases = (n) =>
  `{\n${Array.from({ length: n }, (_, i) => `  v${i}: version\n`).join('')}}\n`;

const wellFormed = [
  ok('shorthand-query', `{ version }`),
  ok('named-query', `query ShelterVersion { version }`),
  ok('anonymous-query-keyword', `query { version }`),
  ok('named-mutation', `mutation Remove { deletePet(id: "p1") }`),
  ok('named-subscription', `subscription Ticks { tick }`),
  ok(
    'operation-with-description',
    `
    "Fetches the version."
    query V { version }
  `,
  ),
  ok(
    'operation-with-block-description',
    `
    """
    Fetches the version.
    """
    query V { version }
  `,
  ),
  ok(
    'fragment-with-description',
    `
    { dog(id: 1) { ...F } }
    "Described fragment."
    fragment F on Dog { name }
  `,
  ),
  ok('aliases', `{ first: dog(id: 1) { n: name } second: dog(id: 2) { n: name } }`),
  ok(
    'arguments-of-every-literal-kind',
    `
    {
      probe {
        int(value: -7)
        float(value: 2.5e-3)
        string(value: "s")
        boolean(value: false)
        id(value: "x1")
        species(value: PARROT)
        stringList(value: ["a", null, "b"])
        petFilter(value: {name: "Rex", tags: [], and: [{species: DOG}]})
        json(value: {nested: [1, 2.5, "x", true, null, RED, {}]})
      }
    }
  `,
  ),
  ok(
    'variables-with-defaults-of-every-kind',
    `
    query Defaults(
      $i: Int = 1
      $f: Float = 1.5
      $s: String = "x"
      $b: Boolean = true
      $id: ID = 7
      $e: Species = CAT
      $l: [String] = ["a", "b"]
      $o: PetFilter = {name: "Rex", not: {species: CAT}}
      $n: String = null
    ) {
      probe {
        int(value: $i)
        float(value: $f)
        string(value: $s)
        boolean(value: $b)
        id(value: $id)
        species(value: $e)
        stringList(value: $l)
        petFilter(value: $o)
        s2: string(value: $n)
      }
    }
  `,
  ),
  ok(
    'variable-wrapped-types',
    `
    query Wrapped($a: [Int!], $b: [[Int!]], $c: [String!]!) {
      probe {
        listOfNonNull(value: $a)
        intMatrix(value: $b)
        nonNullStringList(value: $c)
      }
    }
  `,
  ),
  ok(
    'variable-directive-after-default',
    `
    query Q($a: Int = 3 @tag(name: "first") @sensitive) { probe { int(value: $a) } }
  `,
  ),
  ok(
    'fragment-definition-and-spread',
    `
    { dog(id: 1) { ...DogBasics } }
    fragment DogBasics on Dog { name barks }
  `,
  ),
  ok('inline-fragment-without-type', `{ dog(id: 1) { ... { name } } }`),
  ok(
    'inline-fragment-directive-only',
    `
    query Q($full: Boolean!) { dog(id: 1) { name ... @include(if: $full) { barkVolume } } }
  `,
  ),
  ok(
    'directives-everywhere',
    `
    query Q($v: Int @tag(name: "var")) @cached(ttl: 5) @trace {
      probe @tag(name: "field") {
        int(value: $v) @skip(if: false)
      }
      ...F @tag(name: "spread")
      ... on Query @tag(name: "inline") { version }
    }
    fragment F on Query @tag(name: "definition") { now }
  `,
  ),
  ok(
    'selection-on-many-lines',
    `
    query
    Q
    {
      dog
      (
        id
        :
        1
      )
      {
        name
      }
    }
  `,
  ),
  ok(
    'empty-list-and-object-values',
    `{ probe { stringList(value: []) petFilter(value: {}) json(value: {list: [], object: {}}) } }`,
  ),
  ok('nested-list-values', `{ probe { intMatrix(value: [[1, 2], [], [3]]) } }`),
  ok(
    'several-operations',
    `
    query A { version }
    mutation B { deletePet(id: 1) }
    subscription C { tick }
    query D { now }
  `,
  ),
  ok('deep-selection-nesting-64', nestedFriends(64)),
  ok('deep-list-value-nesting-64', nestedLists(64)),
  ok('deep-object-value-nesting-64', nestedObjects(64)),
  ok('five-hundred-aliases', manyAliases(500)),
  ok('typename-everywhere', `{ __typename dog(id: 1) { __typename } catOrDog { __typename } }`),
];

const malformed = [
  syntax('empty-selection-set', `{ }`),
  syntax('empty-nested-selection-set', `{ dog(id: 1) { } }`),
  syntax('missing-closing-brace', `{ dog(id: 1) { name }`),
  syntax('extra-closing-brace', `{ version } }`),
  syntax('operation-keyword-alone', `query`),
  syntax('operation-name-without-selection', `query Q`),
  syntax('mutation-without-selection', `mutation M($id: ID!)`),
  syntax('unknown-operation-keyword', `subcription S { tick }`),
  syntax('operation-keyword-uppercase', `Query Q { version }`),
  syntax('empty-variable-definitions', `query Q() { version }`),
  syntax('variable-without-type', `query Q($a) { version }`),
  syntax('variable-type-missing-after-colon', `query Q($a: ) { version }`),
  syntax('variable-without-dollar', `query Q(a: Int) { version }`),
  syntax(
    'variable-default-is-variable',
    `query Q($a: Int = $b, $b: Int) { probe { int(value: $a) } }`,
  ),
  syntax('variable-default-list-contains-variable', `query Q($a: [Int] = [1, $b]) { version }`),
  syntax(
    'variable-default-object-contains-variable',
    `query Q($a: PetFilter = {name: $b}) { version }`,
  ),
  syntax('variable-directive-before-default', `query Q($a: Int @tag(name: "x") = 1) { version }`),
  syntax('unclosed-list-type', `query Q($a: [Int) { version }`),
  syntax('unopened-list-type', `query Q($a: Int]) { version }`),
  syntax('double-non-null', `query Q($a: Int!!) { version }`),
  syntax('non-null-before-type', `query Q($a: !Int) { version }`),
  syntax('empty-arguments', `{ dog() { name } }`),
  syntax('argument-without-value', `{ dog(id: ) { name } }`),
  syntax('argument-without-colon', `{ dog(id 1) { name } }`),
  syntax('argument-list-unclosed', `{ dog(id: 1 { name } }`),
  syntax('argument-name-is-string', `{ dog("id": 1) { name } }`),
  syntax('field-name-is-string', `{ "version" }`),
  syntax('alias-without-field', `{ a: }`),
  syntax('double-alias', `{ a: b: version }`),
  syntax('directive-without-name', `{ version @ }`),
  syntax('directive-empty-arguments', `{ version @skip() }`),
  syntax('directive-argument-without-value', `{ version @skip(if:) }`),
  syntax('fragment-without-on', `{ ...F } fragment F Dog { name }`),
  syntax('fragment-without-type', `{ ...F } fragment F on { name }`),
  syntax('fragment-named-on', `{ dog(id: 1) { ...on } } fragment on on Dog { name }`),
  syntax('fragment-without-selection', `{ dog(id: 1) { ...F } } fragment F on Dog`),
  syntax('fragment-with-variables', `{ dog(id: 1) { ...F } } fragment F($a: Int) on Dog { name }`),
  syntax('inline-fragment-on-without-type', `{ pet(id: 1) { ... on { name } } }`),
  syntax('spread-at-end-of-document', `{ pet(id: 1) { ...`),
  syntax('spread-of-nothing', `{ pet(id: 1) { ... } }`),
  syntax('list-value-unclosed', `{ probe { stringList(value: ["a", "b") } }`),
  syntax('object-value-without-colon', `{ probe { petFilter(value: {name "Rex"}) } }`),
  syntax('object-value-unclosed', `{ probe { petFilter(value: {name: "Rex") } }`),
  syntax('object-field-name-is-string', `{ probe { petFilter(value: {"name": "Rex"}) } }`),
  syntax('value-is-a-selection', `{ probe { petFilter(value: { name }) } }`),
  syntax('top-level-field-without-braces', `version`),
  syntax('top-level-string', `"just a string"`),
  syntax('description-on-shorthand-query', `"Described" { version }`),
  syntax('garbage-after-document', `{ version } 42`),
  syntax('deep-selection-nesting-unclosed', nestedFriends(40, false)),
  syntax('type-definition-with-bad-syntax', `{ version } type Broken { a: }`),
  syntax('selection-set-as-argument', `{ dog(id: { name }) }`),
  syntax('subscription-without-selection', `subscription`),
  syntax(
    'second-operation-unclosed',
    `
    query A { version }
    query B {
      now
  `,
  ),
];

export const groups = [
  {
    base: 210,
    size: 40,
    slug: 'parse',
    title: 'Parser: well-formed documents',
    rule: 'syntax',
    cases: wellFormed,
  },
  {
    base: 250,
    size: 70,
    slug: 'syntax',
    title: 'Parser: syntax errors',
    rule: 'syntax',
    cases: malformed,
  },
];
