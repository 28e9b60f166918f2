import { useEffect, useState } from 'react';
import type { GateConfig, GateLevelConfig } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog, PromptDialog } from '../../components/Modal';
import { ApiCallError } from '../../app/api';
import { MethodDialog } from './MethodDialog';
import { GATE_TABLES } from './slice';
import { useGateCall } from './useGateCall';
import './gates.css';

/** Gate configuration without code: names, criteria, approvers, risk weights, settings, methods. */
export function GateConfigView() {
  const api = useApp((s) => s.api);
  const reloads = useApp((s) => s.reloads);
  const call = useGateCall();
  const [cfg, setCfg] = useState<GateConfig | null>(null);
  const [dialog, setDialog] = useState<'save' | 'new' | null>(null);
  /** A method file that exists: replaced only when the user says so. */
  const [replacePath, setReplacePath] = useState<string | null>(null);
  const notify = useApp((s) => s.notify);
  useEffect(() => {
    let alive = true;
    const load = () => api.call('gates:config', {}).then((c) => alive && setCfg(c), () => undefined);
    void load();
    const off = reloads.add({ tables: [...GATE_TABLES, 'roles'], run: () => void load() });
    return () => {
      alive = false;
      off();
    };
  }, [api, reloads]);
  if (!cfg) return <div className="loading">Loading…</div>;
  const update = async (level: number, patch: Partial<Omit<GateLevelConfig, 'level'>>) => {
    const c = await call('gates:updateLevel', { level, ...patch });
    if (c) setCfg(c);
  };
  const toggle = (list: string[], key: string) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);
  return (
    <section className="gate-config" aria-label="Gate configuration">
      <div className="grid-toolbar">
        <strong>Stage gates</strong>
        <span className="spacer" style={{ flex: 1 }} />
        <button onClick={() => setDialog('save')}>Save method…</button>
        <button onClick={() => void call('method:export', {}).then((r) => r && download(r.method))}>Download method</button>
        <button onClick={() => setDialog('new')}>New workspace from method…</button>
      </div>
      <div className="settings">
        <label className="row" style={{ margin: 0 }}>
          <input
            type="checkbox"
            aria-label="Reset approvals on edit"
            checked={cfg.settings.resetOnEdit}
            onChange={(e) => void call('gates:updateSettings', { resetOnEdit: e.target.checked }).then((c) => c && setCfg(c))}
          />
          Editing a measure's definition resets its approvals (on the open request and of the current level)
        </label>
        <label className="row" style={{ margin: 0 }}>
          Evidence file limit (MB)
          <input
            key={cfg.settings.evidenceMaxBytes}
            type="number"
            min={1}
            max={40}
            aria-label="Evidence file limit (MB)"
            defaultValue={Math.round(cfg.settings.evidenceMaxBytes / 1048576)}
            onBlur={(e) => void call('gates:updateSettings', { evidenceMaxBytes: Math.round(Number(e.target.value) * 1048576) }).then((c) => c && setCfg(c))}
          />
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Level</th>
            <th>Name</th>
            <th>Entry criteria</th>
            <th>Approvers</th>
            <th>Risk weight %</th>
            <th>Requester may approve</th>
            <th title="Each approval must be given on the approver's own copy, not entered for them by someone else">Approver's own copy</th>
          </tr>
        </thead>
        <tbody>
          {cfg.levels.map((l) => (
            <tr key={l.level} data-testid={`gate-row-${l.level}`}>
              <td>DI{l.level}</td>
              <td>
                <input key={l.name} aria-label={`Name of DI${l.level}`} defaultValue={l.name} onBlur={(e) => e.target.value.trim() !== l.name && void update(l.level, { name: e.target.value })} />
              </td>
              <td>
                <div className="checks">
                  {cfg.criteriaCatalog.map((c) => (
                    <label key={c.key}>
                      <input type="checkbox" aria-label={`DI${l.level} criterion ${c.label}`} checked={l.criteria.includes(c.key)} onChange={() => void update(l.level, { criteria: toggle(l.criteria, c.key) })} />
                      {c.label}
                    </label>
                  ))}
                </div>
              </td>
              <td>
                <div className="checks" style={{ gridTemplateColumns: '1fr' }}>
                  {cfg.approverCatalog.map((c) => (
                    <label key={c.key}>
                      <input type="checkbox" aria-label={`DI${l.level} approver ${c.label}`} checked={l.approverRoles.includes(c.key)} onChange={() => void update(l.level, { approverRoles: toggle(l.approverRoles, c.key) })} />
                      {c.label}
                    </label>
                  ))}
                </div>
              </td>
              <td>
                <input
                  key={l.riskWeightPct}
                  type="number"
                  min={0}
                  max={100}
                  style={{ width: 70 }}
                  aria-label={`Risk weight of DI${l.level}`}
                  defaultValue={l.riskWeightPct}
                  onBlur={(e) => Number(e.target.value) !== l.riskWeightPct && void update(l.level, { riskWeightPct: Number(e.target.value) })}
                />
              </td>
              <td>
                <input type="checkbox" aria-label={`DI${l.level} requester may approve`} checked={l.selfApproval} onChange={(e) => void update(l.level, { selfApproval: e.target.checked })} />
              </td>
              <td>
                <input type="checkbox" aria-label={`DI${l.level} approvals from the approver's own copy`} checked={l.ownCopy} onChange={(e) => void update(l.level, { ownCopy: e.target.checked })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {dialog === 'save' && (
        <PromptDialog
          title="Save method"
          label="Method file"
          initial="method.steerco-method.json"
          submitLabel="Save"
          onClose={() => setDialog(null)}
          onSubmit={(path) =>
            void api.call('method:export', { path }).then(
              (r) => {
                setDialog(null);
                notify('info', `Saved the method to ${r.path}`);
              },
              (e: unknown) => {
                if (e instanceof ApiCallError && e.body.code === 'exists') {
                  setDialog(null);
                  setReplacePath(path);
                } else notify('error', e instanceof ApiCallError ? e.message : String(e));
              },
            )
          }
        />
      )}
      {replacePath && (
        <ConfirmDialog
          title="Replace the method file?"
          message={`${replacePath} already exists. Replace it with this workspace's method?`}
          confirmLabel="Replace"
          onClose={() => setReplacePath(null)}
          onConfirm={() => void call('method:export', { path: replacePath, overwrite: true }).then((r) => r && (setReplacePath(null), undefined))}
        />
      )}
      {dialog === 'new' && <MethodDialog onClose={() => setDialog(null)} />}
    </section>
  );
}

function download(method: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(method, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'method.steerco-method.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
