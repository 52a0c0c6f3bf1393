import { DATE_RULE, isDate } from '@cppcc/kit';
import { z } from 'zod';

export const id = z.string().regex(/^\d+$/, 'must be a numeric id');
export const day = z.string().refine(isDate, DATE_RULE);
/** How a member took part in a meeting they were expected at. */
export const attendance = z.enum(['PRESENT', 'ON_LEAVE', 'ABSENT']);
/** Level of a leader or body that instructed on or adopted something. */
export const level = z.enum(['NATIONAL', 'PROVINCIAL', 'CITY', 'DISTRICT']);
