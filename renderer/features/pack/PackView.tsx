import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { geometry } from './paginate';
import { ConfirmDialog, PromptDialog } from '../../components/Modal';
import { flattenTree } from '../tree/tree-model';
import { useApp } from '../../app/context';
import { HoldWarning } from './HoldWarning';
import { PackDocument } from './PackDocument';
import { PackLayoutForm } from './PackLayoutForm';
import { PackBrandingForm } from './PackBrandingForm';
import { PackTextsForm } from './PackTextsForm';
import { packTitle } from './print-route';
import './pack.css';
import './pack-app-print.css';
import { showDay } from '../../app/dates';

/** Pack builder and print preview: scope, meeting, texts, sections, frozen packs, print and export. */
export function PackView() {
  // Narrow selections: the view re-renders for pack state, not for every grid or notice change.
  const s = {
    appInfo: useApp((x) => x.appInfo),
    nodes: useApp((x) => x.nodes),
    pack: useApp((x) => x.pack),
    packError: useApp((x) => x.packError),
    packLoading: useApp((x) => x.packLoading),
    packScopeId: useApp((x) => x.packScopeId),
    packMeetingId: useApp((x) => x.packMeetingId),
    packMeetings: useApp((x) => x.packMeetings),
    packSnapshots: useApp((x) => x.packSnapshots),
    packSnapshotId: useApp((x) => x.packSnapshotId),
    loadPack: useApp((x) => x.loadPack),
    setPackTarget: useApp((x) => x.setPackTarget),
    openSnapshot: useApp((x) => x.openSnapshot),
    freezePack: useApp((x) => x.freezePack),
    exportPackPdf: useApp((x) => x.exportPackPdf),
    exportPackPptx: useApp((x) => x.exportPackPptx),
    textsDirty: useApp((x) => x.packTextsDirty),
  };
  // The preview shows whole pages: a page wider than the preview (landscape at a laptop's or a
  // projector's width) is drawn smaller, never scrolled sideways. Print and PDF keep paper size.
  const previewRef = useRef<HTMLElement>(null);
  const [fit, setFit] = useState(1);
  const pageWidthMm = s.pack ? geometry(s.pack).width : 0;
  useEffect(() => {
    const el = previewRef.current;
    if (!el || !pageWidthMm) return;
    const measure = () => {
      const pad = parseFloat(getComputedStyle(el).paddingLeft) + parseFloat(getComputedStyle(el).paddingRight);
      const room = el.clientWidth - pad;
      setFit(room > 0 ? Math.min(1, Math.floor((room / ((pageWidthMm * 96) / 25.4)) * 1000) / 1000) : 1);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [pageWidthMm]);
  const [exportDialog, setExportDialog] = useState<'pptx' | 'pdf' | null>(null);
  const [freezeDialog, setFreezeDialog] = useState(false);
  // Printing draws every page first (the preview draws them as you scroll), then opens the print dialog
  // with the pack's title as the document's (the PDF's Title when saved).
  const [printing, setPrinting] = useState(false);
  const pack = s.pack;
  const onLaid = useCallback(() => {
    if (!printing || !pack) return;
    requestAnimationFrame(() => {
      const title = document.title;
      document.title = packTitle(pack);
      window.print();
      document.title = title;
      setPrinting(false);
    });
  }, [printing, pack]);
  const { loadPack } = s;
  useEffect(() => void loadPack(), [loadPack]);
  const frozen = s.packSnapshotId !== null;
  const m = s.pack?.meta;
  const desktop = s.appInfo?.nativeDialogs === true;
  const empty = m?.emptyTexts ?? [];
  const defaultPath = (ext: string) => `${s.appInfo?.defaultFolder ?? ''}/${m?.fileStem ?? 'steering-pack'}.${ext}`;
  return (
    <div className="pack-view">
      <aside className="pack-side pack-print-hide">
        <label>
          Scope
          <select name="scope" value={s.packScopeId ?? ''} onChange={(e) => void s.setPackTarget({ scopeId: e.target.value || null })}>
            <option value="">Whole program</option>
            {/* In the tree's order, indented by depth, as the hierarchy shows them. */}
            {flattenTree(s.nodes, {})
              .filter(({ node: n }) => n.level !== 'package')
              .map(({ node: n, depth }) => (
                <option key={n.id} value={n.id}>
                  {'\u00a0\u00a0'.repeat(depth)}
                  {n.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Meeting
          <select name="meeting" value={s.packMeetingId ?? ''} onChange={(e) => void s.setPackTarget({ meetingId: e.target.value || null })}>
            <option value="">No meeting (draft for today)</option>
            {s.packMeetings.map((mt) => (
              <option key={mt.id} value={mt.id}>
                {showDay(mt.date)} {mt.title}
                {mt.snapshotId ? ' (held)' : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <button onClick={() => setPrinting(true)} disabled={!s.pack || printing} title="Print, or save as PDF from the print dialog">
            Print / PDF…
          </button>
          {desktop && (
            <button onClick={() => setExportDialog('pdf')} disabled={!s.pack}>
              Save PDF…
            </button>
          )}
          <button onClick={() => setExportDialog('pptx')} disabled={!s.pack}>
            Export PowerPoint…
          </button>
          {!frozen && (
            <button
              className="primary"
              onClick={() => setFreezeDialog(true)}
              disabled={!s.pack || !s.packMeetingId}
              title={s.packMeetingId ? 'Freeze this pack as shown to the meeting' : 'Choose the meeting this pack is for first'}
            >
              Hold meeting: freeze pack
            </button>
          )}
        </div>
        {!frozen && !s.packMeetingId && <p className="muted hold-hint">To hold a meeting, choose it above: its pack is frozen with its texts.</p>}
        <fieldset className="pack-snapshots">
          <legend>Frozen packs</legend>
          {frozen && (
            <button className="link" onClick={() => void s.openSnapshot(null)}>
              ← Back to the live pack
            </button>
          )}
          {s.packSnapshots.length === 0 && <p className="muted">None yet. Holding a meeting freezes its pack here.</p>}
          <ul>
            {s.packSnapshots.map((x) => (
              <li key={x.id}>
                <button className={`link ${s.packSnapshotId === x.id ? 'active' : ''}`} onClick={() => void s.openSnapshot(x.id)}>
                  {showDay(x.date)} · {x.meetingTitle} · {x.scopeName}
                  <small>
                    frozen {x.takenAt.slice(0, 16).replace('T', ' ')} by {x.takenBy}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
        <PackTextsForm readOnly={frozen} />
        <PackLayoutForm />
        <PackBrandingForm />
      </aside>
      {/* Focusable: the preview scrolls, and a keyboard user scrolls it with the arrows. */}
      <main className="pack-preview" ref={previewRef} style={{ '--pack-fit': fit } as CSSProperties} aria-busy={s.packLoading} aria-label="Pack preview" tabIndex={0}>
        {s.packError ? (
          <p className="pack-error">{s.packError}</p>
        ) : s.pack ? (
          <PackDocument key={printing ? 'all' : 'preview'} pack={s.pack} progressive={!printing} onLaid={onLaid} />
        ) : (
          <p className="muted">Preparing the pack…</p>
        )}
      </main>
      {exportDialog && (
        <PromptDialog
          title={exportDialog === 'pdf' ? 'Save PDF' : 'Export PowerPoint'}
          label={exportDialog === 'pdf' ? 'Save the PDF to' : 'Save slides to'}
          initial={defaultPath(exportDialog)}
          submitLabel={exportDialog === 'pdf' ? 'Save' : 'Export'}
          onClose={() => setExportDialog(null)}
          onSubmit={(p) => void (exportDialog === 'pdf' ? s.exportPackPdf(p) : s.exportPackPptx(p)).then((ok) => ok && setExportDialog(null))}
        />
      )}
      {freezeDialog && s.textsDirty && (
        <ConfirmDialog
          title="Hold meeting"
          message="The texts have changes that are not saved, so they would not be in the frozen pack. Save or discard them first."
          confirmLabel="OK"
          onClose={() => setFreezeDialog(false)}
          onConfirm={() => setFreezeDialog(false)}
        />
      )}
      {freezeDialog && !s.textsDirty && empty.length > 0 && (
        <HoldWarning meetingTitle={m?.meetingTitle ?? 'the meeting'} empty={empty} onClose={() => setFreezeDialog(false)} onFreeze={() => void s.freezePack(true).then(() => setFreezeDialog(false))} />
      )}
      {freezeDialog && !s.textsDirty && empty.length === 0 && (
        <ConfirmDialog
          title="Hold meeting"
          message={`Freeze this pack (figures and texts) as shown to ${m?.meetingTitle ?? 'the meeting'}? It can be reopened and reprinted identically later, and the next pack will show what changed since.`}
          confirmLabel="Freeze pack"
          onClose={() => setFreezeDialog(false)}
          onConfirm={() => void s.freezePack().then(() => setFreezeDialog(false))}
        />
      )}
    </div>
  );
}
