import { useState } from 'react';
import type { MeasureValue, PeriodValidation } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { PromptDialog } from '../../components/Modal';
import type { Column } from './periods';
import { showStampDay } from '../../app/dates';

/** Controller review per month: validate (locks the month) or reopen with a reason. */
export function ValidationRow({ v, cols, validated }: { v: MeasureValue; cols: Column[]; validated: Map<string, PeriodValidation> }) {
  const api = useApp((s) => s.api);
  const valueAction = useApp((s) => s.valueAction);
  const [reopen, setReopen] = useState<string | null>(null);
  const hasActual = (p: string) => v.values.some((x) => x.period === p && x.actual !== null);
  return (
    <tr className="validation-row">
      <th className="sticky field">Controller</th>
      {cols.map((c) => {
        if (c.kind !== 'month') return <th key={c.label} className={c.kind} />;
        const val = validated.get(c.period);
        if (val)
          return (
            <th key={c.period} className="validated">
              <button
                className="link"
                title={`Validated ${showStampDay(val.validatedAt, '')}${v.canValidate ? ' — click to reopen' : ''}`}
                disabled={!v.canValidate}
                onClick={() => setReopen(c.period)}
              >
                ✓ validated
              </button>
            </th>
          );
        const reopened = v.validations.find((x) => x.period === c.period && x.state === 'reopened');
        return (
          <th key={c.period} title={reopened ? `Reopened: ${reopened.reopenReason}` : undefined}>
            {v.canValidate && c.period <= v.currentPeriod && hasActual(c.period) ? (
              <button className="small" onClick={() => void valueAction(() => api.call('value:validate', { measureId: v.measureId, period: c.period }))}>
                Validate
              </button>
            ) : (
              <span className="muted">{reopened ? 'reopened' : ''}</span>
            )}
          </th>
        );
      })}
      {reopen && (
        <PromptDialog
          title={`Reopen ${reopen} of ${v.code}`}
          label="Reason (recorded)"
          submitLabel="Reopen"
          onClose={() => setReopen(null)}
          onSubmit={(reason) => void valueAction(() => api.call('value:reopen', { measureId: v.measureId, period: reopen, reason })).then((ok) => ok && setReopen(null))}
        />
      )}
    </tr>
  );
}
