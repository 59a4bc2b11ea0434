// The one introspection query Sluice's tests send: graphql-js's query with every feature of the
// October 2021 spec that graphql 16 can ask for. isOneOf and directive deprecation are left out:
// they are not in that spec and Sluice does not serve them.
import { getIntrospectionQuery } from 'graphql';

export const INTROSPECTION_OPTIONS = Object.freeze({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
});

export const introspectionQuery = () => getIntrospectionQuery(INTROSPECTION_OPTIONS);
