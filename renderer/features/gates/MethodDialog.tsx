import { useState } from 'react';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';
import { useGateCall } from './useGateCall';

/** "New workspace from method": a saved method file and the new workspace's path. */
export function MethodDialog({ onClose }: { onClose: () => void }) {
  const call = useGateCall();
  const loadAppInfo = useApp((s) => s.loadAppInfo);
  const reloadAll = useApp((s) => s.reloadAll);
  const [methodPath, setMethodPath] = useState('');
  const [path, setPath] = useState('');
  const submit = async () => {
    const info = await call('method:newWorkspace', { methodPath, path }, 'New workspace created from the method');
    if (info) {
      await loadAppInfo();
      await reloadAll();
      onClose();
    }
  };
  return (
    <Modal
      title="New workspace from method"
      onClose={onClose}
      actions={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={!methodPath.trim() || !path.trim()} onClick={() => void submit()}>
            Create
          </button>
        </>
      }
    >
      <label>
        Method file
        <input value={methodPath} onChange={(e) => setMethodPath(e.target.value)} placeholder="/path/to/method.steerco-method.json" />
      </label>
      <label>
        New workspace file
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/client.steerco" />
      </label>
    </Modal>
  );
}
