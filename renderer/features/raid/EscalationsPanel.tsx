import { ESC_LEVELS, type EscLevel } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { showStampDay } from '../../app/dates';

/** Raised escalations (by rule, or by hand from the RAID log) and the rules that raise them. */
export function EscalationsPanel() {
  const escalations = useApp((s) => s.escalations);
  const rules = useApp((s) => s.escalationRules);
  const updateRule = useApp((s) => s.updateRule);
  const open = useApp((s) => s.openMeasureRaid);
  return (
    <div className="deps-panel">
      <table className="table" aria-label="Escalations">
        <thead>
          <tr>
            <th>Level</th>
            <th>About</th>
            <th>Reason</th>
            <th>Trigger</th>
            <th>Raised</th>
          </tr>
        </thead>
        <tbody>
          {escalations.map((e) => (
            <tr key={e.id} data-testid="escalation">
              <td>
                <span className={`flag level-${e.level}`}>{e.level}</span>
              </td>
              <td>{e.measureId ? <button className="link" onClick={() => open(e.measureId, 'deps')}>{e.subject}</button> : e.subject}</td>
              <td>{e.reason}</td>
              <td className="muted">{e.ruleName}</td>
              <td className="muted">{showStampDay(e.raisedAt)}</td>
            </tr>
          ))}
          {escalations.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Nothing escalated.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>Escalation rules</h3>
      <table className="table" aria-label="Escalation rules">
        <thead>
          <tr>
            <th>On</th>
            <th>Rule</th>
            <th>N</th>
            <th>Escalate to</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>
                <input type="checkbox" aria-label={`Enable ${r.name}`} checked={r.enabled} onChange={(e) => void updateRule(r.id, { enabled: e.target.checked })} />
              </td>
              <td>{r.name}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  aria-label={`Threshold of ${r.name}`}
                  defaultValue={r.threshold}
                  key={`${r.id}:${r.threshold}`}
                  style={{ width: 80 }}
                  onBlur={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 0 && n !== r.threshold) void updateRule(r.id, { threshold: n });
                  }}
                />
              </td>
              <td>
                <select aria-label={`Level of ${r.name}`} value={r.level} onChange={(e) => void updateRule(r.id, { level: e.target.value as EscLevel })}>
                  {ESC_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
