import { useState } from 'react';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';
import { ConflictList } from './ConflictList';
import { MemberList } from './MemberList';
import { showStamp } from '../../app/dates';

/** Sync folder, "Sync now" with progress and summary, members and member copies, conflicts. */
export function SyncPanel(props: { onClose: () => void }) {
  const status = useApp((s) => s.syncStatus);
  const summary = useApp((s) => s.syncSummary);
  const running = useApp((s) => s.syncRunning);
  const progress = useApp((s) => s.syncProgress);
  const setFolder = useApp((s) => s.setSyncFolder);
  const syncNow = useApp((s) => s.syncNow);
  const addMember = useApp((s) => s.addMember);
  const workspace = useApp((s) => s.workspace);
  const [folder, setFolderText] = useState(status?.folder ?? '');
  const [auto, setAuto] = useState(status?.autoSync ?? false);
  const [memberName, setMemberName] = useState('');
  const [memberOut, setMemberOut] = useState('');
  const dirty = (folder.trim() || null) !== (status?.folder ?? null) || auto !== (status?.autoSync ?? false);
  const suggestedOut = (name: string) => (workspace ? workspace.path.replace(/[^/\\]*$/, `${name.trim() || 'member'}.steerco`) : '');

  return (
    <Modal title="Sync" onClose={props.onClose} testId="sync-panel" actions={<button onClick={props.onClose}>Close</button>}>
      <section className="sync-section">
        <label>
          Sync folder (a file share, a synced cloud folder or a USB stick)
          <input aria-label="Sync folder" value={folder} placeholder="/path/to/shared/folder" onChange={(e) => setFolderText(e.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Sync automatically when the folder changes
        </label>
        <div className="row">
          <button disabled={!dirty} onClick={() => void setFolder(folder.trim() || null, auto)}>
            Save folder
          </button>
          <button className="primary" disabled={running || !status?.folder || dirty} onClick={() => void syncNow()}>
            Sync now
          </button>
        </div>
        {running && (
          <div className="sync-progress" role="status">
            <progress max={Math.max(progress?.total ?? 0, 1)} value={progress?.done ?? 0} />
            <span>{progress?.phase === 'export' ? 'Writing this copy’s bundle…' : `Importing ${progress?.file ?? '…'}`}</span>
          </div>
        )}
        {summary && !running && (
          <div className="sync-summary" data-testid="sync-summary">
            <div>
              Last sync {showStamp(summary.at)}: <strong>{summary.changesIn}</strong> changes in, <strong>{summary.changesOut}</strong> out,{' '}
              {summary.imported} bundles imported, {summary.newConflicts} new conflicts, {summary.refused.length} refused.
            </div>
            {summary.refused.map((r) => (
              <div key={r.file} className="refused">
                Refused {r.file}: {r.reason}
              </div>
            ))}
            {(summary.refusedChanges ?? []).map((r, i) => (
              <div key={`${i}-${r.reason}`} className="refused" data-testid="refused-change">
                Refused a change from {r.from}’s copy: {r.reason}
              </div>
            ))}
            {summary.gaps.map((g) => (
              <div key={g} className="refused">
                Waiting: {g}
              </div>
            ))}
            {(summary.pruned ?? 0) > 0 && <div>Removed {summary.pruned} of this copy’s bundles every member has.</div>}
            {summary.checkpoint && <div>Wrote a checkpoint for members far behind: {summary.checkpoint}</div>}
            {(summary.blobsIn ?? 0) + (summary.blobsOut ?? 0) > 0 && (
              <div>
                Evidence files: {summary.blobsIn ?? 0} received, {summary.blobsOut ?? 0} shared.
              </div>
            )}
            {(summary.blobsMissing ?? []).length > 0 && (
              <div className="refused">Evidence not arrived yet (its copy has not synced the file): {summary.blobsMissing.join(', ')}</div>
            )}
          </div>
        )}
      </section>
      <section className="sync-section">
        <h3>Members</h3>
        {status && status.members.length === 0 && (
          <p className="muted">No members yet: this copy registers itself on its first sync; create a member copy for each colleague.</p>
        )}
        <MemberList />
        <div className="row">
          <input aria-label="Member name" placeholder="Name" value={memberName} onChange={(e) => setMemberName(e.target.value)} />
          <input aria-label="Member copy file" placeholder={suggestedOut(memberName)} value={memberOut} onChange={(e) => setMemberOut(e.target.value)} />
          <button
            disabled={!memberName.trim()}
            onClick={() =>
              void addMember(memberName.trim(), memberOut.trim() || suggestedOut(memberName)).then((p) => {
                if (p) {
                  setMemberName('');
                  setMemberOut('');
                }
              })
            }
          >
            Create member copy
          </button>
        </div>
      </section>
      <ConflictList />
    </Modal>
  );
}
