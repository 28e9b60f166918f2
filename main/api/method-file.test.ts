import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

/** The engagement method, round trip: export from the demo, new workspace from it, compare each part. */

let api: Api;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, dir, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const parts = async () => {
  const rules = (await api.call('escalations:rules', {})).map(({ key, threshold, level, enabled }) => ({ key, threshold, level, enabled }));
  const templates = (await api.call('templates:list', {})).map(({ key, name, ownerRole, fields, checklist, gates, triggers, reporting }) => ({ key, name, ownerRole, fields, checklist, gates, triggers, reporting }));
  const m = await api.call('rights:matrix', {});
  const cfg = await api.call('gates:config', {});
  return { rules, templates, rights: m.cells, tolerance: await api.call('value:settings', {}), pack: await api.call('pack:settings', {}), gates: cfg.levels, settings: cfg.settings, roles: (await api.call('roles:list', {})).map((r) => [r.key, r.name]), fields: (await api.call('customFields:list', {})).map(({ key, label, type, choices }) => ({ key, label, type, choices })) };
};

describe('method file', () => {
  it('carries gates, roles, fields, templates, rights, escalation rules, tolerance, pack layout and KPI definitions (not actuals)', async () => {
    // Make each part differ from a new workspace's defaults, so the comparison proves it travelled.
    const rule = (await api.call('escalations:rules', {})).find((r) => r.key === 'raid_stale')!;
    await api.call('escalations:updateRule', { id: rule.id, threshold: 21, level: 'steering', enabled: false });
    await api.call('value:setSettings', { tolerancePct: 7, staleDays: 45 });
    const pack = await api.call('pack:settings', {});
    await api.call('pack:saveSettings', { settings: { ...pack, paper: pack.paper === 'A4' ? 'Letter' : 'A4', sections: pack.sections.map((s, i) => ({ ...s, enabled: i % 2 === 0 })) } });
    const before = await parts();
    const kpis = await api.call('kpi:list', {});
    expect(kpis.length).toBeGreaterThan(1);
    const actuals = (api.session.db().prepare('SELECT count(*) AS n FROM kpi_actuals WHERE deleted = 0').get() as { n: number }).n;
    expect(actuals).toBeGreaterThan(0);

    const { path, method } = await api.call('method:export', { path: `${dir}/demo.steerco-method.json` });
    expect(Object.keys(method)).toEqual(expect.arrayContaining(['templates', 'decisionRights', 'escalationRules', 'tolerance', 'pack', 'kpis']));
    await api.call('method:newWorkspace', { path: `${dir}/next.steerco`, methodPath: path! });
    expect(api.session.db().name).toMatch(/next\.steerco$/);

    const after = await parts();
    expect(after.rules).toEqual(before.rules);
    expect(after.rules.find((r) => r.key === 'raid_stale')).toEqual({ key: 'raid_stale', threshold: 21, level: 'steering', enabled: false });
    expect(after.tolerance).toEqual({ tolerancePct: 7, staleDays: 45 });
    expect(after.pack).toEqual(before.pack);
    expect(after.templates).toEqual(before.templates);
    expect(after.rights).toEqual(before.rights);
    expect(after.gates).toEqual(before.gates);
    expect(after.settings).toEqual(before.settings);
    expect(after.roles).toEqual(before.roles);
    expect(after.fields).toEqual(before.fields);
    // One definition per key, as the demo defines it, on the whole program; no actuals came along.
    const defs = new Map(kpis.map((k) => [k.key, k]));
    const got = await api.call('kpi:list', {});
    expect(got.map((k) => k.key).sort()).toEqual([...defs.keys()].sort());
    for (const k of got) {
      const d = defs.get(k.key)!;
      expect({ name: k.name, unit: k.unit, direction: k.direction, baseline: k.baseline, target: k.target, amber: k.amber, red: k.red }).toEqual({ name: d.name, unit: d.unit, direction: d.direction, baseline: d.baseline, target: d.target, amber: d.amber, red: d.red });
      expect(k.measureId).toBeNull();
      expect(k.nodeId).toBeNull();
    }
    expect((api.session.db().prepare('SELECT count(*) AS n FROM kpi_actuals').get() as { n: number }).n).toBe(0);
    expect((api.session.db().prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n).toBe(0);
  });

  const refused = async (edit: (m: Record<string, unknown>) => void, reason: RegExp) => {
    const { method } = await api.call('method:export', {});
    const m = JSON.parse(JSON.stringify(method)) as Record<string, unknown>;
    edit(m);
    const file = `${dir}/bad.steerco-method.json`;
    writeFileSync(file, JSON.stringify(m));
    const target = `${dir}/bad.steerco`;
    await expect(api.call('method:newWorkspace', { path: target, methodPath: file })).rejects.toThrow(reason);
    // Nothing written: no workspace file, and the open workspace is still the demo.
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(api.session.db().name).toMatch(/ws\.steerco$/);
  };

  it('refuses a bad method file with the reason and writes nothing', async () => {
    await refused((m) => ((m.escalationRules as { key: string }[])[0]!.key = 'moon_phase'), /escalation rule "moon_phase" is not one this version/);
    await refused((m) => ((m.tolerance as { tolerancePct: number }).tolerancePct = 150), /tolerancePct/);
    await refused((m) => {
      const k = (m.kpis as { direction: string; amber: number; red: number }[])[0]!;
      k.direction = 'higher';
      k.amber = 80;
      k.red = 90;
    }, /red threshold \(90\) is on the wrong side of amber \(80\)/);
    await refused((m) => (m.kpis as unknown[]).push((m.kpis as unknown[])[0]), /defines the KPI "[a-z_]+" twice/);
    await refused((m) => ((m.templates as { checklist: { role: string }[] }[])[0]!.checklist[0]!.role = ''), /has no role/);
    await refused((m) => (m.format = 'something-else'), /not a Steerco method file/);
    writeFileSync(`${dir}/notjson.steerco-method.json`, '{ nope');
    await expect(api.call('method:newWorkspace', { path: `${dir}/x.steerco`, methodPath: `${dir}/notjson.steerco-method.json` })).rejects.toThrow(/not JSON/);
    expect(existsSync(`${dir}/x.steerco`)).toBe(false);
    expect(readFileSync(`${dir}/notjson.steerco-method.json`, 'utf8')).toBe('{ nope');
  });
});
