import { badInput, conflict, notFound } from '@group/shared';

/** The portfolios aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const portfolioErrors = {
  portfolioEnded: () => conflict('PORTFOLIO_ENDED', 'This portfolio has already ended'),
  portfolioExists: (id: string, version: number) =>
    conflict('PORTFOLIO_EXISTS', 'The department already has a responsible executive: end that portfolio first', { portfolioId: id, currentVersion: version }),
  portfolioHolderNotActive: () => badInput('PORTFOLIO_HOLDER_NOT_ACTIVE', 'The responsible executive must be an active employee'),
  portfolioHolderNotSenior: () =>
    badInput('PORTFOLIO_HOLDER_NOT_SENIOR', "A portfolio is held by a vice president or above (a GROUP_VP_AND_ABOVE position of the department's company or the group)"),
  portfolioNotFound: (id: string) => notFound('Portfolio', id),
  simulatedEntityFunctionalOnly: () => badInput('SIMULATED_ENTITY_FUNCTIONAL_ONLY', 'Only a functional department (职能部门) runs as a simulated legal entity'),
  simulatedEntityNeedsPortfolio: (name: string) => conflict('SIMULATED_ENTITY_NEEDS_PORTFOLIO', `${name} runs as a simulated legal entity within this portfolio: clear that first`),
  simulatedEntityWithoutPortfolio: () =>
    conflict('SIMULATED_ENTITY_NEEDS_PORTFOLIO', "A simulated legal entity runs within a vice president's portfolio: assign the department first"),
};
