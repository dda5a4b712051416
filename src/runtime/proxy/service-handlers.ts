/**
 * In-cluster HTTP servers: the processes behind Services (Prometheus's API on 9090, Grafana...).
 * Components register a handler per (service, namespace, port); a request that reaches one of
 * the service's pods on that port is answered by it. Without a handler the port is closed.
 */
import type { HttpRequest, HttpResponse } from "./http.ts";

export interface ServiceRequestContext {
  /** µs since the epoch when the request reaches the server. */
  nowMicros: number;
  /** The caller's address as the server sees it. */
  sourceIp?: string;
  /** The pod that serves it. */
  pod: { name: string; namespace: string };
}

export type ServiceHandler = (request: HttpRequest, ctx: ServiceRequestContext) => HttpResponse;

export class ServiceHandlers {
  private readonly handlers = new Map<string, ServiceHandler>();

  private key(service: string, namespace: string, port: number): string {
    return `${namespace}/${service}:${port}`;
  }

  /** Registers (or replaces) the server of `service.namespace:port`; returns an unregister function. */
  register(service: string, namespace: string, port: number, handler: ServiceHandler): () => void {
    const k = this.key(service, namespace, port);
    this.handlers.set(k, handler);
    return () => {
      if (this.handlers.get(k) === handler) this.handlers.delete(k);
    };
  }

  get(service: string, namespace: string, port: number): ServiceHandler | undefined {
    return this.handlers.get(this.key(service, namespace, port));
  }
}
