// Rules about operations and fragments as a whole: executable definitions, operation names,
// anonymous operations, subscriptions, fragment names, use, cycles and spreads.
import { bad, ok } from './cases.mjs';

const executableDefinitions = [
  ok(
    'operations-and-fragments-only',
    `
    query A { dog(id: 1) { ...D } }
    mutation B { deletePet(id: 1) }
    fragment D on Dog { name }
  `,
  ),
  ok(
    'fragment-before-operation',
    `
    fragment D on Dog { name }
    query A { dog(id: 1) { ...D } }
  `,
  ),
  bad(
    'object-type-definition',
    `
    { version }
    type Kennel { size: Int }
  `,
  ),
  bad(
    'schema-definition',
    `
    schema { query: Query }
    query Q { version }
  `,
  ),
  bad(
    'type-extension',
    `
    { version }
    extend type Dog { color: String }
  `,
  ),
  bad(
    'directive-definition',
    `
    directive @loud on FIELD
    { version }
  `,
  ),
  bad('scalar-definition-alone', `scalar Url`),
  bad(
    'input-and-enum-definitions',
    `
    query Q { version }
    input Paging { first: Int }
    enum Mood { HAPPY SAD }
  `,
  ),
  bad(
    'interface-and-union-definitions',
    `
    { version }
    interface Feeder { food: String }
    union Anything = Dog | Cat
  `,
  ),
  bad(
    'schema-extension',
    `
    { version }
    extend schema { mutation: Mutation }
  `,
  ),
  bad(
    'described-type-definition',
    `
    { version }
    "A described type."
    type Described { a: Int }
  `,
  ),
  bad(
    'definitions-between-operations',
    `
    query A { version }
    scalar Between
    query B { now }
  `,
  ),
];

const uniqueOperationNames = [
  ok(
    'distinct-names',
    `
    query A { version }
    query B { version }
    mutation C { deletePet(id: 1) }
  `,
  ),
  ok(
    'names-differ-in-case',
    `
    query fetch { version }
    query Fetch { version }
  `,
  ),
  ok(
    'operation-and-fragment-share-name',
    `
    query Same { dog(id: 1) { ...Same } }
    fragment Same on Dog { name }
  `,
  ),
  bad(
    'two-queries',
    `
    query Same { version }
    query Same { now }
  `,
  ),
  bad(
    'query-and-mutation',
    `
    query Same { version }
    mutation Same { deletePet(id: 1) }
  `,
  ),
  bad(
    'query-and-subscription',
    `
    query Same { version }
    subscription Same { tick }
  `,
  ),
  bad(
    'three-times',
    `
    query Same { version }
    query Same { now }
    query Same { config }
  `,
  ),
  bad(
    'far-apart',
    `
    query Dup { version }
    query Other { now }
    fragment F on Query { version }
    mutation Dup { deletePet(id: 1) }
  `,
    { also: ['NoUnusedFragmentsRule'] },
  ),
];

const loneAnonymous = [
  ok('single-anonymous-shorthand', `{ version }`),
  ok('single-anonymous-mutation', `mutation { deletePet(id: 1) }`),
  ok(
    'anonymous-with-fragment',
    `
    { dog(id: 1) { ...F } }
    fragment F on Dog { name }
  `,
  ),
  bad(
    'two-shorthands',
    `
    { version }
    { now }
  `,
  ),
  bad(
    'shorthand-and-named',
    `
    { version }
    query Named { now }
  `,
  ),
  bad(
    'named-then-anonymous',
    `
    query Named { version }
    query { now }
  `,
  ),
  bad(
    'anonymous-query-and-mutation',
    `
    query { version }
    mutation { deletePet(id: 1) }
  `,
  ),
  bad(
    'anonymous-subscription-and-named',
    `
    subscription { tick }
    subscription Named { humanBorn { name } }
  `,
  ),
  bad(
    'three-anonymous',
    `
    { version }
    { now }
    { config }
  `,
  ),
];

