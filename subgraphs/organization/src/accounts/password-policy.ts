/**
 * Password rules for local accounts (issue 7): at least 10 characters, at least
 * three of the four character classes, not the email (nor its local part), not
 * a common password. Returns the names of the failed rules (empty = acceptable).
 */
export enum PasswordRule {
  MIN_LENGTH = 'MIN_LENGTH',
  CHARACTER_CLASSES = 'CHARACTER_CLASSES',
  NOT_EMAIL = 'NOT_EMAIL',
  NOT_COMMON = 'NOT_COMMON',
  /** A new password must differ from the one it replaces (checked where the current one is known). */
  NOT_CURRENT = 'NOT_CURRENT',
}

export const PASSWORD_MIN_LENGTH = 10;

/** A small list of passwords that satisfy the length/class rules yet are among the first tried. */
const COMMON_PASSWORDS = new Set(
  [
    'password123',
    'password1234',
    'password123!',
    'password@123',
    'p@ssw0rd123',
    'passw0rd!23',
    'qwerty12345',
    'qwerty123456',
    'qwerty@1234',
    'welcome123!',
    'welcome@123',
    'admin@12345',
    'admin123456',
    'administrator1',
    'iloveyou123!',
    '1qaz2wsx3edc',
    '1qaz@wsx3edc',
    'abcd1234!@#$',
    'abc123456789',
    'changeme123!',
    'letmein12345',
    'demo-password',
    'zaq12wsxcde3',
    'aa123456789',
  ].map((p) => p.toLowerCase()),
);

export function passwordProblems(password: string, email: string): PasswordRule[] {
  const problems: PasswordRule[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(PasswordRule.MIN_LENGTH);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push(PasswordRule.CHARACTER_CLASSES);
  const lower = password.trim().toLowerCase();
  const mail = email.trim().toLowerCase();
  if (lower === mail || lower === mail.split('@')[0]) problems.push(PasswordRule.NOT_EMAIL);
  if (COMMON_PASSWORDS.has(lower)) problems.push(PasswordRule.NOT_COMMON);
  return problems;
}
