import { useCallback, useEffect, useState } from 'react';
import type { Pack } from '../../../preload/contract';
import { createApiClient } from '../../app/api';
import { PackDocument } from './PackDocument';
import { packTitle, type PrintParams } from './print-route';
import './pack.css';
import { userLocale } from '../../app/locale';

/**
 * Only the pack pages, for headless printing (the CLI's PDF): loads the pack (or takes the
 * one the CLI assembled and injected as `__STEERCO_PACK__`), lays it out from the browser's
 * measured heights, draws it, then sets `data-pack-ready` on <html>, or `data-pack-error`
 * with the message.
 */
export function PackPrintRoute({ params }: { params: PrintParams }) {
  const [pack, setPack] = useState<Pack | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const injected = (window as { __STEERCO_PACK__?: Pack }).__STEERCO_PACK__;
    performance.mark('pack:start');
    if (injected) return setPack(injected);
    if (params.inject) {
      // The desktop app's hidden print window has no API: the pack arrives as an event.
      const onPack = (e: Event) => setPack(JSON.parse((e as CustomEvent<string>).detail) as Pack);
      window.addEventListener('steerco-pack', onPack);
      return () => window.removeEventListener('steerco-pack', onPack);
    }
    const api = createApiClient();
    const load = params.snapshotId
      ? api.call('pack:snapshot', { id: params.snapshotId })
      : api.call('pack:build', { scopeId: params.scopeId, meetingId: params.meetingId, asOf: params.asOf ?? undefined, locale: params.locale ?? userLocale() });
    load.then(setPack, (e: Error) => {
      setError(e.message);
      document.documentElement.dataset.packError = e.message;
    });
  }, [params]);
  // The pages are in the document and the charts drawn (synchronously, animation off): ready to print.
  const onLaid = useCallback(() => {
    performance.mark('pack:ready');
    document.documentElement.dataset.packReady = 'true';
  }, []);
  useEffect(() => {
    // The PDF's Title: what the file is, not the app's name.
    if (pack) document.title = packTitle(pack);
  }, [pack]);
  if (error) return <p className="pack-error">{error}</p>;
  if (!pack) return <p className="pack-loading">Preparing the pack…</p>;
  return (
    <div className="pack-print">
      <PackDocument pack={pack} staticPages onLaid={onLaid} />
    </div>
  );
}
