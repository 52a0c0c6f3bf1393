/**
 * An enum's values with a description each, for `builder.enumType(name, { values })`: the
 * values stay in the domain's const list (workflows and zod schemas read it), and the map
 * must name every one of them, so a value added to the list without a description fails to
 * compile.
 */
export function describedValues<const T extends readonly string[]>(
  values: T,
  descriptions: { [K in T[number]]: string },
): { [K in T[number]]: { value: K; description: string } } {
  return Object.fromEntries(
    values.map((value) => [value, { value, description: descriptions[value as T[number]] }]),
  ) as { [K in T[number]]: { value: K; description: string } };
}
