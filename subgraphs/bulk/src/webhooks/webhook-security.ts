import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { AuthConfig } from '@group/shared';
import { webhookErrors as errors } from './webhook.errors';

/** A new signing secret, shown to the admin once: `whsec_` + 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Secrets at rest: AES-256-GCM under a key derived (HKDF) from the service's current signing key
 * (AUTH_JWT_KEYS), tagged with its kid so a secret stays readable while that key is still listed.
 */
const keyOf = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'group-graph', 'webhook-secret', 32));

export function encryptSecret(auth: AuthConfig, plain: string): string {
  const { kid, secret } = auth.keys[0];
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [kid, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function decryptSecret(auth: AuthConfig, sealed: string): string {
  const [kid, iv, tag, data] = sealed.split(':');
  const key = auth.keys.find((k) => k.kid === kid);
  if (!key) throw new Error(`webhook secret sealed with key "${kid}", which is no longer configured (rotate the webhook's secret)`);
  const decipher = createDecipheriv('aes-256-gcm', keyOf(key.secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** Stripe-style signature: `t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (one v1 per secret during a rotation). */
export function signatureHeader(timestamp: number, body: string, secrets: string[]): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${createHmac('sha256', s).update(`${timestamp}.${body}`).digest('hex')}`)].join(',');
}

/** Addresses a production webhook may not reach (SSRF): loopback, private, link-local, CGNAT, multicast, unspecified. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * A webhook URL: https in production (http also elsewhere); in production its host must not be or
 * resolve to a private or loopback address (checked at registration and again before every attempt,
 * against DNS rebinding).
 */
export async function checkWebhookUrl(raw: string, production: boolean, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw errors.urlInvalid('The webhook URL is not a valid absolute URL');
  }
  if (raw.length > 2000) throw errors.urlInvalid('The webhook URL is longer than 2000 characters');
  if (url.username || url.password) throw errors.urlInvalid('The webhook URL may not carry credentials');
  const allowed = production ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) throw errors.urlInvalid(production ? 'A webhook URL must use https' : 'A webhook URL must use http or https');
  if (production) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await resolve(host).catch(() => []);
    if (!addresses.length) throw errors.urlInvalid(`The webhook host ${host} does not resolve`);
    if (addresses.some(isPrivateAddress)) throw errors.urlInvalid('A webhook URL may not point to a private, loopback or link-local address');
  }
  return url.toString();
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}
