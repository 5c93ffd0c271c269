import { testDatabaseKinds } from '@group/shared/testing';
import { startOrganization } from './harness';

describe.each(testDatabaseKinds())('the test harness on %s', (kind) => {
  it('stops an app that no test got to use (its afterAll must not hide the failure that stopped the tests)', async () => {
    const t = await startOrganization(kind, 'org_harness_unused');
    await expect(t.stop()).resolves.toBeUndefined();
  });
});
