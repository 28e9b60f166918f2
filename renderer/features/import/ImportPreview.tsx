import type { ReactNode } from 'react';
import type { ImportPreview as Preview } from '../../../preload/contract';

/** Rows shown per list; a 20,000-row import lists the first ones and says how many more. */
const SHOWN = 300;

function Section(props: { title: string; count: number; testId: string; tone?: 'bad' | 'warn'; children: ReactNode }) {
  if (props.count === 0) return null;
  return (
    <section className={`import-section ${props.tone ?? ''}`} data-testid={props.testId}>
      <h3>
        {props.title} <span className="count">{props.count.toLocaleString('en')}</span>
      </h3>
      {props.children}
    </section>
  );
}

const More = ({ total }: { total: number }) =>
  total > SHOWN ? <p className="muted">… and {(total - SHOWN).toLocaleString('en')} more (the command line's --json lists them all).</p> : null;

const at = (row: number | null, column: string | null) => [row !== null ? `row ${row}` : '', column ?? ''].filter(Boolean).join(' · ');

/** What an import would do, before anything is written: refusals first, then conflicts, changes, new measures. */
export function ImportPreviewView(props: {
  preview: Preview;
  takeFile: Set<string>;
  onTake: (id: string, take: boolean) => void;
  createDuplicates: Set<number>;
  onDuplicate: (row: number, create: boolean) => void;
}) {
  const p = props.preview;
  const changes = p.updates.flatMap((u) => u.changes.map((c) => ({ u, c })));
  return (
    <div className="import-preview" data-testid="import-preview">
      <Section title="Refused — nothing is written while any cell is refused" count={p.refused.length} testId="import-refused" tone="bad">
        <table className="table compact">
          <thead>
            <tr>
              <th>Where</th>
              <th>Column</th>
              <th>Measure</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {p.refused.slice(0, SHOWN).map((r, i) => (
              <tr key={i}>
                <td className="nowrap">{at(r.row, r.column)}</td>
                <td>{r.header ?? ''}</td>
                <td>{r.code ?? ''}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <More total={p.refused.length} />
      </Section>
      <Section title="Conflicts — changed in Steerco since the export and in the file" count={p.conflicts.length} testId="import-conflicts" tone="warn">
        <table className="table compact">
          <thead>
            <tr>
              <th>Measure</th>
              <th>Field</th>
              <th>When exported</th>
              <th>Steerco now</th>
              <th>In the file</th>
              <th>Keep</th>
            </tr>
          </thead>
          <tbody>
            {p.conflicts.slice(0, SHOWN).map((c) => {
              const take = props.takeFile.has(c.id);
              return (
                <tr key={c.id}>
                  <td className="nowrap">
                    {c.code} <span className="muted">row {c.row}</span>
                  </td>
                  <td>{c.label}</td>
                  <td className="muted">{c.exported || '(empty)'}</td>
                  <td>
                    {c.steerco || '(empty)'}
                    <div className="muted small">
                      by {c.changedBy}
                      {c.changedAt ? `, ${c.changedAt.slice(0, 16).replace('T', ' ')}` : ''}
                    </div>
                  </td>
                  <td>{c.file || '(empty)'}</td>
                  <td className="nowrap" role="radiogroup" aria-label={`${c.code} ${c.label}`}>
                    <label className="check">
                      <input type="radio" name={`conflict-${c.id}`} checked={!take} onChange={() => props.onTake(c.id, false)} /> Steerco's
                    </label>
                    <label className="check">
                      <input type="radio" name={`conflict-${c.id}`} checked={take} onChange={() => props.onTake(c.id, true)} /> The file's
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <More total={p.conflicts.length} />
      </Section>
      <Section title="Changes" count={changes.length} testId="import-changes">
        <table className="table compact">
          <thead>
            <tr>
              <th>Measure</th>
              <th>Field</th>
              <th>Now</th>
              <th />
              <th>From the file</th>
            </tr>
          </thead>
          <tbody>
            {changes.slice(0, SHOWN).map(({ u, c }) => (
              <tr key={`${u.measureId}:${c.field}`}>
                <td className="nowrap">
                  {u.code} <span className="muted">{u.title.slice(0, 40)}</span>
                </td>
                <td>{c.label}</td>
                <td className="old">{c.old || '(empty)'}</td>
                <td className="arrow">→</td>
                <td className="new">{c.new || '(empty)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <More total={changes.length} />
      </Section>
      <Section title="New measures" count={p.creates.length} testId="import-creates">
        <table className="table compact">
          <thead>
            <tr>
              <th>Row</th>
              <th>Title</th>
              <th>Package</th>
              <th>Fields</th>
            </tr>
          </thead>
          <tbody>
            {p.creates.slice(0, SHOWN).map((c) => (
              <tr key={c.row}>
                <td>{c.row}</td>
                <td>{c.title}</td>
                <td>
                  {c.packagePath}
                  {c.newPackage && <span className="badge">new package</span>}
                </td>
                <td className="muted">{c.fields.map((f) => `${f.label}: ${f.value}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <More total={p.creates.length} />
      </Section>
      <Section title="Likely duplicates — a row without a code whose title is already in its package" count={p.duplicates.length} testId="import-duplicates" tone="warn">
        <table className="table compact">
          <tbody>
            {p.duplicates.slice(0, SHOWN).map((d) => (
              <tr key={d.row}>
                <td>row {d.row}</td>
                <td>{d.title}</td>
                <td className="muted">
                  like {d.like} in {d.packagePath}
                </td>
                <td>
                  <label className="check">
                    <input type="checkbox" checked={props.createDuplicates.has(d.row)} onChange={(e) => props.onDuplicate(d.row, e.target.checked)} /> Create anyway
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={`Amounts (${p.value?.sheet ?? 'Value'} sheet)`} count={p.value?.changes.length ?? 0} testId="import-amounts">
        <table className="table compact">
          <tbody>
            {(p.value?.changes ?? []).slice(0, SHOWN).map((v, i) => (
              <tr key={i}>
                <td className="nowrap">{v.code}</td>
                <td>{v.line}</td>
                <td>
                  {v.field} {v.period !== 'target' ? v.period : ''}
                </td>
                <td className="old">{v.old || '(empty)'}</td>
                <td className="arrow">→</td>
                <td className="new">{v.new || '(empty)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <More total={p.value?.changes.length ?? 0} />
      </Section>
      <Section title="Kept — changed in Steerco since the export, as exported in the file" count={p.kept.length} testId="import-kept">
        <ul className="plain">
          {p.kept.slice(0, SHOWN).map((k, i) => (
            <li key={i}>
              {k.code} {k.label}: <strong>{k.steerco || '(empty)'}</strong> stays
            </li>
          ))}
        </ul>
      </Section>
      <details className="import-columns">
        <summary>
          Columns: {p.columns.filter((c) => c.use !== 'unknown').length} read, {p.columns.filter((c) => c.use === 'unknown').length} not imported
        </summary>
        <ul className="chips">
          {p.columns.map((c) => (
            <li key={c.column} className={`chip ${c.use}`} title={c.use}>
              {c.column} {c.header}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
