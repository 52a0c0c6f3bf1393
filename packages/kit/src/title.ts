import { z } from 'zod';
import { inputError } from './errors.js';

/** The one rule on a record's title, wherever it is entered: trimmed, 5 to 200 characters. */
export const TITLE_MIN = 5;
export const TITLE_MAX = 200;
/** The refusal's `rule` extension. */
export const TITLE_RULE = 'title-length';
/** Says the rule in the schema, on every title argument and input field. */
export const TITLE_DESCRIPTION = `The title: trimmed, ${TITLE_MIN} to ${TITLE_MAX} characters.`;

/** What is wrong with a title, or null when it keeps the rule. */
export function titleProblem(value: string): string | null {
  const length = value.trim().length;
  if (length < TITLE_MIN) return `must have at least ${TITLE_MIN} characters (has ${length})`;
  if (length > TITLE_MAX) return `must have at most ${TITLE_MAX} characters (has ${length})`;
  return null;
}

/**
 * The rule as an argument's `validate`: refused as BAD_USER_INPUT naming the field, with
 * `rule: 'title-length'` (the builder's validation error carries an issue's `params.rule`).
 */
export const titleSchema = z.string().superRefine((value, ctx) => {
  const problem = titleProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: TITLE_RULE } });
});

/** The rule in a command: the trimmed title, or the same BAD_USER_INPUT naming `field`. */
export function checkTitle(value: string, field = 'title'): string {
  const problem = titleProblem(value);
  if (problem) throw inputError(field, TITLE_RULE, problem);
  return value.trim();
}
