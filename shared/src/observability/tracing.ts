import type { IncomingHttpHeaders } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';

/**
 * Optional OpenTelemetry tracing across the hops: client -> gateway ->
 * subgraphs. Off unless OTEL_EXPORTER_OTLP_ENDPOINT (the standard variable,
 * e.g. http://collector:4318) is set; then every process exports its spans
 * over OTLP/HTTP, and the W3C `traceparent` header joins them into one trace:
 *   - each HTTP request gets a SERVER span, child of the caller's traceparent;
 *   - the gateway's own spans (gateway.request / plan / fetch, built into
 *     @apollo/gateway) hang under it;
 *   - each subgraph fetch carries the fetch span's traceparent, so the
 *     subgraph's request span is its child.
 * Off, it costs nothing: no provider is registered and no span is started.
 */
let enabled = false;
let provider: NodeTracerProvider | undefined;

export const tracingEnabled = () => enabled;

export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, processor?: SpanProcessor): { shutdown(): Promise<void>; flush(): Promise<void> } | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : undefined);
  if (!endpoint && !processor) return null;
  if (provider) return { shutdown: () => provider!.shutdown(), flush: () => provider!.forceFlush() }; // one per process
  provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  provider.register(); // global provider, AsyncLocalStorage context, W3C trace-context propagator
  enabled = true;
  const p = provider;
  return {
    flush: () => p.forceFlush(),
    shutdown: async () => {
      await p.shutdown();
      enabled = false;
      provider = undefined;
    },
  };
}

/** Runs one HTTP request inside a SERVER span continuing the caller's trace (when tracing is on). */
export async function withRequestSpan<T>(service: string, method: string, path: string, headers: IncomingHttpHeaders, requestId: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const parent = propagation.extract(context.active(), headers);
  const tracer = trace.getTracer('group-graph');
  return tracer.startActiveSpan(
    `${method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'service.component': service, 'http.request.method': method, 'url.path': path, 'request.id': requestId } },
    parent,
    async (span: Span) => {
      try {
        return await fn();
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

/** Adds the active span's `traceparent` to an outgoing request's headers. */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  if (!enabled) return;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [k, v] of Object.entries(carrier)) set(k, v);
}
