/**
 * docs/errors.md, the catalogue of error reasons for client teams, stays current and consistent
 * (test/support/errors-doc.ts). Regenerate with `npm run errors:doc`.
 */
import * as fs from 'node:fs';
import { buildErrorsDoc, ERRORS_DOC_PATH } from './support/errors-doc';

describe('docs/errors.md', () => {
  const doc = buildErrorsDoc();

  it('gives each reason one code wherever it is raised (a client switches on the pair)', () => {
    expect(doc.kindClashes).toEqual([]);
  });

  it('raises every factory of the `<aggregate>.errors.ts` catalogues somewhere (none documents a reason no client gets)', () => {
    expect(doc.unusedFactories).toEqual([]);
  });

  it('builds every reason as a literal in a `*.errors.ts` catalogue, never where it is thrown and never computed (one place to read and change each, and docs/errors.md lists it)', () => {
    expect(doc.inlineReasons).toEqual([]);
  });

  it('is current (run `npm run errors:doc` after adding or changing an error reason)', () => {
    const committed = fs.existsSync(ERRORS_DOC_PATH) ? fs.readFileSync(ERRORS_DOC_PATH, 'utf8') : '';
    expect(committed === doc.markdown ? 'current' : 'stale: run `npm run errors:doc`').toBe('current');
  });
});
