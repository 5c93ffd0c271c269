import { UseMiddleware } from 'type-graphql';
import { Capability, hasCapability, Role, type Viewer } from './roles';
import type { BaseContext } from './context';
import { authErrors as errors } from './auth.errors';

/**
 * Field-level protection of sensitive data (issue 7). A field marked
 * `@Sensitive(kind)` resolves only for the roles this one table lets read
 * that kind; for everyone else it is null with a FORBIDDEN / SENSITIVE_FIELD
 * error at its path (the rest of the response is unaffected). The field must
 * be nullable. Row-level rules (segment isolation) still apply first: this
 * narrows what a viewer who may see the row sees of it.
 */
export enum SensitiveData {
  /** Personal phone numbers and e-mail addresses of customers' contacts and leads. */
  PERSONAL_CONTACT = 'PERSONAL_CONTACT',
  /** Identity-card and passport numbers. */
  PERSONAL_ID = 'PERSONAL_ID',
  /** Salaries, incentive schemes and compensation paid. */
  COMPENSATION = 'COMPENSATION',
  /** Details of complaints that became legal cases. */
  LEGAL_CASE = 'LEGAL_CASE',
  /** Competitor intelligence (prices, strategies, threat assessments). */
  COMPETITOR_INTELLIGENCE = 'COMPETITOR_INTELLIGENCE',
}

/**
 * Who reads what. Business staff need their customers' phone numbers to do
 * their job; administrators (segment and system) run accounts, not customer
 * relations, so they see none of it; pay, legal cases and intelligence stay
 * with management. Change the defaults here, in one place.
 */
const READERS: Record<SensitiveData, ReadonlySet<Role>> = {
  [SensitiveData.PERSONAL_CONTACT]: new Set([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]),
  [SensitiveData.PERSONAL_ID]: new Set([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD]),
  [SensitiveData.COMPENSATION]: new Set([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD]),
  [SensitiveData.LEGAL_CASE]: new Set([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD]),
  [SensitiveData.COMPETITOR_INTELLIGENCE]: new Set([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD]),
};
/** The group marketing department supervises competitor research (MKT-R07). */
const CAPABILITY_READERS: Partial<Record<SensitiveData, Capability>> = {
  [SensitiveData.COMPETITOR_INTELLIGENCE]: Capability.MARKETING_OPERATOR,
};

export function mayReadSensitive(viewer: Viewer | null, kind: SensitiveData): boolean {
  if (!viewer) return false;
  if (READERS[kind].has(viewer.role)) return true;
  const capability = CAPABILITY_READERS[kind];
  return !!capability && hasCapability(viewer, capability);
}

/**
 * The same kinds by key name, for data that is not a GraphQL field of a type:
 * the audit log's root-field arguments and before/after rows, in every
 * subgraph, at any depth. Free text (notes, descriptions, feedback) is
 * treated as personal: staff write customers' details into it.
 */
const SENSITIVE_NAMES: [RegExp, SensitiveData][] = [
  [/phone|e-?mail|mobile|notes|feedback|description/i, SensitiveData.PERSONAL_CONTACT],
  [/idnumber|id_number|passport/i, SensitiveData.PERSONAL_ID],
  [/salary|incentive|amount|compensation/i, SensitiveData.COMPENSATION],
  [/legal(?!name)/i, SensitiveData.LEGAL_CASE],
];

export const MASKED = '[MASKED]';

/** A copy of `value` with every key of a kind the viewer may not read masked (objects and lists, nested). */
export function maskSensitive(viewer: Viewer | null, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 16) return MASKED;
  if (Array.isArray(value)) return value.map((v) => maskSensitive(viewer, v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const kind = SENSITIVE_NAMES.find(([re]) => re.test(k))?.[1];
    out[k] = kind && v !== null && !mayReadSensitive(viewer, kind) ? MASKED : maskSensitive(viewer, v, depth + 1);
  }
  return out;
}

/** Marks a (nullable) field as sensitive data of `kind`. */
export function Sensitive(kind: SensitiveData) {
  return UseMiddleware(async ({ context, info }, next) => {
    if (!mayReadSensitive((context as BaseContext).viewer, kind)) {
      throw errors.sensitiveField(info, kind);
    }
    return next();
  });
}
