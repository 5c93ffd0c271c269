import { badInput, conflict, notFound } from '@group/shared';

/** The holdings aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const holdingErrors = {
  legalRepresentativeNotChair: (chair: string | null) =>
    badInput('LEGAL_REPRESENTATIVE_NOT_CHAIR', "The group's legal representative is its sitting board chairman (ORG-R24)", { chairId: chair }),
  legalRepresentativeOtherCompany: () => badInput('LEGAL_REPRESENTATIVE_OTHER_COMPANY', 'The legal representative must be employed by the company'),
  shareholderRequired: () => badInput('SHAREHOLDER_REQUIRED', 'Name the holder: a company of the group or an outside party'),
  shareholdingCycle: (holderCode: string, companyCode: string) =>
    conflict('SHAREHOLDING_CYCLE', `${holderCode} cannot hold ${companyCode}: ${companyCode} already holds ${holderCode} directly or indirectly`),
  shareholdingExceeds100: (code: string, totalPercentage: number) =>
    conflict('SHAREHOLDING_EXCEEDS_100', `Shareholdings of ${code} would total ${totalPercentage}%`, { totalPercentage }),
  shareholdingExists: (holderName: string, code: string) => conflict('SHAREHOLDING_EXISTS', `${holderName} already holds shares of ${code}; remove that holding first`),
  shareholdingNotFound: (id: string) => notFound('Shareholding', id),
  shareholdingPercentageInvalid: () => badInput('SHAREHOLDING_PERCENTAGE_INVALID', 'A shareholding is more than 0% and at most 100%'),
};
