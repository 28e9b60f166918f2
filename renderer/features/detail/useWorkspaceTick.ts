import { useEffect, useState } from 'react';
import { useApp } from '../../app/context';

/** A number that changes whenever one of `tables` changes, so a section can reload what it shows (through the reload registry). */
export function useWorkspaceTick(tables: string[]): number {
  const reloads = useApp((s) => s.reloads);
  const [tick, setTick] = useState(0);
  const key = tables.join(',');
  useEffect(() => reloads.add({ tables: key.split(','), run: () => setTick((n) => n + 1) }), [reloads, key]);
  return tick;
}
