// Rules about types, fields, directives and arguments inside selections.
import { bad, ok } from './cases.mjs';

const knownTypeNames = [
  ok(
    'builtin-scalars',
    `
    query Q($i: Int, $f: Float, $s: String, $b: Boolean, $id: ID) {
      probe { int(value: $i) float(value: $f) string(value: $s) boolean(value: $b) id(value: $id) }
    }
  `,
  ),
  ok(
    'custom-scalars-enums-inputs',
    `
    query Q($d: DateTime, $j: JSON, $e: Email, $s: Species, $f: PetFilter) {
      probe { dateTime(value: $d) json(value: $j) email(value: $e) species(value: $s) petFilter(value: $f) }
    }
  `,
  ),
  ok(
    'introspection-types-in-conditions',
    `
    { __schema { types { ...T } } }
    fragment T on __Type { name kind fields { ... on __Field { name } } }
  `,
  ),
  bad('unknown-variable-type', `query Q($a: Kennel) { version }`, {
    also: ['NoUnusedVariablesRule'],
  }),
  bad('unknown-wrapped-variable-type', `query Q($a: [Kennel!]!) { version }`, {
    also: ['NoUnusedVariablesRule'],
  }),
  bad('misspelled-with-suggestion', `query Q($h: HumanFiltr) { humans(filter: $h) { name } }`),
  bad('wrong-case-with-suggestion', `query Q($s: species) { probe { species(value: $s) } }`),
  bad(
    'unknown-fragment-type-condition',
    `
    { pet(id: 1) { ...F } }
    fragment F on Hamster { name }
  `,
  ),
  bad('unknown-inline-type-condition', `{ pet(id: 1) { ... on Hamster { name } } }`),
  bad(
    'several-unknown',
    `
    query Q($a: Cage, $b: Leash) { probe { json(value: [$a, $b]) } }
    fragment F on Kennel { size }
  `,
    { also: ['NoUnusedFragmentsRule'] },
  ),
  bad('builtin-name-wrong-case', `query Q($i: int) { probe { int(value: $i) } }`),
  bad('introspection-name-unknown', `{ __schema { types { ... on __Kind { name } } } }`),
];

const fragmentsOnCompositeTypes = [
  ok(
    'on-object-interface-union',
    `
    { pet(id: 1) { ...O ...I } catOrDog { ...U } }
    fragment O on Dog { name }
    fragment I on Pet { name }
    fragment U on CatOrDog { __typename }
  `,
  ),
  ok('inline-without-condition-on-scalar-parent-fields', `{ ... { version } }`),
  bad(
    'fragment-on-scalar',
    `
    { version ...S }
    fragment S on String { length }
  `,
  ),
  bad(
    'fragment-on-custom-scalar',
    `
    { now ...D }
    fragment D on DateTime { year }
  `,
  ),
  bad(
    'fragment-on-enum',
    `
    { dog(id: 1) { species { ...E } } }
    fragment E on Species { name }
  `,
    { also: ['ScalarLeafsRule'] },
  ),
  bad(
    'fragment-on-input-object',
    `
    { ...I }
    fragment I on PetFilter { name }
  `,
  ),
  bad('inline-on-scalar', `{ dog(id: 1) { ... on Boolean { barks } } }`),
  bad('inline-on-enum', `{ dog(id: 1) { ... on DogCommand { name } } }`),
  bad('inline-on-input-object', `{ dog(id: 1) { ... on AdoptionInput { petId } } }`),
];

const variablesAreInputTypes = [
  ok(
    'input-types',
    `
    query Q($a: Int!, $b: Species!, $c: AdoptionInput, $d: [[Int!]]) {
      probe { int(value: $a) species(value: $b) adoption(value: $c) intMatrix(value: $d) }
    }
  `,
  ),
  ok(
    'enum-list-and-custom-scalar',
    `
    query Q($s: [Species!]!, $e: Email, $f: [PetFilter!]) {
      search(text: "x", species: $s) { __typename }
      probe { email(value: $e) petFilter(value: {and: $f}) }
    }
  `,
  ),
  bad('object-type', `query Q($d: Dog) { version }`, { also: ['NoUnusedVariablesRule'] }),
  bad('interface-type-in-list', `query Q($p: [Pet]) { version }`, {
    also: ['NoUnusedVariablesRule'],
  }),
  bad('union-non-null', `query Q($u: CatOrDog!) { version }`, { also: ['NoUnusedVariablesRule'] }),
  bad('object-deeply-wrapped', `query Q($h: [[Human!]]!) { version }`, {
    also: ['NoUnusedVariablesRule'],
  }),
  bad('root-type', `query Q($q: Query) { version }`, { also: ['NoUnusedVariablesRule'] }),
  bad('used-as-argument', `query Q($d: Dog) { probe { json(value: $d) } }`, {
    also: ['VariablesInAllowedPositionRule'],
  }),
  bad('several', `query Q($a: Dog, $b: Int, $c: Trick) { probe { json(value: [$a, $b, $c]) } }`, {
    also: ['VariablesInAllowedPositionRule'],
  }),
];

