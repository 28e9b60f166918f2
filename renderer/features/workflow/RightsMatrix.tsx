import { useEffect, useState } from 'react';
import { RIGHTS, type Right, type RightsMatrix as Matrix } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { useWorkspaceTick } from '../detail/useWorkspaceTick';
import './workflow.css';

const SHORT: Record<Right, string> = { decide: 'D', approve: 'A', consult: 'C', inform: 'I', none: '' };
const WORDS: Record<Right, string> = { decide: 'Decides', approve: 'Approves', consult: 'Consulted', inform: 'Informed', none: '—' };

/**
 * Who decides what: decision types × roles, each cell decide / approve / consult / inform.
 * A gate's approve cells are its approver roles; a change is refused with the reason.
 */
export function RightsMatrix() {
  const api = useApp((s) => s.api);
  const tick = useWorkspaceTick(['decision_rights', 'gate_levels', 'roles']);
  const [m, setM] = useState<Matrix | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    void api.call('rights:matrix', {}).then((x) => live && setM(x));
    return () => {
      live = false;
    };
  }, [api, tick]);
  if (!m) return null;
  const set = async (decisionType: string, role: string, right: Right) => {
    try {
      setM(await api.call('rights:set', { decisionType, role, right }));
      setError('');
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <section className="rights" aria-label="Decision rights">
      <h3>Decision rights</h3>
      <p className="muted">D decides · A approves · C is consulted · I is informed. Gate approvers are the gate's approval slots; hold, cancel and close are allowed to the roles that decide.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="rights-scroll">
        <table className="table compact rights-table">
          <thead>
            <tr>
              <th>Decision</th>
              {m.roles.map((r) => (
                <th key={r.key} title={r.label}>
                  {r.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.types.map((t) => (
              <tr key={t.key} data-testid={`rights-${t.key}`}>
                <th scope="row">{t.label}</th>
                {m.roles.map((r) => {
                  const v = m.cells[t.key]?.[r.key] ?? 'none';
                  return (
                    <td key={r.key} className={`right-${v}`}>
                      <select aria-label={`${t.label}: ${r.label}`} title={WORDS[v]} value={v} onChange={(e) => void set(t.key, r.key, e.target.value as Right)}>
                        {RIGHTS.map((x) => (
                          <option key={x} value={x}>
                            {SHORT[x] || '·'}
                          </option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
