import { gateCommands } from './commands/gates.js';
import { measureCommands } from './commands/measures.js';
import { measureImportCommands } from './commands/measures-import.js';
import { packCommands } from './commands/pack.js';
import { serveCommands } from './commands/serve.js';
import { raidCommands } from './commands/raid.js';
import { syncCommands } from './commands/sync.js';
import { workspaceCommands } from './commands/workspace.js';
import { valueCommands } from './commands/value.js';
import { templateCommands } from './commands/templates.js';
import { methodCommands } from './commands/method.js';
import { kpiCommands } from './commands/kpi.js';
import { applyTodayFromEnv } from '../../db/clock.js';
import { describeError, type CliIO, type Command } from './context.js';

/** Every command; a feature adds its own list here. */
export const COMMANDS: Command[] = [...workspaceCommands, ...measureCommands, ...templateCommands, ...methodCommands, ...measureImportCommands, ...gateCommands, ...raidCommands, ...valueCommands, ...kpiCommands, ...syncCommands, ...packCommands, ...serveCommands];

const defaultIO: CliIO = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

function usage(io: CliIO): void {
  io.out('Usage: steerco <command> …');
  for (const c of COMMANDS) io.out(`  steerco ${c.usage.padEnd(48)} ${c.summary}`);
}

/** Runs one command line; returns the exit code (0 done, 1 failed, 2 bad input). */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const badToday = applyTodayFromEnv();
  if (badToday) {
    io.err(`steerco: ${badToday}`);
    return 2;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    usage(io);
    return argv.length === 0 ? 2 : 0;
  }
  const cmd = COMMANDS.filter((c) => c.path.every((w, i) => argv[i] === w)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!cmd) {
    io.err(`Unknown command: ${argv.slice(0, 2).join(' ')}`);
    usage(io);
    return 2;
  }
  try {
    return await cmd.run(argv.slice(cmd.path.length), io);
  } catch (e) {
    const { message, code } = describeError(e);
    io.err(`steerco ${cmd.path.join(' ')}: ${message}`);
    if (code === 2 && message.startsWith('Usage')) io.err(`usage: steerco ${cmd.usage}`);
    return code;
  }
}