const scalarLeafs = [
  ok(
    'leaves-and-selections',
    `{ version dog(id: 1) { name owner { name } knownCommands } catOrDog { __typename } }`,
  ),
  ok('union-with-typename-only', `{ catOrDog { __typename } search(text: "a") { __typename } }`),
  ok(
    'enum-and-custom-scalar-leaves',
    `{ dog(id: 1) { species knownCommands birthday } config now }`,
  ),
  bad('object-without-selection', `{ dog(id: 1) }`),
  bad('interface-without-selection', `{ pet(id: 1) }`),
  bad('union-without-selection', `{ catOrDog }`),
  bad('list-of-objects-without-selection', `{ humans }`),
  bad('nested-object-without-selection', `{ dog(id: 1) { owner } }`),
  bad(
    'object-without-selection-in-fragment',
    `
    { dog(id: 1) { ...F } }
    fragment F on Dog { mother }
  `,
  ),
  bad('scalar-with-selection', `{ version { length } }`),
  bad('custom-scalar-with-selection', `{ now { year } }`),
  bad('enum-with-selection', `{ dog(id: 1) { species { name } } }`),
  bad('enum-list-with-selection', `{ dog(id: 1) { knownCommands { name } } }`),
  bad(
    'scalar-with-arguments-and-selection',
    `{ dog(id: 1) { doesKnowCommand(command: SIT) { why } } }`,
  ),
  bad('typename-with-selection', `{ __typename { name } }`),
  bad('mutation-field-without-selection', `mutation M { adopt(input: {petId: 1, adopterId: 2}) }`),
  bad('nested-list-of-lists-without-selection', `{ human(id: 1) { relatives } }`),
];

const fieldsOnCorrectType = [
  ok(
    'fields-on-object-interface-union',
    `
    {
      dog(id: 1) { name barkVolume }
      pet(id: 1) { name species }
      catOrDog { __typename ... on Cat { lives } }
    }
  `,
  ),
  ok(
    'introspection-fields-at-query-root',
    `{ __schema { queryType { name } } __type(name: "Dog") { name } __typename }`,
  ),
  ok(
    'typename-on-mutation-and-subscription',
    `
    mutation M { __typename deletePet(id: 1) }
    subscription S { petAdopted { __typename } }
  `,
  ),
  bad('unknown-on-object', `{ dog(id: 1) { meow } }`),
  bad('misspelled-on-object', `{ dog(id: 1) { nam } }`),
  bad('wrong-case', `{ dog(id: 1) { Name } }`),
  bad('implementor-field-on-interface', `{ pet(id: 1) { barkVolume } }`),
  bad('implementor-field-on-interface-many-types', `{ pet(id: 1) { weight } }`),
  bad('shared-field-directly-on-union', `{ catOrDog { name } }`),
  bad('unknown-on-union', `{ humanOrAlien { homePlanet } }`),
  bad('unknown-at-query-root', `{ kennel }`),
  bad('unknown-at-mutation-root', `mutation M { feedPet(id: 1) }`),
  bad('unknown-at-subscription-root', `subscription S { petFed }`),
  bad('aliased-unknown', `{ dog(id: 1) { volume: meow } }`),
  bad(
    'unknown-in-fragment',
    `
    { dog(id: 1) { ...F } }
    fragment F on Dog { meowVolume }
  `,
  ),
  bad('unknown-in-inline-fragment', `{ pet(id: 1) { ... on Cat { barks } } }`),
  bad(
    'unknown-deep',
    `{ human(id: 1) { bestFriend { bestFriend { pets { owner { nickname } } } } } }`,
  ),
  bad('schema-below-root', `{ dog(id: 1) { __schema { types { name } } } }`),
  bad('type-below-root', `{ dog(id: 1) { __type(name: "Dog") { name } } }`),
  bad('schema-on-mutation-root', `mutation M { __schema { types { name } } }`),
  bad('unknown-with-selection', `{ dog(id: 1) { puppies { name } } }`),
  bad('several-unknown', `{ dog(id: 1) { meow purr } cat { bark } }`),
  bad('input-field-name-as-output-field', `{ pets { minAge } }`),
];

