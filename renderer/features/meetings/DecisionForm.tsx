import { useEffect, useState } from 'react';
import type { DecisionLink, Measure } from '../../../preload/contract';
import { useApp } from '../../app/context';

/** Records a decision in the selected meeting, linked to measures and RAID items by code. */
export function DecisionForm() {
  const api = useApp((s) => s.api);
  const recordDecision = useApp((s) => s.recordDecision);
  const notify = useApp((s) => s.notify);
  const raidItems = useApp((s) => s.raidItems);
  const [measures, setMeasures] = useState<Measure[]>([]);
  const [raid, setRaid] = useState(raidItems);
  const [text, setText] = useState('');
  const [by, setBy] = useState('');
  const [links, setLinks] = useState('');
  useEffect(() => {
    void api.call('measures:list', {}).then(setMeasures);
    void api.call('raid:list', {}).then(setRaid);
  }, [api]);
  const submit = async () => {
    const out: Pick<DecisionLink, 'kind' | 'id'>[] = [];
    for (const code of links.split(/[,;\s]+/).filter(Boolean)) {
      const m = measures.find((x) => x.code.toLowerCase() === code.toLowerCase());
      const r = raid.find((x) => x.code.toLowerCase() === code.toLowerCase());
      if (m) out.push({ kind: 'measure', id: m.id });
      else if (r) out.push({ kind: 'raid_item', id: r.id });
      else return notify('error', `Decision not recorded — "${code}" is neither a measure nor a RAID item code.`);
    }
    if (await recordDecision({ text: text.trim(), decidedBy: by.trim() || undefined, links: out })) {
      setText('');
      setLinks('');
    }
  };
  return (
    <div className="decision-form">
      <textarea aria-label="Decision" rows={2} placeholder="What did the committee decide?" value={text} onChange={(e) => setText(e.target.value)} />
      <div className="row">
        <input aria-label="Decided by" placeholder="Decided by" value={by} onChange={(e) => setBy(e.target.value)} />
        <input list="decision-links" aria-label="Linked codes" placeholder="Concerns (codes: M-0012, R-0002)" value={links} onChange={(e) => setLinks(e.target.value)} />
        <datalist id="decision-links">
          {measures.map((m) => (
            <option key={m.id} value={m.code}>{`${m.code} ${m.title}`}</option>
          ))}
        </datalist>
        <button className="primary" disabled={!text.trim()} onClick={() => void submit()}>
          Record decision
        </button>
      </div>
    </div>
  );
}
