import { builder } from '../builder.js';
import type { ProposalCategory } from '../entities/proposal.entity.js';

/**
 * The names clients see for the categories, which stay stored by their Chinese name (so nothing
 * is migrated and events keep carrying them as before). Typed by the list, so a category added
 * to PROPOSAL_CATEGORIES without a name here fails to compile.
 */
const NAMES = {
  经济建设: ['ECONOMY', 'Economic development.'],
  农业农村: ['AGRICULTURE_RURAL', 'Agriculture and rural areas.'],
  生态环境: ['ECOLOGY_ENVIRONMENT', 'Ecology and the environment.'],
  社会事业: ['SOCIAL_AFFAIRS', 'Social affairs: education, health, employment, welfare.'],
  文化旅游: ['CULTURE_TOURISM', 'Culture and tourism.'],
  城市管理: ['URBAN_MANAGEMENT', 'Urban management.'],
  其他: ['OTHER', 'Anything else.'],
} as const satisfies Record<ProposalCategory, readonly [string, string]>;

type Names = typeof NAMES;
type Values = {
  [C in keyof Names as Names[C][0]]: { value: C; description: string };
};

export const PROPOSAL_CATEGORY_VALUES = Object.fromEntries(
  Object.entries(NAMES).map(([value, [name, english]]) => [
    name,
    { value, description: `${value} ${english}` },
  ]),
) as Values;

export const ProposalCategoryType = builder.enumType('ProposalCategory', {
  description:
    '提案类别 The category a proposal or an opinion item (社情民意) is filed under; the Chinese name is the one on paper.',
  values: PROPOSAL_CATEGORY_VALUES,
});
