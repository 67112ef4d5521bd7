/**
 * The programs the WebKit tests need besides the served app: a virtual X
 * display (Xvfb) and WebKitGTK's WebDriver, which starts MiniBrowser in that
 * display for each session.
 *
 * Each one is started so that it goes away with the test process whatever
 * happens: stop() ends it in the normal case (SIGTERM, then SIGKILL if it
 * lingers); a process 'exit' hook ends what is still running when the test
 * process exits; and where util-linux's setpriv is there (Debian always has
 * it) the child also gets a parent-death signal, so it is ended by the kernel
 * even when the test process is killed outright (Ctrl-C on vitest, a
 * timed-out CI job). MiniBrowser is WebKitWebDriver's child and a client of
 * the X display: it closes with its session, and in any case when the display
 * goes away.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Readable } from 'node:stream';

/** A started program: stop() ends it and resolves once it has exited. */
export interface Running {
  readonly name: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a signal is all there is time for.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}

let setprivChecked: boolean | undefined;

/** Whether `setpriv --pdeathsig` (util-linux >= 2.33) is available. */
function hasSetpriv(): boolean {
  if (setprivChecked === undefined) {
    const result = spawnSync('setpriv', ['--help'], { encoding: 'utf8' });
    setprivChecked = result.status === 0 && result.stdout.includes('--pdeathsig');
  }
  return setprivChecked;
}

/** An executable file on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The last lines a child wrote to stderr, for error messages. */
function tail(lines: string[]): string {
  const text = lines.join('').trim();
  return text === '' ? '' : `\n--- its stderr ---\n${text.split('\n').slice(-20).join('\n')}`;
}

function collect(stream: Readable | null, into: string[]): void {
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    into.push(chunk);
    // Keep only the recent output.
    if (into.length > 200) into.splice(0, into.length - 200);
  });
}

/**
 * Starts `command` tied to this process (see the file's comment). stdio:
 * stdin ignored, stdout and stderr piped (and collected), plus `extraFds`
 * pipes as fds 3, 4, ...
 */
export function startTied(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; extraFds?: number } = {},
): { child: ChildProcess; stderr: string[]; stop: () => Promise<void> } {
  installExitHook();
  const tied = hasSetpriv();
  const file = tied ? 'setpriv' : command;
  // setpriv sets the parent-death signal and then execs the command (same pid).
  const argv = tied ? ['--pdeathsig', 'TERM', '--', command, ...args] : [...args];
  const stdio: SpawnOptions['stdio'] = ['ignore', 'pipe', 'pipe', ...Array.from({ length: options.extraFds ?? 0 }, () => 'pipe' as const)];
  const child = spawn(file, argv, { stdio, env: options.env ?? process.env });
  const stderr: string[] = [];
  collect(child.stdout, stderr);
  collect(child.stderr, stderr);
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
    child.once('error', () => {
      running.delete(child);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return exited;
    child.kill('SIGTERM');
    const lingering = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(lingering);
  };
  return { child, stderr, stop };
}

/** Rejects when the child cannot start or exits (to race against its readiness). */
function exitAsError(child: ChildProcess, name: string, stderr: string[]): Promise<never> {
  return new Promise((_, reject) => {
    child.once('error', (error) => reject(new Error(`${name} could not be started: ${error.message}`)));
    child.once('exit', (code, signal) =>
      reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`})${tail(stderr)}`)),
    );
  });
}

/**
 * Starts Xvfb on a display number it picks itself (`-displayfd`: the server
 * takes the first free one and writes it back), so parallel runs and other
 * X servers on the machine never clash.
 */
