import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * docker/compose.yaml as Docker Compose reads it: `${VAR}`, `${VAR:-default}` and
 * `${VAR:?message}` interpolated from `vars` (the role of docker/.env), a missing
 * `:?` variable refused with its message, YAML merge keys (`<<: *env`) applied.
 */
export const COMPOSE_FILE = join(__dirname, '..', '..', 'docker', 'compose.yaml');

export interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
}

export function loadCompose(vars: Record<string, string>): { services: Record<string, ComposeService> } {
  const text = readFileSync(COMPOSE_FILE, 'utf8').replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const value = vars[name];
    if (value !== undefined && value !== '') return value;
    if (op === '?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
  return parse(text, { merge: true });
}

/** The variables compose.yaml requires (`${VAR:?...}`): the secrets of docker/.env. */
export function requiredComposeVariables(): string[] {
  return [...new Set([...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]))].sort();
}
