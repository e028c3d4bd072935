/**
 * The swappable half of a running local API: the model, executor, authenticator, Lambda runner,
 * scheduled rules and stream mappings. `reload` builds these for another cloud assembly and swaps
 * them in while the HTTP server, the real-time connections, DynamoDB Local, local Cognito and SQS
 * keep running; `reseed` replaces the data. One operation at a time.
 *
 * A reload that cannot be served (the assembly does not load, a resolver does not compile, the
 * schema does not build, a schedule does not parse) rejects with a ReloadError before anything
 * is swapped: the previous API keeps answering.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalApiModel } from '../assembly/load-api';
import type { Authenticator } from '../auth/authenticate';
import type { SeededUser } from '../cognito/cognito-local';
import type { EnsureTableResult, ReconcileTableResult } from '../dynamodb/tables';
import type { Executor } from '../execution/executor';
import type { LambdaRunner } from '../lambda/runner';
import { parseScheduleExpression } from '../schedules/expression';
import type { LocalSchedules } from '../schedules/scheduler';
import { writeSeedItems, type SeedModule, type SeedUser } from '../seed/seed';
import type { LocalStreams } from '../streams/local-streams';
import { describeChanges, summarizeChanges, type ApiChanges } from './model-diff';
import { clearTable } from './reseed';

export interface ApiParts {
  model: LocalApiModel;
  executor: Executor;
  authenticator: Authenticator;
  runner: LambdaRunner;
  schedules: LocalSchedules;
  /** Absent when the runtime runs without streams. */
  streams?: LocalStreams;
  tables: EnsureTableResult[];
}

/** How the runtime builds and serves each part (local/runtime.ts). */
export interface LiveApiHooks {
  /** The model of an assembly, with this runtime's local ids (user pools, queues, table prefix). */
  load(assemblyDir: string): LocalApiModel;
  newRunner(): LambdaRunner;
  executor(model: LocalApiModel, runner: LambdaRunner): Executor;
  authenticator(model: LocalApiModel): Promise<Authenticator>;
  reconcileTables(model: LocalApiModel): Promise<ReconcileTableResult[]>;
  /** The Lambda Invoke API (and what calls through it: schedules, Cognito triggers) serves these functions. */
  serveFunctions(model: LocalApiModel, runner: LambdaRunner): void;
  startSchedules(model: LocalApiModel): LocalSchedules;
  /** Tables in `createdTables` honour the mappings' StartingPosition; the others are read from LATEST. */
  startStreams(model: LocalApiModel, runner: LambdaRunner, createdTables: Set<string>): Promise<LocalStreams | undefined>;
  /** Serve these parts: the HTTP and WebSocket endpoints, `GET /local/info`, the runtime's own fields. */
  publish(parts: ApiParts): void;
  /** Runs live subscriptions' starts again against the API just published. */
  revalidateSubscriptions(): Promise<{ kept: number; ended: number }>;
  dynamodb: DynamoDBClient;
  /** Makes sure the seed users exist in local Cognito (none without a user pool). */
  ensureUsers(users: SeedUser[]): Promise<{ users: SeededUser[]; created: string[] }>;
  log(line: string): void;
}

export interface ReloadReport {
  assemblyDir: string;
  durationMs: number;
  changes: ApiChanges;
  /** One phrase: what changed (`resolver Query.board, Lambda boardStats`). */
  summary: string;
  tables: { created: string[]; indexesAdded: string[]; notApplied: string[] };
  subscriptions: { kept: number; ended: number };
  /** Lambda functions changed: a fresh runner serves them, the old one ends after its in-flight invocations. */
  lambdasRestarted: boolean;
  /** Scheduled rules and stream mappings were restarted (streams from LATEST: nothing is delivered twice). */
  eventsRestarted: boolean;
  /** Things applied partly, or only after a restart of `npm start`. */
  warnings: string[];
  /** Assemblies the runtime still reads or runs code from (the new one, and the old runner's until it has drained). */
  assemblyDirsInUse: string[];
}

export interface ReseedReport {
  durationMs: number;
  users: SeededUser[];
  /** Usernames created in local Cognito; the others existed and were kept. */
  createdUsers: string[];
  deletedItems: number;
  writtenItems: number;
}

/** The new assembly cannot be served; the previous API is still running. */
export class ReloadError extends Error {}

export class LiveApi {
  private chain: Promise<unknown> = Promise.resolve();
  /** Assemblies the current runner's processes were started from. */
  private runnerDirs = new Set<string>();
  private readonly retiring = new Map<LambdaRunner, Set<string>>();
  private assemblyDir: string;
  private closed = false;

  constructor(private parts: ApiParts, assemblyDir: string, private readonly hooks: LiveApiHooks) {
    this.assemblyDir = assemblyDir;
    this.runnerDirs.add(assemblyDir);
  }

  get current(): Readonly<ApiParts> {
    return this.parts;
  }

  reload(assemblyDir: string): Promise<ReloadReport> {
    return this.exclusive(() => this.swap(assemblyDir));
  }

  reseed(seed: SeedModule, options: { now?: Date } = {}): Promise<ReseedReport> {
    return this.exclusive(() => this.replaceData(seed, options.now ?? new Date()));
  }

