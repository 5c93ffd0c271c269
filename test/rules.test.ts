/**
 * docs/rules.md stays current: every numbered rule of domain.md with its tag, the source files and
 * the tests that name it (test/support/rules-doc.ts). Regenerate with `npm run rules:doc`.
 */
import * as fs from 'node:fs';
import { buildRulesDoc, DOC_PATH, findReference } from './support/rules-doc';

describe('docs/rules.md', () => {
  const report = buildRulesDoc(fs.readFileSync(findReference(), 'utf8'));

  it('reads every numbered rule of domain.md with its tag', () => {
    expect(report.rules.filter((r) => r.tag === 'R')).toHaveLength(69);
    expect(report.rules.find((r) => r.id === 'CS-R25')?.tag).toBe('R');
  });

  it('is current (run `npm run rules:doc` after adding a test or a rule reference)', () => {
    // The lead decides when every [R] rule must be named; until then the count is reported.
    console.log(`[R] rules not named by any test: ${report.unnamed.length}${report.unnamed.length ? ` (${report.unnamed.join(', ')})` : ''}`);
    const committed = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, 'utf8') : '';
    expect(committed === report.markdown ? 'current' : 'stale: run `npm run rules:doc`').toBe('current');
  });
});
