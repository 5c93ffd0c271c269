/**
 * Minimal structured logger: one JSON object per line on stdout, with level,
 * time, service and any fields (request id, error). Kept tiny on purpose.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(service: string, level: Level = 'info', base: Record<string, unknown> = {}): Logger {
  const emit = (l: Level, fields: Record<string, unknown>, msg: string) => {
    if (ORDER[l] < ORDER[level]) return;
    process.stdout.write(JSON.stringify({ level: l, time: new Date().toISOString(), service, ...base, ...fields, msg }) + '\n');
  };
  return {
    debug: (f, m) => emit('debug', f, m),
    info: (f, m) => emit('info', f, m),
    warn: (f, m) => emit('warn', f, m),
    error: (f, m) => emit('error', f, m),
    child: (fields) => createLogger(service, level, { ...base, ...fields }),
  };
}