export async function startXvfb(size = '1600x1200x24'): Promise<Running & { display: string }> {
  const xvfb = process.env.XVFB_PATH ?? onPath('Xvfb');
  if (!xvfb) throw new Error('Xvfb is not installed; run "bash scripts/setup.sh --with-browser" (it installs xvfb).');
  const { child, stderr, stop } = startTied(xvfb, ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp', '-noreset'], {
    extraFds: 1,
  });
  const fd3 = child.stdio[3] as Readable | null;
  if (!fd3) throw new Error('Xvfb: no pipe for -displayfd');
  const displayNumber = new Promise<string>((resolve) => {
    let text = '';
    fd3.setEncoding('utf8');
    fd3.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
  });
  try {
    const number = await Promise.race([displayNumber, exitAsError(child, 'Xvfb', stderr)]);
    return { name: 'Xvfb', pid: child.pid!, display: `:${number}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A TCP port on the loopback interface that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls `ready` every `interval` ms until it is true, `failed` rejects, or `limit` ms pass. */
async function until(ready: () => Promise<boolean>, failed: Promise<never>, what: string, limit = 60_000, interval = 50): Promise<void> {
  const deadline = Date.now() + limit;
  // Keep `failed` from being reported as unhandled while nobody awaits it.
  failed.catch(() => undefined);
  for (;;) {
    const outcome = await Promise.race([ready().catch(() => false), failed]);
    if (outcome) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${limit / 1000} s`);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, interval)), failed]);
  }
}

/**
 * The environment WebKitWebDriver (and so MiniBrowser) runs in: the display,
 * and the machine's default POSIX locale C.UTF-8 on purpose, whatever the
 * caller's locale is. Under it WebKitGTK reports `navigator.language` as "C",
 * which is not a valid language tag: the page must fall back to English.
 */
export function browserEnv(display: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  // GLib reads LANGUAGE before LC_ALL for the UI languages.
  delete env.LANGUAGE;
  delete env.WAYLAND_DISPLAY;
  // No accessibility bus under Xvfb: without this GTK waits for one and warns.
  env.NO_AT_BRIDGE = '1';
  return env;
}

/**
 * Starts WebKitWebDriver on a free loopback port with DISPLAY set, and waits
 * until its /status says it is ready. A port taken between choosing and
 * binding makes the driver exit: then another port is tried.
 */
export async function startWebKitWebDriver(display: string): Promise<Running & { url: string }> {
  const binary = process.env.WEBKIT_WEBDRIVER_PATH ?? onPath('WebKitWebDriver');
  if (!binary) {
    throw new Error('WebKitWebDriver is not installed; run "bash scripts/setup.sh --with-browser" (it installs webkit2gtk-driver).');
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { child, stderr, stop } = startTied(binary, [`--port=${port}`, '--host=127.0.0.1'], {
      env: browserEnv(display),
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await until(
        async () => {
          const response = await fetch(`${url}/status`);
          const body = (await response.json()) as { value?: { ready?: boolean } };
          return body.value?.ready === true;
        },
        exitAsError(child, 'WebKitWebDriver', stderr),
        'WebKitWebDriver',
      );
      return { name: 'WebKitWebDriver', pid: child.pid!, url, stop };
    } catch (error) {
      lastError = error;
      await stop();
    }
  }
  throw lastError;
}

/**
 * WebKitGTK's MiniBrowser: WEBKIT_MINIBROWSER_PATH, else the webkit2gtk-4.1
 * or 4.0 copy in the usual library folders (Debian puts it under the
 * multiarch folder, e.g. /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1).
 */
export function findMiniBrowser(): string {
  const fromEnv = process.env.WEBKIT_MINIBROWSER_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`WEBKIT_MINIBROWSER_PATH is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const roots = ['/usr/lib', '/usr/lib64', '/usr/libexec', '/usr/local/lib', '/usr/local/libexec'];
  const bases: string[] = [];
  for (const root of roots) {
    bases.push(root);
    try {
      // Multiarch folders such as /usr/lib/x86_64-linux-gnu.
      for (const entry of readdirSync(root)) if (/-linux-gnu/.test(entry)) bases.push(join(root, entry));
    } catch {
      // no such folder
    }
  }
  const candidates = ['webkit2gtk-4.1', 'webkit2gtk-4.0'].flatMap((version) => bases.map((base) => join(base, version, 'MiniBrowser')));
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'WebKitGTK\'s MiniBrowser was not found (looked for webkit2gtk-4.1/MiniBrowser and webkit2gtk-4.0/MiniBrowser under ' +
        `${roots.join(', ')} and their multiarch folders). Run "bash scripts/setup.sh --with-browser" (Debian's ` +
        'webkit2gtk-driver brings it), or set WEBKIT_MINIBROWSER_PATH to the MiniBrowser binary.',
    );
  }
  return found;
}
