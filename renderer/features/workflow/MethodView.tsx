import { useState } from 'react';
import { GateConfigView } from '../gates/GateConfigView';
import { TemplatesView } from './TemplatesView';

type Part = 'gates' | 'templates';
/** The part last shown, so coming back to the tab shows it again. */
let last: Part = 'gates';

/** The Gates tab: the engagement's method, without code — stage gates, and the workflow templates. */
export function MethodView() {
  const [part, setPart] = useState<Part>(last);
  const show = (p: Part) => {
    last = p;
    setPart(p);
  };
  const tab = (p: Part, label: string) => (
    <button role="tab" id={`method-tab-${p}`} aria-selected={part === p} aria-controls="method-panel" className={part === p ? 'active' : ''} onClick={() => show(p)}>
      {label}
    </button>
  );
  return (
    <div className="method-view">
      <div className="method-tabs" role="tablist" aria-label="Method">
        {tab('gates', 'Stage gates')}
        {tab('templates', 'Workflow templates')}
      </div>
      <div className="method-panel" id="method-panel" role="tabpanel" aria-labelledby={`method-tab-${part}`}>
        {part === 'gates' ? <GateConfigView /> : <TemplatesView />}
      </div>
    </div>
  );
}
