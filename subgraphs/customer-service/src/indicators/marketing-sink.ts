import { AuthConfig, integrationBearer, systemActor } from '@group/shared';
import type { CustomerSegment, IndicatorObservation, IndicatorSink } from './indicator-publisher';

const RECORD_INDICATORS = `mutation($input: RecordCustomerIndicatorsInput!) { recordCustomerIndicators(input: $input) { written } }`;
const RECORD_SEGMENTS = `mutation($input: RecordCustomerSegmentsInput!) { recordCustomerSegments(input: $input) { written } }`;

/**
 * Sends observations to the marketing subgraph's ingestion mutations over
 * HTTP, as a SYSTEM_ADMIN integration identity with the SYSTEM_INTEGRATION
 * capability (a short-lived token signed with the shared key ring; marketing
 * accepts indicators only from such tokens). Any error throws, so the
 * publisher keeps its watermark and the next run resends.
 */
export function marketingSink(auth: AuthConfig, marketingUrl: string, timeoutMs = 30_000): IndicatorSink {
  const bearer = integrationBearer(auth, systemActor('customer-service'));
  const call = async (query: string, input: unknown) => {
    const res = await fetch(marketingUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}`, 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query, variables: { input } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string; extensions?: { code?: string } }[] };
    if (!res.ok || body.errors?.length) {
      throw new Error(`marketing refused the indicators (HTTP ${res.status}): ${body.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ') ?? 'no body'}`);
    }
  };
  return {
    indicators: (observations: IndicatorObservation[]) =>
      call(RECORD_INDICATORS, { source: 'customer-service', observations: observations.map((o) => ({ ...o, asOf: o.asOf.toISOString() })) }),
    segments: (customers: CustomerSegment[]) => call(RECORD_SEGMENTS, { customers }),
  };
}
