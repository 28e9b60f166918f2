import { useState } from 'react';
import type { SyncMember } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { showStampDay } from '../../app/dates';

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const since = (iso: string | null) => (iso ? showStampDay(iso) : 'never');

function Member({ m, isAdmin }: { m: SyncMember; isAdmin: boolean }) {
  const retire = useApp((s) => s.retireMember);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <li data-testid="member" className={m.status === 'retired' ? 'retired' : m.stale ? 'stale' : ''}>
      <strong>{m.name}</strong>
      {m.isSelf ? ' (this copy)' : ''}
      {m.role === 'admin' ? ' · administrator' : ''}
      {m.status === 'retired' ? (
        <small> · retired{m.retiredReason ? `: ${m.retiredReason}` : ''}</small>
      ) : (
        !m.isSelf && <small> · last synced {since(m.lastSyncAt)}</small>
      )}
      {m.stale && (
        <div className="refused" data-testid="member-stale">
          Has not synced for a while
          {m.holdsBack.files > 0 ? `: ${m.holdsBack.files} bundle${m.holdsBack.files === 1 ? '' : 's'} (${size(m.holdsBack.bytes)}) stay in the folder until this copy has them` : ''}.
        </div>
      )}
      {isAdmin && !m.isSelf && m.status === 'active' && !asking && (
        <button onClick={() => setAsking(true)} aria-label={`Retire ${m.name}'s copy`}>
          Retire…
        </button>
      )}
      {asking && (
        <div className="row">
          <input aria-label="Reason for retiring" placeholder="Reason (left the program, lost laptop…)" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button className="danger" onClick={() => void retire(m.replicaId, reason.trim()).then((ok) => ok && setAsking(false))}>
            Retire {m.name}’s copy
          </button>
          <button onClick={() => setAsking(false)}>Cancel</button>
        </div>
      )}
    </li>
  );
}

/** Members of the workspace: who is an administrator, who has not synced for a while and what that costs; retiring a copy. */
export function MemberList() {
  const status = useApp((s) => s.syncStatus);
  const setStaleDays = useApp((s) => s.setStaleDays);
  if (!status) return null;
  return (
    <>
      <ul className="members">
        {status.members.map((m) => (
          <Member key={m.replicaId} m={m} isAdmin={status.isAdmin} />
        ))}
      </ul>
      <label className="inline">
        Show a member as not syncing after
        <input
          key={status.staleDays}
          type="number"
          min={1}
          max={365}
          style={{ width: 64 }}
          aria-label="Days without sync"
          defaultValue={status.staleDays}
          onBlur={(e) => Number(e.target.value) !== status.staleDays && void setStaleDays(Number(e.target.value))}
        />
        days
      </label>
    </>
  );
}
