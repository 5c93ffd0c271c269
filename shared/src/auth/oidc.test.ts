import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, KeyLike } from 'jose';
import { verifyToken } from './tokens';
import { loadSubgraphConfig } from '../config/env';
import { DomainError } from '../errors';

/** Tokens from a company's own identity provider, verified against its JWKS. */
describe('OIDC identity-provider tokens', () => {
  let server: Server;
  let issuer: string;
  const keys: { kid: string; privateKey: KeyLike; jwk: Record<string, unknown> }[] = [];
  let published: string[] = [];

  beforeAll(async () => {
    for (const kid of ['idp-1', 'idp-2']) {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
    }
    published = ['idp-1'];
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: keys.filter((k) => published.includes(k.kid)).map((k) => k.jwk) }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  const config = () => loadSubgraphConfig('ORGANIZATION', 0, { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_AUDIENCE: 'group-graph-api', AUTH_OIDC_JWKS_COOLDOWN_MS: '0' }).auth;
  const sign = (kid: string, claims: Record<string, unknown>, opts: { issuer?: string; audience?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('u-42')
      .setIssuer(opts.issuer ?? issuer)
      .setAudience(opts.audience ?? 'group-graph-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(keys.find((k) => k.kid === kid)!.privateKey);

  it('accepts a valid token and maps its role and segment claims', async () => {
    const token = await sign('idp-1', { gg_role: 'SEGMENT_HEAD', gg_segments: ['s1', 's2'] });
    expect(await verifyToken(config(), token)).toEqual(expect.objectContaining({ accountId: 'oidc:u-42', role: 'SEGMENT_HEAD', segmentIds: ['s1', 's2'] }));
  });

  it('follows the issuer’s key rotation (a new key id is fetched from the JWKS)', async () => {
    published = ['idp-1', 'idp-2'];
    const token = await sign('idp-2', { gg_role: 'BUSINESS_STAFF', gg_segments: ['s1'] });
    expect((await verifyToken(config(), token)).role).toBe('BUSINESS_STAFF');
  });

  it('refuses other issuers, other audiences and tokens without a valid role', async () => {
    const bad = [
      await sign('idp-1', { gg_role: 'SEGMENT_HEAD' }, { issuer: 'https://evil.example' }),
      await sign('idp-1', { gg_role: 'SEGMENT_HEAD' }, { audience: 'someone-else' }),
      await sign('idp-1', { gg_role: 'SUPERUSER' }),
      await sign('idp-1', {}),
    ];
    for (const token of bad) await expect(verifyToken(config(), token)).rejects.toThrow(DomainError);
  });

  it('requires an audience when an issuer is configured', () => {
    expect(() => loadSubgraphConfig('ORGANIZATION', 0, { AUTH_OIDC_ISSUER: issuer })).toThrow(/AUTH_OIDC_AUDIENCE/);
  });
});
