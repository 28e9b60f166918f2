import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';

/** Open / decided of a logged decision: open ones count in the service figures' open decision count. */
export function DecisionStatus({ id, status }: { id: string; status: 'open' | 'decided' }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const search = useApp((s) => s.searchDecisions);
  const query = useApp((s) => s.decisionQuery);
  const flip = async () => {
    try {
      await api.call('decisions:setStatus', { id, status: status === 'open' ? 'decided' : 'open' });
      await search(query);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <button className={`small decision-status ${status}`} aria-label={`Decision ${status}: mark it ${status === 'open' ? 'decided' : 'open'}`} title={status === 'open' ? 'Still to decide: mark it decided' : 'Decided: mark it open again'} onClick={() => void flip()}>
      {status === 'open' ? 'Open' : 'Decided'}
    </button>
  );
}
