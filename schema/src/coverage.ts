import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';

/** The kinds of schema element a client reads a description on. */
export const COVERAGE_KINDS = [
  'root fields',
  'types',
  'fields',
  'arguments',
  'input fields',
  'enum values',
] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export interface Coverage {
  /** Per kind: how many are described, and of how many. */
  counts: Record<CoverageKind, { described: number; all: number }>;
  /** Per kind, the coordinates (`Type.field(arg:)`) of the undescribed ones. */
  undescribed: Record<CoverageKind, string[]>;
}

const BUILT_IN_SCALARS = ['String', 'Int', 'Float', 'Boolean', 'ID'];
const ROOTS = ['Query', 'Mutation', 'Subscription'];

/** How much of a schema's SDL (schema/api.graphql) carries descriptions, by kind. */
export function descriptionCoverage(sdl: string): Coverage {
  const schema = buildSchema(sdl);
  const counts = Object.fromEntries(
    COVERAGE_KINDS.map((kind) => [kind, { described: 0, all: 0 }]),
  ) as Coverage['counts'];
  const undescribed = Object.fromEntries(
    COVERAGE_KINDS.map((kind) => [kind, [] as string[]]),
  ) as Coverage['undescribed'];
  const tally = (kind: CoverageKind, coordinate: string, description?: string | null) => {
    counts[kind].all += 1;
    if (description?.trim()) counts[kind].described += 1;
    else undescribed[kind].push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && BUILT_IN_SCALARS.includes(type.name)))
      continue;
    tally('types', type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        tally('fields', coordinate, field.description);
        if (ROOTS.includes(type.name)) tally('root fields', coordinate, field.description);
        for (const arg of field.args)
          tally('arguments', `${coordinate}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        tally('input fields', `${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues())
        tally('enum values', `${type.name}.${value.name}`, value.description);
    }
    // a union or a custom scalar has only its own description
  }
  return { counts, undescribed };
}

/** A kind's coverage in percent, to one decimal. */
export const percent = ({ described, all }: { described: number; all: number }) =>
  all ? Math.round((described / all) * 1000) / 10 : 100;
