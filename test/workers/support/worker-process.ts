/** Worker child processes, as a process manager would run them: `node --import tsx workers/main.ts`. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** A child process running a TypeScript entry point (through tsx) with extra environment. */
export function spawnTs(script: string, args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => out, exited };
}

export function spawnWorker(env: Record<string, string>, concurrency = 2): WorkerProcess {
  return spawnTs('workers/main.ts', ['--concurrency', String(concurrency)], env);
}

/** Resolve once the worker says it is serving (or reject with its output when it dies first). */
export async function ready(w: WorkerProcess, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!/serving khcl-ingest/.test(w.output())) {
    if (w.child.exitCode !== null || w.child.signalCode !== null) throw new Error(`worker died:\n${w.output()}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`worker not ready after ${timeoutMs} ms:\n${w.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
