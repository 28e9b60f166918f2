import { describe, expect, it } from 'vitest';
import { runAction } from '../changes.js';
import { createTestDb } from '../connection.js';
import { getBlob, getGateLevels, getGateSettings, insertEvidence, listEvidence, loadFacts, putBlob } from './gates.js';

describe('gates migration and repository', () => {
  it('starts with the brief ladder, self-approval only where the owner approves, and default settings', () => {
    const db = createTestDb();
    const levels = getGateLevels(db);
    expect(levels.map((l) => l.name)).toEqual(['Defined', 'Identified', 'Detailed', 'Decided', 'Implemented', 'Closed']);
    expect(levels.filter((l) => l.selfApproval).map((l) => l.level)).toEqual([0, 4]);
    expect(levels.map((l) => l.riskWeightPct)).toEqual([0, 10, 25, 50, 90, 100]);
    expect(getGateSettings(db)).toEqual({ resetOnEdit: true, evidenceMaxBytes: 10 * 1024 * 1024 });
  });

  it('stores file content once per sha256 and logs the evidence row in the change log', () => {
    const db = createTestDb();
    const a = putBlob(db, Buffer.from('same bytes'));
    const b = putBlob(db, Buffer.from('same bytes'));
    expect(a).toEqual(b);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((db.prepare('SELECT count(*) AS n FROM evidence_blobs').get() as { n: number }).n).toBe(1);
    expect(getBlob(db, a.sha256)!.toString()).toBe('same bytes');
    const { value: measureId } = runAction(db, { actor: 'p1', label: 'setup' }, (w) => {
      const node = w.insert('nodes', { parent_id: null, level: 'package', name: 'Pkg', sort_order: 0 });
      const m = w.insert('measures', { code: 'M-0001', node_id: node, title: 'T' });
      insertEvidence(w, { measureId: m, requestId: null, kind: 'file', name: 'x.txt', sha256: a.sha256, size: a.size, addedBy: 'p1' });
      return m;
    });
    expect(listEvidence(db, measureId)).toMatchObject([{ kind: 'file', name: 'x.txt', sha256: a.sha256, size: 10 }]);
    const logged = db.prepare("SELECT count(*) AS n FROM change_log WHERE tbl = 'gate_evidence'").get() as { n: number };
    expect(logged.n).toBeGreaterThan(5);
    expect(loadFacts(db, measureId).get(measureId)).toMatchObject({ evidence: 1, milestones: 0 });
  });
});
