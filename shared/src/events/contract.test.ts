import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION, EVENT_SCHEMAS, EVENT_TYPES, eventProblems, schemaProblems } from './contract';

describe('the event contract', () => {
  it('every event type has a JSON Schema for its current version and a row in the catalogue of docs/events.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'events.md'), 'utf8');
    for (const type of EVENT_TYPES) {
      expect([type, !!EVENT_SCHEMAS[type][CURRENT_SCHEMA_VERSION[type]]]).toEqual([type, true]);
      expect([type, doc.includes(`| \`${type}\` |`)]).toEqual([type, true]);
    }
  });

  it('checks payloads: required fields, types, enums, no unknown fields', () => {
    const schema = EVENT_SCHEMAS.AccountRevoked[1];
    expect(schemaProblems(schema, { accountId: 'a', status: 'ACTIVE', notBefore: 1_700_000_000, reason: 'PASSWORD_CHANGE' })).toEqual([]);
    // notBeforeMs: optional (added to version 1), an integer or null when present.
    expect(schemaProblems(schema, { accountId: 'a', status: 'ACTIVE', notBefore: 1_700_000_000, notBeforeMs: 1_700_000_000_123, reason: 'PASSWORD_CHANGE' })).toEqual([]);
    expect(schemaProblems(schema, { accountId: 'a', status: 'ACTIVE', notBefore: 1_700_000_000, notBeforeMs: '1700000000123', reason: 'PASSWORD_CHANGE' })).toEqual([
      '$.notBeforeMs: expected integer or null, got string',
    ]);
    expect(schemaProblems(schema, { accountId: 'a', status: 'GONE', notBefore: 1.5, reason: 'x', extra: 1 })).toEqual([
      '$.status: not one of ACTIVE, FROZEN, CANCELLED',
      '$.notBefore: expected integer or null, got number',
      '$.extra: not allowed',
    ]);
    const envelope = {
      id: '00000000-0000-4000-8000-000000000001',
      type: 'AccountFrozen',
      schemaVersion: 2,
      source: 'organization',
      aggregateType: 'Account',
      aggregateId: 'a',
      aggregateVersion: 3,
      segmentId: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
      actor: null,
      payload: { accountId: 'a', status: 'FROZEN', notBefore: null },
    };
    expect(eventProblems(envelope)).toEqual(['$.schemaVersion: AccountFrozen has no version 2']);
    expect(eventProblems({ ...envelope, schemaVersion: 1 })).toEqual([]);
    expect(eventProblems({ ...envelope, schemaVersion: 1, payload: { ...envelope.payload, notBeforeMs: null } })).toEqual([]);
  });
});
