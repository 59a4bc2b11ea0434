// Every group of corpus cases, in the order of their numbers.
import { groups as documents } from './documents.mjs';
import { groups as fields } from './fields.mjs';
import { groups as lexing } from './lexing.mjs';
import { groups as mixed } from './mixed.mjs';
import { groups as overlap } from './overlap.mjs';
import { groups as parsing } from './parsing.mjs';
import { groups as values } from './values.mjs';

export const groups = [
  ...lexing,
  ...parsing,
  ...documents,
  ...fields,
  ...values,
  ...overlap,
  ...mixed,
];
