// OverlappingFieldsCanBeMerged: fields with one response name must be mergeable. Parents that
// are distinct object types ("mutually exclusive") may differ in field and arguments but never
// in the shape of the returned type.
import { bad, ok } from './cases.mjs';

const overlapping = [
  // Mergeable.
  ok('identical-fields', `{ dog(id: 1) { name name } }`),
  ok('identical-aliases', `{ dog(id: 1) { n: name n: name } }`),
  ok(
    'identical-arguments',
    `{ dog(id: 1) { doesKnowCommand(command: SIT) doesKnowCommand(command: SIT) } }`,
  ),
  ok(
    'identical-variables',
    `query Q($c: DogCommand!) { dog(id: 1) { doesKnowCommand(command: $c) doesKnowCommand(command: $c) } }`,
  ),
  ok(
    'arguments-in-different-order',
    `{ parrot { vocabulary(limit: 5, startsWith: "a") vocabulary(startsWith: "a", limit: 5) } }`,
  ),
  ok(
    'object-argument-fields-in-different-order',
    `{ probe { petFilter(value: {name: "a", species: DOG}) petFilter(value: {species: DOG, name: "a"}) } }`,
  ),
  ok('different-aliases-different-fields', `{ dog(id: 1) { a: name b: nickname } }`),
  ok(
    'same-field-from-fragments',
    `
    { dog(id: 1) { name ...A ...B } }
    fragment A on Dog { name }
    fragment B on Dog { name }
  `,
  ),
  ok(
    'same-fragment-twice',
    `
    { dog(id: 1) { ...A ...A } }
    fragment A on Dog { x: name }
  `,
  ),
  ok('subselections-merge', `{ dog(id: 1) { owner { name } owner { age } } }`),
  ok(
    'different-fields-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { volume: barkVolume } ... on Cat { volume: meowVolume } } }`,
  ),
  ok(
    'different-arguments-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { name(withTitle: true) } ... on Cat { name } } }`,
  ),
  ok(
    'same-enum-type-in-exclusive-parents',
    `{ search(text: "x") { ... on Cat { color: furColor } ... on Human { color: favoriteColor } } }`,
  ),
  ok(
    'exclusive-parents-propagate-to-subfields',
    `
    {
      pet(id: 1) {
        ... on Dog { o: owner { pets { name(withTitle: true) } } }
        ... on Cat { o: owner { pets { name } } }
      }
    }
  `,
  ),
  ok(
    'typename-repeated',
    `{ catOrDog { __typename ... on Dog { __typename } ... on Cat { __typename } } }`,
  ),
  ok(
    'directives-are-not-compared',
    `{ dog(id: 1) { name @skip(if: true) name @include(if: false) name } }`,
  ),
  ok('same-field-in-interface-and-object', `{ pet(id: 1) { name ... on Dog { name } } }`),
  ok('top-level-duplicates', `{ version version v: version v: version }`),
  ok('list-of-lists-merge', `{ human(id: 1) { relatives { name } relatives { age } } }`),
  // Not mergeable.
  bad('alias-for-two-fields', `{ dog(id: 1) { x: name x: nickname } }`),
  bad('alias-shadows-field-name', `{ dog(id: 1) { name: nickname name } }`),
  bad('top-level-alias', `{ info: version info: now }`),
  bad(
    'mutation-root',
    `mutation M { gone: deletePet(id: 1) gone: renamePet(id: 1, name: "n") { id } }`,
  ),
  bad(
    'differing-argument-values',
    `{ dog(id: 1) { doesKnowCommand(command: SIT) doesKnowCommand(command: HEEL) } }`,
  ),
  bad(
    'argument-given-once',
    `{ dog(id: 1) { isHousetrained isHousetrained(atOtherHomes: false) } }`,
  ),
  bad(
    'argument-equal-to-default',
    `{ dog(id: 1) { isHousetrained isHousetrained(atOtherHomes: true) } }`,
  ),
  bad(
    'null-argument-versus-absent',
    `{ dog(id: 1) { tricks(after: null) { name } tricks { name } } }`,
  ),
  bad(
    'different-variables',
    `query Q($a: DogCommand!, $b: DogCommand!) { dog(id: 1) { doesKnowCommand(command: $a) doesKnowCommand(command: $b) } }`,
  ),
  bad(
    'variable-versus-literal',
    `query Q($a: DogCommand!) { dog(id: 1) { doesKnowCommand(command: $a) doesKnowCommand(command: SIT) } }`,
  ),
  bad(
    'block-string-versus-string-argument',
    `{ parrot { vocabulary(startsWith: "a") vocabulary(startsWith: """a""") } }`,
  ),
  bad('int-versus-float-argument', `{ probe { float(value: 1) float(value: 1.0) } }`),
  bad(
    'different-arguments-interface-and-object',
    `{ pet(id: 1) { name ... on Dog { name(withTitle: true) } } }`,
  ),
  bad(
    'scalar-types-differ-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { size } ... on Cat { size } } }`,
  ),
  bad(
    'int-versus-float-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { weight } ... on Cat { weight } } }`,
  ),
  bad(
    'list-versus-scalar-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { size } ... on Parrot { size } } }`,
  ),
  bad(
    'non-null-versus-nullable-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { n: name } ... on Cat { n: nickname } } }`,
  ),
  bad(
    'non-null-versus-nullable-on-union',
    `{ catOrDog { ... on Cat { v: lives } ... on Dog { v: barkVolume } } }`,
  ),
  bad(
    'leaf-versus-object-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { o: owner { name } } ... on Cat { o: nickname } } }`,
  ),
  bad(
    'subfield-types-differ-in-exclusive-parents',
    `{ pet(id: 1) { ... on Dog { owner { x: name } } ... on Cat { owner { x: age } } } }`,
  ),
  bad('deep-conflict-below-same-field', `{ dog(id: 1) { owner { x: name } owner { x: age } } }`),
  bad(
    'deep-conflict-three-levels',
    `{ human(id: 1) { bestFriend { bestFriend { x: name } } bestFriend { bestFriend { x: email } } } }`,
  ),
  bad(
    'exclusive-parents-do-not-reach-interface-subfields',
    `
    {
      pet(id: 1) {
        o: owner { pets { name(withTitle: true) } }
        ... on Dog { o: owner { pets { name } } }
      }
    }
  `,
  ),
  bad(
    'conflict-between-fragments',
    `
    { dog(id: 1) { ...A ...B } }
    fragment A on Dog { x: name }
    fragment B on Dog { x: barks }
  `,
  ),
  bad(
    'conflict-between-field-and-fragment',
    `
    { dog(id: 1) { x: nickname ...A } }
    fragment A on Dog { x: name }
  `,
  ),
  bad(
    'conflict-inside-nested-fragments',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { mother { ...B } mother { ...C } }
    fragment B on Dog { v: barkVolume }
    fragment C on Dog { v: weight }
  `,
  ),
  bad(
    'conflict-across-spreads-in-two-fields',
    `
    { dog(id: 1) { owner { ...H1 } owner { ...H2 } } }
    fragment H1 on Human { n: name }
    fragment H2 on Human { n: email }
  `,
  ),
  bad(
    'conflict-between-inline-fragments-without-type',
    `{ dog(id: 1) { ... { x: name } ... { x: nickname } } }`,
  ),
  bad('three-fields-one-name', `{ dog(id: 1) { x: name x: nickname x: barks } }`),
  bad('two-independent-conflicts', `{ dog(id: 1) { a: name a: nickname b: barks b: barkVolume } }`),
  bad(
    'conflicting-subfields-reported-once',
    `
    {
      dog(id: 1) { owner { a: name b: age } }
      dog(id: 1) { owner { a: age b: name } }
    }
  `,
  ),
  bad('typename-alias-conflict', `{ dog(id: 1) { name: __typename name } }`),
  bad(
    'conflict-in-list-of-lists',
    `{ human(id: 1) { relatives { x: name } relatives { x: iq } } }`,
  ),
  bad('conflict-in-subscription', `subscription S { petAdopted { x: id x: note } }`),
];

const introspectionDepth = [
  ok(
    'schema-introspection',
    `
    query Introspect {
      __schema {
        description
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          kind
          name
          specifiedByURL
          fields(includeDeprecated: true) {
            name
            args(includeDeprecated: true) { name defaultValue type { ...Ref } }
            type { ...Ref }
            isDeprecated
            deprecationReason
          }
          inputFields(includeDeprecated: true) { name type { ...Ref } defaultValue }
          interfaces { ...Ref }
          enumValues(includeDeprecated: true) { name isDeprecated }
          possibleTypes { ...Ref }
        }
        directives { name isRepeatable locations args { name type { ...Ref } } }
      }
    }
    fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
  `,
  ),
  ok(
    'type-introspection',
    `{ __type(name: "Dog") { name fields { name type { name } } interfaces { name } } }`,
  ),
  bad(
    'fields-nested-too-deep',
    `
    {
      __schema {
        types { fields { type { fields { type { fields { type { fields { name } } } } } } } }
      }
    }
  `,
  ),
  bad(
    'interfaces-nested-too-deep',
    `
    {
      __type(name: "Dog") {
        interfaces { interfaces { interfaces { interfaces { name } } } }
      }
    }
  `,
  ),
  bad(
    'too-deep-through-fragments',
    `
    { __type(name: "Dog") { ...A } }
    fragment A on __Type { fields { type { ...B } } }
    fragment B on __Type { fields { type { ...C } } }
    fragment C on __Type { fields { type { name } } }
  `,
  ),
];

export const groups = [
  {
    base: 1700,
    size: 100,
    slug: 'overlap',
    title: 'OverlappingFieldsCanBeMerged',
    rule: 'OverlappingFieldsCanBeMergedRule',
    cases: overlapping,
  },
  {
    base: 1850,
    size: 50,
    slug: 'introspection',
    title: 'MaxIntrospectionDepth',
    rule: 'MaxIntrospectionDepthRule',
    cases: introspectionDepth,
  },
];
