/**
 * How hard the reliability suites push: `RELIABILITY_PROFILE=short` for CI (every suite, every
 * assertion, smaller counts: a few minutes on 2 cores), `full` (the default) for the figures in
 * docs/reliability.md. Both are bounded in requests and time; neither leaves 127.0.0.1.
 */
export type ProfileName = 'short' | 'full';

export interface Profile {
  name: ProfileName;
  concurrency: {
    /** Clients racing one `updateTask` with the same expectedVersion, per round. */
    racers: number;
    rounds: number;
    /** createTask/deleteTask operations on one board (two creates for each delete), and how many are in flight at once. */
    taskWrites: number;
    inFlight: number;
    /** Users added to (then half removed from) one board concurrently. */
    members: number;
    /** addComment on one task, concurrently. */
    comments: number;
  };
  fuzz: {
    /** fast-check runs per property (one property per kind of bad input). */
    runs: number;
    /** Random frames sent on each fuzzed WebSocket connection. */
    framesPerConnection: number;
  };
  faults: {
    /** DynamoDB Local stop → restart cycles under load (SIGTERM and SIGKILL in turn). */
    outages: number;
    /** Writers and readers looping against the API during each cycle. */
    writers: number;
    readers: number;
    /** Load before the kill and after the restart, per cycle. */
    phaseMs: number;
    /** Each Lambda fault (throw, timeout, crash) is triggered this many times. */
    lambdaFaults: number;
    /** WebSocket clients that vanish (each way of vanishing). */
    vanishingClients: number;
  };
  load: {
    /** Requests started per second, whatever the answers' pace (open loop). */
    ratePerSecond: number;
    durationMs: number;
    warmupMs: number;
    subscriberConnections: number;
    subscriptionsPerConnection: number;
  };
}

const PROFILES: Record<ProfileName, Profile> = {
  short: {
    name: 'short',
    concurrency: { racers: 50, rounds: 2, taskWrites: 200, inFlight: 32, members: 12, comments: 50 },
    fuzz: { runs: 30, framesPerConnection: 30 },
    faults: { outages: 2, writers: 3, readers: 1, phaseMs: 1_500, lambdaFaults: 2, vanishingClients: 20 },
    load: { ratePerSecond: 10, durationMs: 15_000, warmupMs: 3_000, subscriberConnections: 10, subscriptionsPerConnection: 5 },
  },
  full: {
    name: 'full',
    concurrency: { racers: 50, rounds: 3, taskWrites: 1_000, inFlight: 64, members: 30, comments: 100 },
    fuzz: { runs: 100, framesPerConnection: 100 },
    faults: { outages: 2, writers: 6, readers: 3, phaseMs: 2_500, lambdaFaults: 3, vanishingClients: 100 },
    load: { ratePerSecond: 15, durationMs: 30_000, warmupMs: 5_000, subscriberConnections: 20, subscriptionsPerConnection: 10 },
  },
};

function profileName(value: string | undefined): ProfileName {
  const name = (value ?? '').trim() || 'full';
  if (name !== 'short' && name !== 'full') throw new Error(`RELIABILITY_PROFILE must be "short" or "full", not "${name}"`);
  return name;
}

export const profile: Profile = PROFILES[profileName(process.env.RELIABILITY_PROFILE)];
