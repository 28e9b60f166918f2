import { useCallback, useEffect, useState } from 'react';
import type { GateStatus, Input, MethodName, Output } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { GATE_TABLES } from './slice';

/** Calls the api and shows a refusal as a notice with its details; resolves null when refused. */
export function useGateCall() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  return useCallback(
    async <K extends MethodName>(method: K, input: Input<K>, done?: string): Promise<Output<K> | null> => {
      try {
        const r = await api.call(method, input);
        if (done) notify('info', done);
        return r;
      } catch (e) {
        const err = e instanceof ApiCallError ? e : null;
        const details = err?.body.issues && err.body.issues.length > 1 ? err.body.issues.map((i) => i.message) : undefined;
        notify('error', err ? err.message : String(e), details);
        return null;
      }
    },
    [api, notify],
  );
}

/** The gate status of a measure, kept fresh when gate data or the acting person change. */
export function useGateStatus(measureId: string): GateStatus | null {
  const api = useApp((s) => s.api);
  const reloads = useApp((s) => s.reloads);
  const actorId = useApp((s) => s.workspace?.actorId);
  const [status, setStatus] = useState<GateStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.call('gates:status', { measureId }).then(
        (st) => alive && setStatus(st),
        () => alive && setStatus(null),
      );
    void load();
    const off = reloads.add({ tables: GATE_TABLES, run: () => void load() });
    return () => {
      alive = false;
      off();
    };
  }, [api, reloads, measureId, actorId]);
  return status;
}
