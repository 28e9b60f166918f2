/**
 * cli-start: how long the `steerco` command takes to answer, as a new process, against
 * starting Node itself (`node -e ''`) in the same run. The CLI runs its bundle (dist/cli/<stamp>,
 * no TypeScript compiled at run time; built once before timing). Median of 7 runs each.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const BIN = fileURLToPath(new URL('../../main/cli/bin.mjs', import.meta.url));
const RUNS = 7;

function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore', env });
  return performance.now() - t0;
}

function startCase(name: string, description: string, appMs: number, args: (ctx: BenchContext) => string[]): BenchCase {
  return {
    name,
    description,
    target: { ratio: 15, appMs },
    run(ctx: BenchContext): Measurement {
      const env = { ...process.env, STEERCO_CONFIG_DIR: ctx.newPath('config') };
      const a = args(ctx);
      wall([BIN, '--help'], env); // builds dist/cli when it is older than the sources
      const apps: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        raws.push(wall(['-e', ''], env));
        apps.push(wall([BIN, ...a], env));
      }
      return { appMs: median(apps), rawMs: median(raws), stat: `median of ${RUNS}`, extra: { min: Math.min(...apps) } };
    },
  };
}

let demo: string | null = null;
function demoFile(ctx: BenchContext): string {
  if (!demo) {
    demo = ctx.newPath('demo.steerco');
    execFileSync(process.execPath, [BIN, 'demo', demo], { stdio: 'ignore', env: { ...process.env, STEERCO_CONFIG_DIR: ctx.newPath('config') } });
  }
  return demo;
}

export default [
  startCase('cli-help', '`steerco --help` as a new process vs `node -e ""`', 300, () => ['--help']),
  startCase('cli-list', '`steerco measures list` on the demo (49 measures) vs `node -e ""`', 600, (ctx) => ['measures', 'list', demoFile(ctx)]),
];
