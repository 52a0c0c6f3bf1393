/**
 * An enum's values with a description each, for `builder.enumType(name, { values })`: the
 * values stay in the domain's const list (workflows and zod schemas read it), and the map
 * must name every one of them, so a value added to the list without a description fails to
 * compile.
 *
 * The GraphQL name is the value in upper case (`in_force` is `IN_FORCE`), so the schema has
 * one case for enum values (the schema lint's naming-convention) while a module that stores
 * lower-case values keeps them: resolvers and the database see the value, clients the name,
 * and nothing is migrated. Values are `snake_case` or `UPPER_CASE`, never camelCase (which
 * would lose its word breaks).
 */
export function describedValues<const T extends readonly string[]>(
  values: T,
  descriptions: { [K in T[number]]: string },
): { [K in T[number] as Uppercase<K>]: { value: K; description: string } } {
  for (const value of values)
    if (value !== value.toLowerCase() && value !== value.toUpperCase())
      throw new Error(`enum value ${value}: use snake_case or UPPER_CASE, not mixed case`);
  return Object.fromEntries(
    values.map((value) => [
      value.toUpperCase(),
      { value, description: descriptions[value as T[number]] },
    ]),
  ) as { [K in T[number] as Uppercase<K>]: { value: K; description: string } };
}
