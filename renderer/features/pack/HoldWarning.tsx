import { Modal } from '../../components/Modal';

/**
 * The warning before a meeting is held with parts of its pack empty: what is empty, and the
 * choice to write them first or freeze as it is (the pack view and the Meetings tab both ask).
 */
export function HoldWarning(props: { meetingTitle: string; empty: string[]; onFreeze: () => void; onClose: () => void }) {
  return (
    <Modal
      title={`Hold ${props.meetingTitle}: parts of the pack are empty`}
      onClose={props.onClose}
      actions={
        <>
          <button onClick={props.onClose}>Cancel: write them first</button>
          <button className="danger" onClick={props.onFreeze}>
            Freeze with these empty
          </button>
        </>
      }
    >
      <p>These parts would be frozen empty, and the committee would see them so:</p>
      <ul className="hold-empty" aria-label="Empty parts">
        {props.empty.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <p>Write them in Steering pack › Texts for this meeting, or freeze the pack as it is.</p>
    </Modal>
  );
}