  /** Stops the current streams, schedules and runners (and any still draining). */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    this.parts.schedules.stop();
    await this.parts.streams?.stop();
    await Promise.all([this.parts.runner, ...this.retiring.keys()].map((r) => r.shutdown()));
  }

  private async swap(assemblyDir: string): Promise<ReloadReport> {
    if (this.closed) throw new ReloadError('the runtime is stopping');
    const started = performance.now();
    const before = this.parts;
    let model: LocalApiModel;
    try {
      model = this.hooks.load(assemblyDir);
    } catch (error) {
      throw new ReloadError(`the cloud assembly cannot be loaded: ${(error as Error).message}`);
    }
    const changes = describeChanges(before.model, model);
    const lambdasRestarted = changes.lambdas.length > 0;
    const runner = lambdasRestarted ? this.hooks.newRunner() : before.runner;
    let executor: Executor;
    let authenticator: Authenticator;
    try {
      // Compiles every resolver and builds the schema: the errors a developer makes show up here.
      executor = this.hooks.executor(model, runner);
      authenticator = await this.hooks.authenticator(model);
      for (const rule of model.rules) {
        try {
          parseScheduleExpression(rule.scheduleExpression);
        } catch (error) {
          throw new Error(`rule ${rule.name}: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      if (runner !== before.runner) await runner.shutdown();
      throw new ReloadError((error as Error).message);
    }
    let reconciled: ReconcileTableResult[];
    try {
      reconciled = await this.hooks.reconcileTables(model);
    } catch (error) {
      if (runner !== before.runner) await runner.shutdown();
      throw new ReloadError(`tables: ${(error as Error).message}`);
    }

    // From here on the new API is served.
    const warnings = changes.needsRestart.length > 0 ? [`kept as they were until npm start runs again: ${changes.needsRestart.join(', ')}`] : [];
    const eventsRestarted = lambdasRestarted || changes.events;
    if (eventsRestarted) {
      before.schedules.stop();
      await before.streams?.stop();
    }
    this.hooks.serveFunctions(model, runner);
    const tables: EnsureTableResult[] = reconciled.map((t) => ({ tableName: t.tableName, created: t.created }));
    this.parts = { ...before, model, executor, authenticator, runner, tables };
    this.hooks.publish(this.parts);
    if (eventsRestarted) {
      const schedules = this.hooks.startSchedules(model);
      let streams: LocalStreams | undefined;
      try {
        streams = await this.hooks.startStreams(model, runner, new Set(reconciled.filter((t) => t.created || t.streamEnabled).map((t) => t.tableName)));
      } catch (error) {
        warnings.push(`stream mappings not running: ${(error as Error).message}`);
      }
      this.parts = { ...this.parts, schedules, streams };
      this.hooks.publish(this.parts);
    }
    const subscriptions = await this.hooks.revalidateSubscriptions();

    if (runner !== before.runner) {
      const dirs = this.runnerDirs;
      this.retiring.set(before.runner, dirs);
      this.runnerDirs = new Set();
      void before.runner.drain().finally(() => this.retiring.delete(before.runner));
    }
    this.runnerDirs.add(assemblyDir);
    this.assemblyDir = assemblyDir;

    return {
      assemblyDir, durationMs: performance.now() - started, changes, summary: summarizeChanges(changes),
      tables: {
        created: reconciled.filter((t) => t.created).map((t) => t.tableName),
        indexesAdded: reconciled.flatMap((t) => t.addedIndexes.map((i) => `${t.tableName}.${i}`)),
        notApplied: reconciled.flatMap((t) => t.notApplied.map((n) => `${t.tableName}: ${n}`)),
      },
      subscriptions, lambdasRestarted, eventsRestarted, warnings,
      assemblyDirsInUse: this.dirsInUse(),
    };
  }

  private dirsInUse(): string[] {
    return [...new Set([this.assemblyDir, ...this.runnerDirs, ...[...this.retiring.values()].flatMap((d) => [...d])])];
  }

  private async replaceData(seed: SeedModule, now: Date): Promise<ReseedReport> {
    const started = performance.now();
    const { model, runner } = this.parts;
    const { users, created } = await this.hooks.ensureUsers(seed.users ?? []);
    // Seed writes stand for data that was there before: stop the stream mappings so that they
    // are not delivered (nor the deletes), and read from LATEST once the data is in place.
    await this.parts.streams?.stop();
    let deletedItems = 0;
    let writtenItems = 0;
    try {
      for (const table of model.tables) deletedItems += await clearTable(this.hooks.dynamodb, table.tableName);
      if (seed.items) {
        const items = seed.items({ outputs: model.outputs, subs: Object.fromEntries(users.map((u) => [u.username, u.sub])), now });
        writtenItems = await writeSeedItems(this.hooks.dynamodb, items);
      }
    } finally {
      if (this.parts.streams) this.parts = { ...this.parts, streams: await this.hooks.startStreams(model, runner, new Set()) };
      // GET /local/info lists the seeded users (the console's sign-in form).
      this.hooks.publish(this.parts);
    }
    return { durationMs: performance.now() - started, users, createdUsers: created, deletedItems, writtenItems };
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.chain.then(operation, operation);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
