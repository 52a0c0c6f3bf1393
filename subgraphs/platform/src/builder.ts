import { createBuilder } from '@cppcc/kit';

export const builder = createBuilder();
