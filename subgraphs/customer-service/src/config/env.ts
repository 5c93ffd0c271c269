import { env, loadConfig, loadSubgraphConfig, SubgraphConfig } from '@group/shared';
import type { CrmSettings } from '../crm/crm-access';

export const CUSTOMER_SERVICE_DEFAULT_PORT = 4002;

/** The only place the customer-service subgraph reads its environment. */
export function loadCustomerServiceConfig(source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return loadSubgraphConfig('CUSTOMER_SERVICE', CUSTOMER_SERVICE_DEFAULT_PORT, source);
}

/** Where the indicator publisher sends customer-service's indicators (the marketing subgraph). */
export function loadMarketingUrl(source: NodeJS.ProcessEnv = process.env): string {
  return loadConfig({ MARKETING_URL: env.url({ default: 'http://127.0.0.1:4003/graphql', protocols: ['http', 'https'] }) }, source).MARKETING_URL;
}

/**
 * How often the indicator repair run (indicators/indicator-publisher.ts) re-publishes the indicators
 * and customer segments changed since its last run: INDICATOR_REPAIR_MS, default hourly (the events
 * carry every change within a second; this only repairs what they missed).
 */
export function loadIndicatorRepairMs(source: NodeJS.ProcessEnv = process.env): number {
  return loadConfig({ INDICATOR_REPAIR_MS: env.int({ default: 3_600_000, min: 1000 }) }, source).INDICATOR_REPAIR_MS;
}

/** How often the employee roster's repair run reads organization's employees (ROSTER_REPAIR_MS, default hourly): events keep it current meanwhile. */
export function loadRosterRepairMs(source: NodeJS.ProcessEnv = process.env): number {
  return loadConfig({ ROSTER_REPAIR_MS: env.int({ default: 3_600_000, min: 1000 }) }, source).ROSTER_REPAIR_MS;
}

/**
 * CRM settings (domain.md §5.2 proposals as configurable defaults):
 * CRM_STAFF_READ_SCOPE = OWN (default, G-15: business staff read their own
 * leads/opportunities/actions/orders plus unassigned leads) | SEGMENT;
 * CRM_FOLLOW_UP_EXEMPT_AFTER_DAY = 20 (G-10: records created after this day
 * of a month are exempt from that month's follow-up rule; 31 = never exempt).
 */
export function loadCrmSettings(source: NodeJS.ProcessEnv = process.env): CrmSettings {
  const c = loadConfig(
    {
      CRM_STAFF_READ_SCOPE: env.oneOf(['OWN', 'SEGMENT'] as const, { default: 'OWN' }),
      CRM_FOLLOW_UP_EXEMPT_AFTER_DAY: env.int({ default: 20, min: 0, max: 31 }),
    },
    source,
  );
  return { staffReadScope: c.CRM_STAFF_READ_SCOPE as CrmSettings['staffReadScope'], followUpExemptAfterDay: c.CRM_FOLLOW_UP_EXEMPT_AFTER_DAY };
}
