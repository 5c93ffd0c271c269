import { DataSource } from 'typeorm';
import { hashPassword, inTransactionWithNamedLock, newId, Role } from '@group/shared';
import { Account, AccountStatus } from './account.entity';
import { passwordProblems } from './password-policy';

export class BootstrapRefused extends Error {}

/**
 * Creates the first SYSTEM_ADMIN of a production database (which has no demo
 * accounts): the one account made outside the API; that administrator creates
 * the rest through it. Refused once any SYSTEM_ADMIN exists, and for a password
 * the password policy rejects. Two runs at once (two operators, two containers) create one:
 * "no SYSTEM_ADMIN yet" has no row to lock, so the check and the insert hold a named lock.
 */
export async function bootstrapAdmin(ds: DataSource, input: { email: string; password: string }, now = new Date()): Promise<Account> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new BootstrapRefused(`"${input.email}" is not an email address`);
  const problems = passwordProblems(input.password, email);
  if (problems.length) throw new BootstrapRefused(`the password breaks the password policy: ${problems.join(', ')}`);
  return insertFirstAdmin(ds, email, await hashPassword(input.password), now);
}

/** The check and the insert of `bootstrapAdmin`, for an email and a password already vetted and hashed. */
export function insertFirstAdmin(ds: DataSource, email: string, passwordHash: string, now = new Date()): Promise<Account> {
  return inTransactionWithNamedLock(ds, 'organization-bootstrap-admin', async (m) => {
    if ((await m.countBy(Account, { role: Role.SYSTEM_ADMIN })) > 0) {
      throw new BootstrapRefused('a SYSTEM_ADMIN account already exists: sign in as that administrator');
    }
    if (await m.findOneBy(Account, { email })) throw new BootstrapRefused(`an account with the email ${email} already exists`);
    const account = Object.assign(new Account(), {
      id: newId(),
      email,
      passwordHash,
      role: Role.SYSTEM_ADMIN,
      employeeId: null,
      status: AccountStatus.ACTIVE,
      lastLoginAt: null,
      tokensNotBefore: now,
      failedLoginCount: null,
      lockedUntil: null,
      // The operator chose this password; nobody else has seen it.
      mustChangePassword: false,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await m.insert(Account, account);
    return account;
  });
}
