import type { Database } from '../../db/connection.js';
import { ValidationError } from '../../db/errors.js';
import {
  getGateLevels,
  getGateSettings,
  lastDefinitionEdit,
  listDecisions,
  enteredByOf,
  listEvidence,
  personNames,
  putBlob,
  insertEvidence,
  roleHolders,
  type RequestRow,
} from '../../db/repositories/gates.js';
import type { Writer } from '../../db/changes.js';
import type { EvidenceInput, GateDecision, GateRequest } from '../../preload/contract.js';
import { ageDays, approvalStillValid, holdersOf, MEASURE_ROLES, type ApproverContext } from '../domain/gates.js';
import { ApiError } from './errors.js';
import type { ApiSession } from './session.js';
import { nowDate } from '../../db/clock.js';
import { levelForMeasure } from './template-gates.js';

/** Builds what the api returns about requests; shared by the gates handler groups. */

export interface MeasurePeople {
  id: string;
  code: string;
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
  deleted: number;
}

export function measurePeople(db: Database, measureId: string): MeasurePeople | undefined {
  return db
    .prepare('SELECT id, code, owner_id AS ownerId, sponsor_id AS sponsorId, controller_id AS controllerId, deleted FROM measures WHERE id = ?')
    .get(measureId) as MeasurePeople | undefined;
}

export function approverContext(db: Database, m: MeasurePeople, holders = roleHolders(db)): ApproverContext {
  return { ownerId: m.ownerId, sponsorId: m.sponsorId, controllerId: m.controllerId, roleHolders: holders };
}

export function roleLabel(db: Database, key: string): string {
  if (MEASURE_ROLES[key]) return MEASURE_ROLES[key];
  return (db.prepare('SELECT name FROM roles WHERE key = ? AND deleted = 0').get(key) as { name: string } | undefined)?.name ?? key;
}

/** The acting person's id; gate decisions need a person of the workspace, not the OS user. */
export function actingPerson(s: ApiSession): string {
  const actor = s.actor();
  const known = s.db().prepare('SELECT 1 FROM people WHERE id = ? AND deleted = 0').get(actor);
  if (!known) throw new ApiError({ code: 'forbidden', message: 'Choose who you are acting as ("Acting as" in the top bar, or --as on the command line) before taking gate decisions.' });
  return actor;
}

/** Requests with approver slots (who may fill them, who did), decisions and evidence. */
export function buildRequests(db: Database, rows: RequestRow[], now = nowDate()): GateRequest[] {
  if (rows.length === 0) return [];
  const levels = getGateLevels(db);
  const settings = getGateSettings(db);
  const names = personNames(db);
  const holders = roleHolders(db);
  const decisions = listDecisions(db, rows.map((r) => r.id));
  const decidedBy = enteredByOf(db, 'gate_decisions', decisions.map((d) => d.id));
  const requestedBy = enteredByOf(db, 'gate_requests', rows.map((r) => r.id));
  return rows.map((r) => {
    const m = measurePeople(db, r.measureId)!;
    const ctx = approverContext(db, m, holders);
    const level = levelForMeasure(db, r.measureId, levels.find((l) => l.level === r.toLevel));
    const lastEdit = lastDefinitionEdit(db, r.measureId);
    const mine: GateDecision[] = decisions
      .filter((d) => d.requestId === r.id)
      .map((d) => ({
        id: d.id,
        personId: d.personId,
        person: names.get(d.personId) ?? d.personId,
        roles: JSON.parse(d.roles) as string[],
        decision: d.decision,
        comment: d.comment,
        at: d.at,
        valid: d.decision === 'reject' || r.status !== 'pending' || approvalStillValid(d.hlc, lastEdit, settings.resetOnEdit),
        enteredBy: decidedBy.get(d.id) ?? null,
      }));
    const slots = (level?.approverRoles ?? []).map((role) => {
      const by = mine.find((d) => d.valid && d.decision === 'approve' && d.roles.includes(role));
      return {
        role,
        label: roleLabel(db, role),
        holders: holdersOf(role, ctx).map((id) => ({ id, name: names.get(id) ?? id })),
        filledBy: by ? by.person : null,
        filledEnteredBy: by ? by.enteredBy : null,
      };
    });
    return {
      id: r.id,
      measureId: r.measureId,
      code: r.code,
      title: r.title,
      fromLevel: r.fromLevel,
      toLevel: r.toLevel,
      toName: level?.name ?? `DI${r.toLevel}`,
      requesterId: r.requesterId,
      requester: names.get(r.requesterId) ?? r.requesterId,
      requesterEnteredBy: requestedBy.get(r.id) ?? null,
      comment: r.comment,
      status: r.status,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      closeReason: r.closeReason,
      ageDays: ageDays(r.createdAt, r.closedAt ? new Date(r.closedAt) : now),
      slots,
      decisions: mine,
      evidence: listEvidence(db, r.measureId).filter((e) => e.requestId === r.id),
    };
  });
}

