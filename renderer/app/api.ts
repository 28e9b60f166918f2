import type { ApiErrorBody, EventName, Events, Input, MethodName, Output, SteercoBridge } from '../../preload/contract';

/** A refused call, with the contract's error body (code, message, per-field issues). */
export class ApiCallError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiCallError';
  }
}

declare global {
  interface Window {
    steerco?: SteercoBridge;
  }
}

function tokenFromLocation(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('steerco-token', fromHash);
    // Keep the token out of the address bar (screenshots, projector).
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem('steerco-token') ?? '';
}

/** The HTTP transport of browser mode: POST /api/<method>, events over SSE. */
function httpBridge(): SteercoBridge {
  const token = tokenFromLocation();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = (name: string) => {
    if (!source) source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    if (listeners.has(name)) return;
    listeners.set(name, new Set());
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
      listeners.get(name)?.forEach((l) => l(payload));
    });
  };
  return {
    async invoke(method, input) {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await res.json()) as { ok?: boolean; result?: unknown } & Partial<ApiErrorBody>;
      if (!res.ok || !body.ok) {
        throw new ApiCallError({ code: body.code ?? 'internal', message: body.message ?? `HTTP ${res.status}`, issues: body.issues });
      }
      return body.result as never;
    },
    on(event, listener) {
      ensureSource(event);
      const set = listeners.get(event)!;
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

function toCallError(e: unknown): ApiCallError {
  if (e instanceof ApiCallError) return e;
  const body = (e as { body?: ApiErrorBody }).body;
  if (body) return new ApiCallError(body);
  return new ApiCallError({ code: 'internal', message: e instanceof Error ? e.message : String(e) });
}

export interface ApiClient {
  call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** The desktop preload's bridge when present, the HTTP host otherwise; callers cannot tell. */
export function createApiClient(bridge: SteercoBridge = window.steerco ?? httpBridge()): ApiClient {
  return {
    async call(method, input) {
      try {
        return await bridge.invoke(method, input);
      } catch (e) {
        throw toCallError(e);
      }
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
