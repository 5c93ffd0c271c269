import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { Kind } from 'graphql';

/**
 * Prometheus metrics (prom-client), served at GET /metrics by every process:
 * request rate, errors and latency per operation, subgraph fetches (gateway),
 * database pool use (subgraphs on MySQL/MariaDB), and Node's own metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'result'>;
  readonly duration: Histogram<'operation'>;
  readonly subgraphFetches: Histogram<'subgraph' | 'result'>;
  private readonly operations = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations by operation name and result (ok, error)',
      labelNames: ['operation', 'result'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL operation latency',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.subgraphFetches = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Latency of the gateway’s fetches to each subgraph, by result',
      labelNames: ['subgraph', 'result'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
  }

  /**
   * Operation names are chosen by clients: only well-formed names become
   * label values, and at most 200 distinct ones, so a client cannot blow up
   * the metric's cardinality.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= 200) return 'other';
    this.operations.add(name);
    return name;
  }

  /** SQL statements run so far (the benchmark reads it to show statements per request). */
  watchStatements(counter: { count: number }) {
    new Counter({
      name: 'db_statements_total',
      help: 'SQL statements executed by this process',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(counter.count);
      },
    });
  }

  /** Gauges of a MySQL/MariaDB connection pool (mysql2), read at scrape time. */
  watchPool(dataSource: DataSource) {
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state (total, free, waiting requests)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { pool?: { pool?: PoolInternals } & PoolInternals }).pool;
        const p = pool?.pool ?? pool; // mysql2's promise wrapper keeps the callback pool inside
        if (!p?._allConnections) return;
        this.set({ state: 'total' }, p._allConnections.length);
        this.set({ state: 'free' }, p._freeConnections.length);
        this.set({ state: 'waiting' }, p._connectionQueue.length);
      },
    });
  }

  plugin(): ApolloServerPlugin {
    return {
      // Arrow functions: `this` stays the metrics object inside Apollo's hooks.
      requestDidStart: async () => {
        const end = this.duration.startTimer();
        return {
          willSendResponse: async ({ request, errors, operationName, document }) => {
            // Named even when validation failed (no resolved operation): the document's first operation name.
            const op = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
            const operation = this.operationLabel(operationName ?? request.operationName ?? op?.name?.value);
            end({ operation });
            this.requests.inc({ operation, result: errors?.length ? 'error' : 'ok' });
          },
        };
      },
    };
  }
}

interface PoolInternals {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}