/** With reset-on-edit, an edit of the definition after the approval that set the current level resets it. */
export function approvalReset(db: Database, measureId: string, diLevel: number): { level: number; approvedAt: string; editedAt: string } | null {
  if (diLevel === 0 || !getGateSettings(db).resetOnEdit) return null;
  const approved = db
    .prepare("SELECT id FROM gate_requests WHERE measure_id = ? AND to_level = ? AND status = 'approved' AND deleted = 0 ORDER BY closed_at DESC LIMIT 1")
    .get(measureId, diLevel) as { id: string } | undefined;
  if (!approved) return null;
  const last = listDecisions(db, [approved.id]).filter((d) => d.decision === 'approve').at(-1);
  const edit = lastDefinitionEdit(db, measureId);
  if (!last || !edit || approvalStillValid(last.hlc, edit, true)) return null;
  return { level: diLevel, approvedAt: last.at, editedAt: new Date(Number(edit.slice(0, 15))).toISOString() };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;

/** Checks evidence before anything is written, so a bad item refuses the whole action. */
export function checkEvidence(db: Database, items: EvidenceInput[]): void {
  const max = getGateSettings(db).evidenceMaxBytes;
  items.forEach((e, i) => {
    const fail = (message: string) => {
      throw new ValidationError(message, [{ field: `evidence.${i}`, message }]);
    };
    if (e.kind === 'file') {
      if (!e.name) fail('A file evidence needs a file name.');
      if (!e.content) fail(`"${e.name}" is empty; attach a file with content.`);
      const content = e.content!.replace(/\s/g, '');
      if (!BASE64.test(content)) fail(`"${e.name}" could not be read (its content is not base64).`);
      const size = Math.floor((content.length * 3) / 4) - (content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0);
      if (size > max) fail(`"${e.name}" is ${mb(size)}; evidence files may be at most ${mb(max)} (the limit is set in the gate settings).`);
    } else if (e.kind === 'link') {
      if (!e.url || !/^https?:\/\/\S+$/i.test(e.url)) fail(`"${e.url ?? ''}" is not a web link (http:// or https://).`);
    } else if (!e.note) fail('A note evidence needs some text.');
  });
}

/** Writes checked evidence: file contents once per hash, one logged metadata row per item. */
export function storeEvidence(w: Writer, db: Database, measureId: string, requestId: string | null, items: EvidenceInput[], actor: string): string[] {
  return items.map((e) => {
    if (e.kind === 'file') {
      const { sha256, size } = putBlob(db, Buffer.from(e.content!, 'base64'));
      return insertEvidence(w, { measureId, requestId, kind: 'file', name: e.name!, sha256, size, mime: e.mime ?? '', addedBy: actor });
    }
    if (e.kind === 'link') return insertEvidence(w, { measureId, requestId, kind: 'link', name: e.name || e.url!, url: e.url!, addedBy: actor });
    return insertEvidence(w, { measureId, requestId, kind: 'note', name: e.name || 'Note', note: e.note!, addedBy: actor });
  });
}
