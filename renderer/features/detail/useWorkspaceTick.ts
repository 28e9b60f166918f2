import { useEffect, useState } from 'react';
import { useApp } from '../../app/context';

/** A number that changes whenever one of `tables` changes, so a section can reload what it shows. */
export function useWorkspaceTick(tables: string[]): number {
  const api = useApp((s) => s.api);
  const [tick, setTick] = useState(0);
  const key = tables.join(',');
  useEffect(() => {
    const watch = key.split(',');
    return api.on('workspace:changed', (e) => {
      if (e.tables.some((t) => watch.includes(t))) setTick((n) => n + 1);
    });
  }, [api, key]);
  return tick;
}