const knownDirectives = [
  ok(
    'builtin-and-custom-in-their-locations',
    `
    query Q($v: Boolean! @sensitive @tag(name: "v")) @cached(ttl: 10) @trace @trace {
      dog(id: 1) @cached(ttl: 1) {
        name @skip(if: $v) @tag(name: "a") @tag(name: "b")
        ...F @include(if: true)
        ... on Dog @skip(if: false) { barks }
      }
    }
    mutation M @audit(level: WARN) @trace { deletePet(id: 1) @audit }
    subscription S @tag(name: "s") { tick }
    fragment F on Dog @tag(name: "f") { nickname }
  `,
  ),
  bad('unknown-directive', `{ version @loud }`),
  bad('unknown-directive-misspelled', `{ version @skipp(if: true) }`),
  bad('field-directive-on-mutation', `mutation M @cached(ttl: 1) { deletePet(id: 1) }`),
  bad('mutation-directive-on-query', `query Q @audit { version }`),
  bad('variable-directive-on-field', `{ version @sensitive }`),
  bad('schema-only-directive-on-field', `{ version @internal }`),
  bad('skip-on-operation', `query Q @skip(if: true) { version }`),
  bad(
    'include-on-fragment-definition',
    `
    { dog(id: 1) { ...F } }
    fragment F on Dog @include(if: true) { name }
  `,
  ),
  bad(
    'skip-on-variable-definition',
    `query Q($a: Int @skip(if: true)) { probe { int(value: $a) } }`,
  ),
  bad('deprecated-on-field', `{ legacyVersion @deprecated }`),
  bad('specified-by-on-field', `{ now @specifiedBy(url: "https://example.com") }`),
  bad('trace-on-field', `{ version @trace }`),
  bad('cached-on-subscription', `subscription S @cached(ttl: 1) { tick }`),
  bad(
    'unknown-on-fragment-spread-and-inline',
    `
    { dog(id: 1) { ...F @loud ... @quiet { barks } } }
    fragment F on Dog { name }
  `,
  ),
  bad('unknown-repeated', `{ version @loud @loud }`),
];

const uniqueDirectivesPerLocation = [
  ok(
    'repeatable-directives-repeated',
    `
    query Q @trace @trace @tag(name: "a") @tag(name: "a") { version @tag(name: "x") @tag(name: "y") }
  `,
  ),
  ok('same-directive-on-different-nodes', `{ version @skip(if: false) now @skip(if: false) }`),
  ok('skip-and-include-together', `{ version @skip(if: false) @include(if: true) }`),
  bad('skip-twice-on-field', `{ version @skip(if: false) @skip(if: true) }`),
  bad(
    'include-twice-on-spread',
    `
    { dog(id: 1) { ...F @include(if: true) @include(if: false) } }
    fragment F on Dog { name }
  `,
  ),
  bad(
    'skip-twice-on-inline-fragment',
    `{ dog(id: 1) { ... @skip(if: true) @skip(if: true) { name } } }`,
  ),
  bad('cached-twice-on-operation', `query Q @cached(ttl: 1) @cached(ttl: 2) { version }`),
  bad(
    'sensitive-twice-on-variable',
    `query Q($a: Int @sensitive @sensitive) { probe { int(value: $a) } }`,
  ),
  bad('audit-three-times', `mutation M { deletePet(id: 1) @audit @audit @audit }`),
  bad(
    'interleaved-with-others',
    `{ version @skip(if: false) @include(if: true) @tag(name: "t") @skip(if: false) }`,
  ),
  bad(
    'twice-on-two-fields',
    `{ version @skip(if: false) @skip(if: false) now @include(if: true) @include(if: true) }`,
  ),
];

