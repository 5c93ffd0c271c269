import { badInput, conflict, forbidden } from '@group/shared';

/** The stable error reasons of the tag library (extensions.reason). */
export const tagErrors = {
  libraryForbidden: () => forbidden('TAG_LIBRARY_FORBIDDEN', 'Only the group marketing department and group executives maintain the tag library'),
  validityInvalid: () => badInput('TAG_VALIDITY_INVALID', 'validTo must be after validFrom'),
  categoryIsTheme: () => badInput('TAG_CATEGORY_IS_THEME', 'Tags go under a level-1 category or below, not under a level-0 theme'),
  codeTaken: (input: { code: string }) => conflict('TAG_CODE_TAKEN', `Tag code ${input.code} is already used`, { tagCode: input.code }),
};