const singleFieldSubscriptions = [
  ok('one-field', `subscription S { petAdopted(species: DOG) { id pet { name } } }`),
  ok('one-field-with-alias', `subscription S { adopted: petAdopted { id } }`),
  ok(
    'one-field-through-fragment',
    `
    subscription S { ...Root }
    fragment Root on Subscription { tick }
  `,
  ),
  ok(
    'one-field-through-inline-fragment',
    `subscription S { ... on Subscription { humanBorn { name } } }`,
  ),
  ok('same-field-twice-merged', `subscription S { tick tick }`),
  ok(
    'second-field-skipped-by-literal',
    `subscription S { tick humanBorn @skip(if: true) { name } }`,
  ),
  ok(
    'several-subscriptions-one-field-each',
    `
    subscription A { tick }
    subscription B { humanBorn { name } }
  `,
  ),
  bad('two-fields', `subscription S { tick humanBorn { name } }`),
  bad('two-fields-anonymous', `subscription { tick humanBorn { name } }`),
  bad('three-fields', `subscription S { tick humanBorn { name } petAdopted { id } }`),
  bad('same-field-two-aliases', `subscription S { a: tick b: tick }`),
  bad(
    'second-field-from-fragment',
    `
    subscription S { tick ...More }
    fragment More on Subscription { humanBorn { name } }
  `,
  ),
  bad(
    'second-field-from-inline-fragment',
    `subscription S { tick ... on Subscription { humanBorn { name } } }`,
  ),
  bad('typename-at-root', `subscription S { __typename }`),
  bad('typename-beside-field', `subscription S { tick __typename }`),
  bad('introspection-beside-field-anonymous', `subscription { tick __typename }`),
  bad(
    'second-field-included-by-literal',
    `subscription S { tick humanBorn @include(if: true) { name } }`,
  ),
];

const uniqueFragmentNames = [
  ok(
    'distinct-names',
    `
    { dog(id: 1) { ...A ...B } }
    fragment A on Dog { name }
    fragment B on Dog { barks }
  `,
  ),
  ok(
    'inline-fragments-have-no-names',
    `{ pet(id: 1) { ... on Dog { name } ... on Dog { barks } } }`,
  ),
  bad(
    'same-name-twice',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { name }
    fragment A on Dog { barks }
  `,
  ),
  bad(
    'same-name-different-types',
    `
    { pet(id: 1) { ...A } }
    fragment A on Dog { name }
    fragment A on Cat { lives }
  `,
  ),
  bad(
    'same-name-three-times',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { name }
    fragment A on Dog { barks }
    fragment A on Dog { nickname }
  `,
  ),
  bad(
    'duplicate-unused',
    `
    { version }
    fragment Lost on Dog { name }
    fragment Lost on Dog { name }
  `,
    { also: ['NoUnusedFragmentsRule'] },
  ),
];

const knownFragmentNames = [
  ok(
    'known-in-operation-and-fragment',
    `
    { dog(id: 1) { ...Outer } }
    fragment Outer on Dog { ...Inner }
    fragment Inner on Dog { name }
  `,
  ),
  bad('unknown-in-operation', `{ dog(id: 1) { ...Missing } }`),
  bad(
    'unknown-in-fragment',
    `
    { dog(id: 1) { ...Outer } }
    fragment Outer on Dog { name ...Missing }
  `,
  ),
  bad(
    'wrong-case',
    `
    { dog(id: 1) { ...dogFields } }
    fragment DogFields on Dog { name }
  `,
    { also: ['NoUnusedFragmentsRule'] },
  ),
  bad('two-unknown', `{ dog(id: 1) { ...One owner { ...Two } } }`),
  bad('unknown-inside-inline-fragment', `{ pet(id: 1) { ... on Dog { ...Missing } } }`),
  bad('unknown-with-directive', `{ dog(id: 1) { ...Missing @skip(if: false) } }`),
];

