/**
 * Sync at team scale (issue 15), simulated in-process on the 49-measure demo (bench/sync-sim.ts):
 *
 * - sync-team-n: N = 2, 5, 10, 20 copies × 500 edits each (10 rounds): bytes written to the
 *   folder per change made, at N = 20 against N = 2 (target ≤ 2×); folder at the end, bundle
 *   sizes, import time per round, memory. (With 500 edits in all, 20 copies write 200 bundles
 *   of 2–3 changes: each bundle's two version vectors, ~1.3 KB each at N = 20, then dominate.)
 * - sync-team-year: 12 months (250 daily rounds) of ~50k edits by 5 copies, one of which stops
 *   syncing after a month and is retired after six; against the same work with the member
 *   never retired, and with nobody silent. The headline: the import of a round against a raw
 *   INSERT of the same change rows into a twin log as long as the copy's (target ≤ 3×).
 * - sync-folder-5000: a sync with nothing new over a folder of 5,000 bundle files (< 200 ms).
 *
 * SYNC_SIM_DAYS shortens the year for a quick look.
 */
import type { BenchCase, Measurement } from '../harness.js';
import { noOpFolder, simulate, type SimResult } from '../sync-sim.js';

const kb = (n: number) => Math.round(n / 1024);
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function describe(r: SimResult): Record<string, number | string> {
  const bundles = r.rounds.map((x) => x.maxBundle);
  return {
    changes: r.changesMade,
    bytesPerChange: Math.round(r.bytesWritten / Math.max(1, r.changesMade)),
    folderKB: kb(r.folderBytes),
    folderFiles: r.folderFiles,
    bundleKBFirstLast: `${kb(bundles[0] ?? 0)}/${kb(bundles.at(-1) ?? 0)}`,
    importMsPerRound: Math.round(avg(r.rounds.map((x) => x.importMs))),
    heapMB: r.heapMB,
    converged: String(r.converged),
  };
}

const teamN: BenchCase = {
  name: 'sync-team-n',
  description: '500 edits per copy by N = 2, 5, 10, 20 copies: bytes written per change at N = 20 vs N = 2 (ratio of bytes, not ms)',
  target: { ratio: 2 },
  async run(ctx): Promise<Measurement> {
    const extra: Record<string, number | string> = {};
    const per: Record<number, number> = {};
    for (const n of [2, 5, 10, 20]) {
      const r = await simulate({ copies: n, edits: 500 * n, rounds: 10, seed: ctx.options.seed });
      per[n] = r.bytesWritten / Math.max(1, r.changesMade);
      for (const [k, v] of Object.entries(describe(r))) extra[`n${n}.${k}`] = v;
      ctx.log(`N=${n}: ${Math.round(per[n]!)} bytes per change, folder ${kb(r.folderBytes)} KB in ${r.folderFiles} files`);
    }
    return { appMs: per[20]!, rawMs: per[2]!, stat: 'bytes written per change (N=20 vs N=2)', extra };
  },
};

const teamYear: BenchCase = {
  name: 'sync-team-year',
  description: '12 months, 5 copies, one silent after a month and retired after six: import of a round vs raw INSERT of its change rows',
  target: { ratio: 3 },
  async run(ctx): Promise<Measurement> {
    const days = Number(process.env.SYNC_SIM_DAYS ?? 250);
    const edits = Math.round((50_000 * days) / 250);
    const month = Math.round(days / 12);
    const base = { copies: 5, edits, rounds: days, seed: ctx.options.seed };
    const retired = await simulate({ ...base, silentFrom: month, retireAt: 6 * month });
    ctx.log(`retired run: ${describe(retired).folderKB} KB folder`);
    const kept = await simulate({ ...base, silentFrom: month });
    ctx.log(`never retired: ${describe(kept).folderKB} KB folder`);
    const none = await simulate(base);
    ctx.log(`nobody silent: ${describe(none).folderKB} KB folder`);
    const extra: Record<string, number | string> = {};
    const bundleKB = (r: SimResult, from: number, to: number) => kb(avg(r.rounds.slice(from, to).map((x) => x.bundleBytes / 4)));
    for (const [name, r] of [['retired', retired], ['kept', kept], ['none', none]] as const) {
      for (const [k, v] of Object.entries(describe(r))) extra[`${name}.${k}`] = v;
      extra[`${name}.bundleKB.m1_m6_m12`] = `${bundleKB(r, month, 2 * month)}/${bundleKB(r, 5 * month, 6 * month)}/${bundleKB(r, days - month, days)}`;
      extra[`${name}.checkpointKB`] = kb(r.rounds.reduce((n, x) => n + x.checkpointBytes, 0));
      extra[`${name}.folderKB.m6_m12`] = `${kb(r.rounds[6 * month - 1]?.folderBytes ?? 0)}/${kb(r.folderBytes)}`;
    }
    const last = retired.rounds.slice(-month);
    const ratios = retired.rounds.filter((x) => x.changesIn > 0).map((x) => x.importMs / Math.max(0.01, x.rawMs));
    extra.importRawRatioFirstMonth = Number(median(ratios.slice(0, month)).toFixed(2));
    extra.importRawRatioLastMonth = Number(median(ratios.slice(-month)).toFixed(2));
    // Against a raw import that also writes the cells into the tables (no check at all): what
    // the import costs beyond the table writes every import must make (see bench/sync-sim.ts).
    const applyRatios = retired.rounds.filter((x) => x.changesIn > 0).map((x) => x.importMs / Math.max(0.01, x.rawApplyMs));
    extra.importRawApplyRatioFirstMonth = Number(median(applyRatios.slice(0, month)).toFixed(2));
    extra.importRawApplyRatioLastMonth = Number(median(applyRatios.slice(-month)).toFixed(2));
    extra.logRowsAtEnd = retired.logRows;
    return { appMs: avg(last.map((x) => x.importMs)), rawMs: avg(last.map((x) => x.rawMs)), stat: 'mean of the last month of rounds (all copies)', extra };
  },
};

const folder5000: BenchCase = {
  name: 'sync-folder-5000',
  description: 'a sync with nothing new over a folder of 5,000 bundle files vs listing and stat-ing the folder',
  target: { ratio: 20, appMs: 200 },
  async run(ctx): Promise<Measurement> {
    const small = await noOpFolder(50, ctx.options.seed);
    const big = await noOpFolder(5000, ctx.options.seed);
    return {
      appMs: big.noOpMs,
      rawMs: big.listMs,
      stat: 'median of 5 no-op syncs',
      extra: { files: 5000, firstImportMs: Math.round(big.firstMs), noOp50FilesMs: Number(small.noOpMs.toFixed(1)), listMs: Number(big.listMs.toFixed(1)) },
    };
  },
};

export default [teamN, teamYear, folder5000];
