import { useEffect, useState } from 'react';
import { MEETING_STATUSES, type MeetingStatus } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ActionsList } from './ActionsList';
import { DecisionForm } from './DecisionForm';
import { DecisionLog } from './DecisionLog';
import { HoldWarning } from '../pack/HoldWarning';
import { DayInput, SavedDayInput } from '../../components/DayInput';
import { readDay, showDay } from '../../app/dates';

/** Steering meetings: attendees, agenda, decisions, actions, and last meeting's open actions. */
export function MeetingsView() {
  const meetings = useApp((s) => s.meetings);
  const detail = useApp((s) => s.meetingDetail);
  const selected = useApp((s) => s.selectedMeetingId);
  const select = useApp((s) => s.selectMeeting);
  const reload = useApp((s) => s.reloadMeetings);
  const createMeeting = useApp((s) => s.createMeeting);
  const updateMeeting = useApp((s) => s.updateMeeting);
  const people = useApp((s) => s.people);
  const pendingHold = useApp((s) => s.pendingHold);
  const cancelHold = useApp((s) => s.cancelHold);
  const holdMeeting = useApp((s) => s.holdMeeting);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [tried, setTried] = useState(false);
  const day = readDay(date);
  const create = () => {
    // The date is read by the one parser; unreadable text is refused beside the field and kept.
    setTried(true);
    if (!day.ok || !day.value || !title.trim()) return;
    void createMeeting({ title: title.trim(), date: day.value }).then((ok) => {
      if (ok) {
        setTitle('');
        setDate('');
        setTried(false);
      }
    });
  };
  useEffect(() => {
    void reload();
  }, [reload]);
  const m = detail?.meeting;
  return (
    <div className="meetings">
      <aside className="meeting-list" aria-label="Meetings">
        <h3>Meetings</h3>
        <ul>
          {meetings.map((x) => (
            <li key={x.id}>
              <button className={`link${x.id === selected ? ' selected' : ''}`} aria-current={x.id === selected} onClick={() => select(x.id)}>
                {x.title}
                <small>
                  {showDay(x.date)} · {x.status} · {x.decisionCount} decision{x.decisionCount === 1 ? '' : 's'} · {x.openActionCount} open action{x.openActionCount === 1 ? '' : 's'}
                </small>
              </button>
            </li>
          ))}
        </ul>
        <div className="new-meeting">
          <input aria-label="New meeting title" placeholder="Steering committee #6" value={title} onChange={(e) => setTitle(e.target.value)} />
          <DayInput label="New meeting date" text={date} onText={setDate} check={tried} />
          <button disabled={!title.trim() || !date.trim()} onClick={create}>
            + New meeting
          </button>
        </div>
      </aside>
      <main className="meeting-detail">
        {m ? (
          <>
            <div className="meeting-head">
              <input className="meeting-title" aria-label="Meeting title" key={`t${m.id}${m.title}`} defaultValue={m.title} onBlur={(e) => e.target.value.trim() && e.target.value !== m.title && void updateMeeting(m.id, { title: e.target.value.trim() })} />
              <SavedDayInput key={`d${m.id}`} label="Meeting date" value={m.date} onSave={(iso) => iso && void updateMeeting(m.id, { date: iso })} />
              <select aria-label="Meeting status" value={m.status} onChange={(e) => void updateMeeting(m.id, { status: e.target.value as MeetingStatus })}>
                {MEETING_STATUSES.map((st) => (
                  <option key={st} value={st}>
                    {st}
                  </option>
                ))}
              </select>
            </div>
            <section className="card">
              <h3>Attendees</h3>
              <div className="attendees">
                {people.map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={m.attendees.includes(p.id)}
                      onChange={(e) => void updateMeeting(m.id, { attendees: e.target.checked ? [...m.attendees, p.id] : m.attendees.filter((a) => a !== p.id) })}
                    />
                    {p.name}
                  </label>
                ))}
              </div>
            </section>
            <section className="card">
              <h3>Agenda</h3>
              <textarea aria-label="Agenda" rows={5} key={`a${m.id}${m.agenda}`} defaultValue={m.agenda} onBlur={(e) => e.target.value !== m.agenda && void updateMeeting(m.id, { agenda: e.target.value })} />
            </section>
            {detail.previous && (
              <section className="card" data-testid="follow-up">
                <h3>
                  Open actions from {detail.previous.title} ({showDay(detail.previous.date)})
                </h3>
                <ActionsList actions={detail.followUp} empty="All actions from the previous meeting are done." />
              </section>
            )}
            <section className="card" data-testid="meeting-decisions">
              <h3>Decisions</h3>
              <ul className="chain">
                {detail.decisions.map((d) => (
                  <li key={d.id}>
                    <strong>{d.code}</strong> {d.text} <span className="muted">— {d.decidedBy || 'committee'}, {showDay(d.date)}</span>
                    {d.links.length > 0 && <div className="muted">Concerns: {d.links.map((l) => l.label).join('; ')}</div>}
                  </li>
                ))}
                {detail.decisions.length === 0 && <li className="muted">No decisions yet.</li>}
              </ul>
              {m.status === 'closed' ? <p className="muted">This meeting is closed; its minutes are final.</p> : <DecisionForm />}
            </section>
            <section className="card" data-testid="meeting-actions">
              <h3>Actions</h3>
              <ActionsList actions={detail.actions} empty="No actions yet." withForm />
            </section>
          </>
        ) : (
          <p className="panel-note">No meeting yet: add the next steering committee on the left.</p>
        )}
      </main>
      <DecisionLog />
      {pendingHold && (
        <HoldWarning meetingTitle={pendingHold.meetingTitle} empty={pendingHold.empty} onClose={cancelHold} onFreeze={() => void holdMeeting(pendingHold.meetingId, true)} />
      )}
    </div>
  );
}