const knownArgumentNames = [
  ok(
    'known-field-and-directive-arguments',
    `
    {
      dog(id: 1) { isHousetrained(atOtherHomes: false) tricks(first: 3, after: "c") { name } }
      human(id: 1) { friends(first: 2, orderBy: DESC) { name } }
      version @skip(if: false)
      now @cached(ttl: 10, scope: PRIVATE)
    }
  `,
  ),
  ok('deprecated-argument', `{ probe { deprecatedArg(old: 1, new: 2) } }`),
  bad('unknown-field-argument', `{ dog(id: 1, name: "Rex") { name } }`),
  bad('misspelled-field-argument', `{ dog(id: 1) { isHousetrained(atOtherHome: true) } }`),
  bad('argument-on-field-without-arguments', `{ version(format: "semver") }`),
  bad('argument-on-typename', `{ __typename(long: true) }`),
  bad('unknown-directive-argument', `{ version @skip(if: true, unless: false) }`),
  bad('misspelled-directive-argument', `{ now @cached(ttl: 1, scop: PUBLIC) }`),
  bad('replaced-directive-argument', `{ version @skip(unless: true) }`, {
    also: ['ProvidedRequiredArgumentsRule'],
  }),
  bad('interface-field-argument', `{ pet(id: 1) { name(withTitle: true, withSuffix: true) } }`),
  bad('argument-from-other-field', `{ dog(id: 1) { barks(atOtherHomes: true) } }`),
  bad('several-unknown', `{ human(id: 1, name: "Ann", age: 3) { name } }`),
  ok(
    'argument-on-unknown-field-only-reports-field',
    `{ dog(id: 1) { ...F } } fragment F on Dog { __typename }`,
  ),
  bad('argument-on-unknown-field', `{ dog(id: 1) { howl(loud: true) } }`, {
    rules: ['FieldsOnCorrectTypeRule'],
  }),
  bad('argument-on-unknown-directive', `{ version @loud(level: 11) }`, {
    rules: ['KnownDirectivesRule'],
  }),
];

const uniqueArgumentNames = [
  ok(
    'distinct-arguments',
    `{ probe { twoRequired(a: 1, b: "x") } now @cached(ttl: 1, scope: PUBLIC) }`,
  ),
  ok('same-argument-on-different-fields', `{ a: dog(id: 1) { name } b: dog(id: 2) { name } }`),
  bad('duplicate-field-argument', `{ dog(id: 1, id: 2) { name } }`),
  bad('duplicate-field-argument-same-value', `{ dog(id: 1, id: 1) { name } }`),
  bad('duplicate-directive-argument', `{ version @skip(if: true, if: false) }`),
  bad('three-times', `{ probe { int(value: 1, value: 2, value: 3) } }`),
  bad('two-duplicated-arguments', `{ probe { twoRequired(a: 1, b: "x", a: 2, b: "y") } }`),
  bad('duplicate-on-nested-field', `{ human(id: 1) { friends(first: 1, first: 2) { name } } }`),
];

export const groups = [
  {
    base: 600,
    size: 50,
    slug: 'typename',
    title: 'KnownTypeNames',
    rule: 'KnownTypeNamesRule',
    cases: knownTypeNames,
  },
  {
    base: 650,
    size: 50,
    slug: 'composite',
    title: 'FragmentsOnCompositeTypes',
    rule: 'FragmentsOnCompositeTypesRule',
    cases: fragmentsOnCompositeTypes,
  },
  {
    base: 700,
    size: 50,
    slug: 'vartype',
    title: 'VariablesAreInputTypes',
    rule: 'VariablesAreInputTypesRule',
    cases: variablesAreInputTypes,
  },
  {
    base: 750,
    size: 50,
    slug: 'leaf',
    title: 'ScalarLeafs',
    rule: 'ScalarLeafsRule',
    cases: scalarLeafs,
  },
  {
    base: 800,
    size: 50,
    slug: 'field',
    title: 'FieldsOnCorrectType',
    rule: 'FieldsOnCorrectTypeRule',
    cases: fieldsOnCorrectType,
  },
  {
    base: 1250,
    size: 50,
    slug: 'directive',
    title: 'KnownDirectives',
    rule: 'KnownDirectivesRule',
    cases: knownDirectives,
  },
  {
    base: 1300,
    size: 50,
    slug: 'dupdirective',
    title: 'UniqueDirectivesPerLocation',
    rule: 'UniqueDirectivesPerLocationRule',
    cases: uniqueDirectivesPerLocation,
  },
  {
    base: 1350,
    size: 50,
    slug: 'argname',
    title: 'KnownArgumentNames',
    rule: 'KnownArgumentNamesRule',
    cases: knownArgumentNames,
  },
  {
    base: 1400,
    size: 50,
    slug: 'duparg',
    title: 'UniqueArgumentNames',
    rule: 'UniqueArgumentNamesRule',
    cases: uniqueArgumentNames,
  },
];
