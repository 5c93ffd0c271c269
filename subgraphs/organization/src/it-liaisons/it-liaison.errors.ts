import { badInput, conflict } from '@group/shared';

/** The IT liaison aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const itLiaisonErrors = {
  liaisonExists: (version: number) => conflict('LIAISON_EXISTS', 'The department has a liaison: send its version to replace them', { currentVersion: version }),
  liaisonNotOfCompany: () => badInput('LIAISON_NOT_OF_COMPANY', "The liaison must be an active employee of the department's company"),
};
