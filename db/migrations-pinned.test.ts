import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate.js';

/**
 * Migrations are append-only: a released migration never changes (a copy that already ran it
 * would never run the edit). Each one is pinned by the sha256 of its text; a schema change is
 * a new file. Add the new file's hash here when it is released.
 */
const PINNED: Record<string, string> = {
  '0001_init.sql': '2113a0ae08584885f572df5c3a22123c453f5631f039a5c2f9614c6d0dd2e062',
  '0002_shared.sql': '79a807338d2099d34565adee19a9afc98f1db97b158ce82e671a730aa1c33421',
  '0003_grid.sql': 'ec2ff9928e718a8b78046048bd36560bbffc9d349f5a5b90c9ab1d805e80b696',
  '0004_gates.sql': '517d2984b9dfd7cb9412c0aa0f354b2ae13560baf96a11c241d9816bf8f7b1b3',
  '0005_value.sql': '1b38055d6a9f18488210970c85d0275c4693b23a48ede9e5198a27b774222046',
  '0006_raid.sql': 'a97b4ce7f95eb87ccee1bf46276cf428226ac43783670a49cc58a3e2086cf191',
  '0007_pack.sql': '025dbe194f05e3d99822fd45fef1cc539b88c0522c0316cb19d4c24c23475b41',
  '0008_sync.sql': '59120336c7a075bbf3436620aa98b600fa29c4739411db863790f879fa43240d',
  '0009_change_log_rows.sql': 'e468322ce4998be023a6adf460aaadc8344bd956ec47be11968edb4ce618c006',
  '0010_value_line_totals.sql': '0c90a4a4a50883efb2b1fe90b9abad0d1e275d4659a189de11edf1ed8695fa83',
  '0011_sync_authorship.sql': '6544606ea64e5000a7dc2eccb53c58de84ee8feb9360e6e29b7a338eabfb5890',
  '0012_pack_branding.sql': '1308ab53fcf38b0ac42d1c8b1f82535b4489a640ea7d4d265c7a4fbbfc905f12',
  '0013_templates.sql': '029228632a8558f66f184734a7d0ba85ae697aad07c02613c6d0e3dc4b4b9b66',
  '0014_decision_rights.sql': '20dcdc8157a70095c61f34948339125d2d44e7ebb5e6e950eebee47f26df4e87',
  '0015_service_kpis.sql': '44ce1fb8197d124a840f06001be84931050476e3bab7bb97ae840f71f1ff950e',
};

describe('migrations', () => {
  it('released migrations are unchanged (append-only)', () => {
    const hashes = Object.fromEntries(loadMigrations().map((m) => [m.name, createHash('sha256').update(m.sql).digest('hex')]));
    for (const [name, sha] of Object.entries(PINNED)) expect(hashes[name], `${name} was edited after release; add a new migration instead`).toBe(sha);
  });

  it('every migration is pinned', () => {
    const unpinned = loadMigrations().map((m) => m.name).filter((n) => !(n in PINNED));
    expect(unpinned, 'pin the new migration in db/migrations-pinned.test.ts').toEqual([]);
  });
});
