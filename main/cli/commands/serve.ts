import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../host/root.js';
import { CliError, configDir, newApi, type CliIO, type Command } from '../context.js';

const ROOT = projectRoot();

/** The Electron binary's path, or null when the package was installed without it. */
export function electronBinary(): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

export function ensureRendererBuilt(io: CliIO): void {
  if (existsSync(join(ROOT, 'dist/renderer/index.html'))) return;
  io.out('Building the renderer (first start)…');
  const r = spawnSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new CliError('Building the renderer failed.', 1);
}

/** Serves FILE (or the start screen) in browser mode until interrupted. */
async function serve(io: CliIO, file: string | null, opts: { port?: number; host?: string; allowRemote?: boolean; demoIfMissing?: boolean }): Promise<number> {
  ensureRendererBuilt(io);
  const api = await newApi();
  const { startHost } = await import('../../host/server.js');
  if (file) {
    if (!existsSync(file) && opts.demoIfMissing) await api.call('workspace:create', { path: file, demo: true });
    else await api.call('workspace:open', { path: file });
  }
  const host = await startHost({ api, port: opts.port, host: opts.host, allowRemote: opts.allowRemote });
  io.out(`Steerco is serving ${file ? resolve(file) : 'the start screen'} in browser mode.`);
  io.out(`Open ${host.openUrl}`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  api.close();
  return 0;
}

export const serveCommands: Command[] = [
  {
    path: ['serve'],
    usage: 'serve [FILE] [--port N] [--host ADDR --allow-remote]',
    summary: 'Serve the app over HTTP on 127.0.0.1 (browser mode)',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { port: { type: 'string' }, host: { type: 'string' }, 'allow-remote': { type: 'boolean' } },
      });
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CliError(`--port ${values.port} is not a port number.`);
      return serve(io, positionals[0] ?? null, { port, host: values.host, allowRemote: values['allow-remote'] });
    },
  },
  {
    path: ['start'],
    usage: 'start [FILE]',
    summary: 'Open the desktop app (or browser mode where Electron is not installed)',
    async run(args, io) {
      const { positionals } = parseArgs({ args, allowPositionals: true });
      const bin = electronBinary();
      if (bin) {
        const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
        if (b.status !== 0) throw new CliError('Building the app failed.', 1);
        const child = spawn(bin, [ROOT, ...positionals], { stdio: 'inherit' });
        return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
      }
      io.out("Electron's binary is not installed on this machine, so the desktop window cannot open; serving Steerco in browser mode instead.");
      mkdirSync(configDir(), { recursive: true });
      const file = positionals[0] ?? join(configDir(), 'demo.steerco');
      return serve(io, file, { demoIfMissing: positionals[0] === undefined });
    },
  },
];