const noUnusedFragments = [
  ok(
    'all-used-through-chain',
    `
    { human(id: 1) { ...A } }
    fragment A on Human { pets { ...B } }
    fragment B on Pet { ...C }
    fragment C on Pet { name }
  `,
  ),
  ok(
    'used-only-by-second-operation',
    `
    query One { version }
    query Two { dog(id: 1) { ...F } }
    fragment F on Dog { name }
  `,
  ),
  ok(
    'used-under-skipped-field',
    `{ dog(id: 1) @skip(if: true) { ...F } } fragment F on Dog { name }`,
  ),
  bad(
    'one-unused',
    `
    { version }
    fragment Unused on Dog { name }
  `,
  ),
  bad(
    'unused-chain',
    `
    { version }
    fragment A on Dog { ...B }
    fragment B on Dog { name }
  `,
  ),
  bad(
    'unused-among-used',
    `
    { dog(id: 1) { ...Used } }
    fragment Used on Dog { name }
    fragment Unused on Dog { barks }
  `,
  ),
  bad(
    'unused-self-contained-cycle',
    `
    { version }
    fragment A on Dog { mother { ...B } }
    fragment B on Dog { mother { ...A } }
  `,
    { also: ['NoFragmentCyclesRule'] },
  ),
  bad('fragment-only-document', `fragment Lonely on Query { version }`),
];

const possibleFragmentSpreads = [
  ok('object-into-same-object', `{ dog(id: 1) { ...D } } fragment D on Dog { name }`),
  ok('object-into-interface', `{ pet(id: 1) { ... on Dog { barks } ... on Cat { lives } } }`),
  ok(
    'interface-into-implementing-object',
    `{ dog(id: 1) { ... on Pet { name } ... on Canine { barkVolume } } }`,
  ),
  ok('member-into-union', `{ catOrDog { ... on Cat { lives } ... on Dog { barks } } }`),
  ok('union-into-member', `{ dog(id: 1) { ...U } } fragment U on CatOrDog { __typename }`),
  ok('interface-into-overlapping-union', `{ catOrDog { ... on Pet { name } } }`),
  ok('union-into-overlapping-interface', `{ pet(id: 1) { ... on DogOrHuman { __typename } } }`),
  ok('interface-into-overlapping-interface', `{ pet(id: 1) { ... on Sentient { iq } } }`),
  ok('union-into-overlapping-union', `{ catOrDog { ... on DogOrHuman { __typename } } }`),
  ok('interface-into-its-interface', `{ canine { ... on Pet { name } } }`),
  bad('object-into-other-object', `{ dog(id: 1) { ...C } } fragment C on Cat { lives }`),
  bad('inline-object-into-other-object', `{ dog(id: 1) { ... on Cat { lives } } }`),
  bad('object-into-union-it-is-not-in', `{ catOrDog { ... on Human { name } } }`),
  bad('union-into-object-not-a-member', `{ dog(id: 1) { ... on HumanOrAlien { __typename } } }`),
  bad('interface-into-object-not-implementing', `{ human(id: 1) { ... on Pet { name } } }`),
  bad('object-into-interface-not-implemented', `{ sentient { ...D } } fragment D on Dog { name }`),
  bad('union-into-disjoint-union', `{ catOrDog { ... on HumanOrAlien { __typename } } }`),
  bad('interface-into-disjoint-union', `{ humanOrAlien { ... on Pet { name } } }`),
  bad('interface-into-disjoint-interface', `{ canine { ... on Sentient { iq } } }`),
  bad(
    'nested-in-fragment',
    `
    { human(id: 1) { ...H } }
    fragment H on Human { bestFriend { ... on Alien { homePlanet } } }
  `,
  ),
];

