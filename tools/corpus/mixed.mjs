// Whole documents: realistic valid operations, and documents breaking many rules at once so the
// order in which graphql-js reports errors is pinned down too.
import { bad, ok } from './cases.mjs';

const unknownFields = (n) =>
  `{\n${Array.from({ length: n }, (_, i) => `  missing${i}\n`).join('')}}`;

const rules = (...names) => ({ rules: names.map((n) => `${n}Rule`) });

const mixed = [
  ok(
    'adoption-page',
    `
    query AdoptionPage($species: Species = DOG, $first: Int = 10, $withOwner: Boolean!) {
      pets(filter: {species: $species, not: {tags: ["adopted"]}}, first: $first) {
        id
        ...PetCard
        owner @include(if: $withOwner) { ...Person }
      }
      version
    }
    fragment PetCard on Pet {
      name(withTitle: true)
      species
      birthday
      ... on Dog { barkVolume knownCommands tricks(first: 3) { name difficulty } }
      ... on Cat { lives furColor }
      ... on Parrot { vocabulary(limit: 5) }
    }
    fragment Person on Human { id name email address { city countryCode } }
  `,
  ),
  ok(
    'adopt-mutation',
    `
    mutation Adopt($input: AdoptionInput!) @audit(level: INFO, reason: "adoption") {
      adopt(input: $input) {
        id
        when
        pet { id name }
        adopter { id name pets { name } }
      }
    }
  `,
  ),
  ok(
    'search-with-unions',
    `
    query Search($text: String!, $species: [Species!]) @cached(ttl: 30) {
      search(text: $text, species: $species) {
        __typename
        ... on Node { id }
        ... on Named { name }
        ... on Sentient { iq }
        ... on Dog { barks }
        ... on Alien { homePlanet }
      }
      humanOrAlien { ... on Human { humanAge: age } ... on Alien { alienAge: age } }
    }
  `,
  ),
  ok(
    'subscription-with-fragment',
    `
    subscription OnAdopted($species: Species) @trace {
      petAdopted(species: $species) { ...AdoptionFields }
    }
    fragment AdoptionFields on Adoption { id when pet { name species } adopter { name } }
  `,
  ),
  ok(
    'node-lookup-by-interface',
    `
    query Node($id: ID!) {
      node(id: $id) {
        id
        ... on Pet { name owner { name } }
        ... on Human { friends(first: 3, orderBy: DESC) { name } }
      }
    }
  `,
  ),
  ok(
    'deprecated-things-are-still-valid',
    `
    { legacyVersion human(id: 1) { address { country } } probe { deprecatedArg(old: 1) adoption(value: {petId: 1, adopterId: 2, legacyCode: "x"}) command(value: ROLL_OVER) } }
  `,
  ),
  bad(
    'one-error-of-each-kind-in-selection',
    `
    query Q($unused: Int, $bad: Dog) {
      dog(id: $undefined) { meow name(withTitle: "yes") owner }
      probe { nonNullInt twoRequired(a: 1, a: 2, b: "b") petFilter(value: {name: "x", name: "y"}) }
      version @skip(if: true) @skip(if: false) @loud
    }
  `,
    rules(
      'VariablesAreInputTypes',
      'ScalarLeafs',
      'FieldsOnCorrectType',
      'NoUndefinedVariables',
      'NoUnusedVariables',
      'KnownDirectives',
      'UniqueDirectivesPerLocation',
      'UniqueArgumentNames',
      'ValuesOfCorrectType',
      'ProvidedRequiredArguments',
      'UniqueInputFieldNames',
    ),
  ),
  bad(
    'one-error-of-each-kind-in-document',
    `
    query Same { ...Cycle ...Nowhere }
    query Same { dog(id: 1) { ... on Cat { lives } } }
    { version }
    subscription S { tick humanBorn { name } }
    fragment Cycle on Query { ...Cycle }
    fragment Cycle on Query { version }
    fragment Orphan on Human { name }
    fragment OnScalar on String { length }
    type NotExecutable { a: Int }
  `,
    rules(
      'ExecutableDefinitions',
      'UniqueOperationNames',
      'LoneAnonymousOperation',
      'SingleFieldSubscriptions',
      'UniqueFragmentNames',
      'KnownFragmentNames',
      'NoUnusedFragments',
      'PossibleFragmentSpreads',
      'NoFragmentCycles',
      'FragmentsOnCompositeTypes',
    ),
  ),
  bad(
    'same-node-several-rules',
    `{ dog(id: 1, id: "2", name: 3) { name: barks name } }`,
    rules('UniqueArgumentNames', 'KnownArgumentNames', 'OverlappingFieldsCanBeMerged'),
  ),
  bad('one-hundred-errors', unknownFields(100), rules('FieldsOnCorrectType')),
  bad('more-errors-than-the-limit', unknownFields(101), {
    rules: ['FieldsOnCorrectTypeRule', 'limit'],
  }),
];

export const groups = [
  { base: 1900, size: 100, slug: 'mixed', title: 'Whole documents', rule: null, cases: mixed },
];