const noFragmentCycles = [
  ok(
    'diamond',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { ...B ...C }
    fragment B on Dog { ...D }
    fragment C on Dog { ...D }
    fragment D on Dog { name }
  `,
  ),
  ok(
    'same-fragment-spread-twice',
    `
    { dog(id: 1) { ...A mother { ...A } } }
    fragment A on Dog { name }
  `,
  ),
  bad(
    'spreads-itself',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { name ...A }
  `,
  ),
  bad(
    'spreads-itself-in-inline-fragment',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { ... on Dog { ...A } }
  `,
  ),
  bad(
    'spreads-itself-under-field',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { mother { ...A } }
  `,
  ),
  bad(
    'two-fragment-cycle',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { ...B }
    fragment B on Dog { ...A }
  `,
  ),
  bad(
    'three-fragment-cycle',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { name ...B }
    fragment B on Dog { barks ...C }
    fragment C on Dog { nickname ...A }
  `,
  ),
  bad(
    'cycle-entered-from-the-middle',
    `
    { dog(id: 1) { ...Entry } }
    fragment Entry on Dog { ...A }
    fragment A on Dog { ...B }
    fragment B on Dog { ...A }
  `,
  ),
  bad(
    'two-separate-cycles',
    `
    { dog(id: 1) { ...A ...X } }
    fragment A on Dog { ...B }
    fragment B on Dog { ...A }
    fragment X on Dog { ...Y }
    fragment Y on Dog { ...X }
  `,
  ),
  bad(
    'cycle-with-shared-tail',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { ...B ...C }
    fragment B on Dog { ...A }
    fragment C on Dog { ...A }
  `,
  ),
  bad(
    'cycle-through-interface-and-union',
    `
    { pet(id: 1) { ...P } }
    fragment P on Pet { ...U }
    fragment U on CatOrDog { ...P }
  `,
  ),
  bad(
    'spreads-itself-twice',
    `
    { dog(id: 1) { ...A } }
    fragment A on Dog { ...A ...A }
  `,
  ),
];

export const groups = [
  {
    base: 400,
    size: 50,
    slug: 'executable',
    title: 'ExecutableDefinitions',
    rule: 'ExecutableDefinitionsRule',
    cases: executableDefinitions,
  },
  {
    base: 450,
    size: 50,
    slug: 'opname',
    title: 'UniqueOperationNames',
    rule: 'UniqueOperationNamesRule',
    cases: uniqueOperationNames,
  },
  {
    base: 500,
    size: 50,
    slug: 'anonymous',
    title: 'LoneAnonymousOperation',
    rule: 'LoneAnonymousOperationRule',
    cases: loneAnonymous,
  },
  {
    base: 550,
    size: 50,
    slug: 'subscription',
    title: 'SingleFieldSubscriptions',
    rule: 'SingleFieldSubscriptionsRule',
    cases: singleFieldSubscriptions,
  },
  {
    base: 850,
    size: 50,
    slug: 'fragname',
    title: 'UniqueFragmentNames',
    rule: 'UniqueFragmentNamesRule',
    cases: uniqueFragmentNames,
  },
  {
    base: 900,
    size: 50,
    slug: 'knownfrag',
    title: 'KnownFragmentNames',
    rule: 'KnownFragmentNamesRule',
    cases: knownFragmentNames,
  },
  {
    base: 950,
    size: 50,
    slug: 'unusedfrag',
    title: 'NoUnusedFragments',
    rule: 'NoUnusedFragmentsRule',
    cases: noUnusedFragments,
  },
  {
    base: 1000,
    size: 50,
    slug: 'spread',
    title: 'PossibleFragmentSpreads',
    rule: 'PossibleFragmentSpreadsRule',
    cases: possibleFragmentSpreads,
  },
  {
    base: 1050,
    size: 50,
    slug: 'cycle',
    title: 'NoFragmentCycles',
    rule: 'NoFragmentCyclesRule',
    cases: noFragmentCycles,
  },
];
