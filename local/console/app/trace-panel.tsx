/**
 * Beside the response: what each resolver did for a request, like AppSync's field-level logs
 * and X-Ray segments. Lists this page's requests (newest first); the selected one shows, per
 * field and step, its data-source calls with their DynamoDB requests and responses, Lambda log
 * lines, `console.log` output and durations, read from `GET /local/traces/<requestId>`.
 */
import { useEffect, useState } from 'react';
import type { RequestReport } from './fetcher';

/** The JSON `GET /local/traces/<requestId>` returns (local/console/trace-store.ts). */
export interface TraceView {
  requestId: string;
  durationMs: number;
  caller: string;
  status: number;
  operationName: string | null;
  operationType: string | null;
  resolverCount: number;
  errorCount: number;
  fields: Array<{
    path: string;
    step: string;
    logs: string[];
    calls: Array<{
      dataSource: string;
      type: string;
      operation: string;
      durationMs: number;
      error?: { type: string; message: string };
      dynamodbCalls: Array<{ operation: string; request: unknown; response?: unknown; error?: { type: string; message: string }; durationMs: number }>;
      logs: string[];
      batchSize?: number;
    }>;
  }>;
}

export function TracePanel({ reports }: { reports: RequestReport[] }) {
  const [selected, setSelected] = useState<number | null>(null);
  const newest = reports[0];
  const current = reports.find((r) => r.seq === selected) ?? newest;
  return (
    <aside className="tb-traces" aria-label="Resolver trace">
      <header className="tb-traces-head">
        <h2>Resolver trace</h2>
        {reports.length > 0 && (
          <select aria-label="Request" value={current?.seq} onChange={(e) => setSelected(Number(e.target.value) === newest?.seq ? null : Number(e.target.value))}>
            {reports.map((r) => <option key={r.seq} value={r.seq}>{`#${r.seq} ${r.operationType} ${r.operationName ?? '(anonymous)'}`}</option>)}
          </select>
        )}
      </header>
      {!current && <p className="tb-muted">Run an operation: each resolver&apos;s data-source calls, logs and timings appear here.</p>}
      {current && <ReportView key={current.seq} report={current} />}
    </aside>
  );
}

function ReportView({ report }: { report: RequestReport }) {
  if (report.operationType === 'subscription') {
    const sub = report.subscription!;
    return (
      <div className="tb-trace" data-testid="subscription-report">
        <p className="tb-summary">
          <b>subscription {report.operationName ?? '(anonymous)'}</b>
          <span className={`tb-state tb-state-${sub.state}`} data-testid="subscription-state">{sub.state}</span>
          <span>{sub.events} event{sub.events === 1 ? '' : 's'}</span>
        </p>
        <p className="tb-muted">Over the real-time endpoint. Events carry the mutation&apos;s result, so no resolver runs for them; the trace of the mutation shows where the data came from.</p>
        {report.error && <pre className="tb-error">{report.error}</pre>}
      </div>
    );
  }
  if (!report.requestId) return <p className="tb-muted">{report.status === undefined ? 'Waiting for the response…' : 'The response carried no request id.'}</p>;
  return <TraceLoader requestId={report.requestId} />;
}

function TraceLoader({ requestId }: { requestId: string }) {
  const [trace, setTrace] = useState<TraceView | null | 'missing'>(null);
  useEffect(() => {
    let live = true;
    fetch(`/local/traces/${encodeURIComponent(requestId)}`)
      .then(async (r) => (r.ok ? ((await r.json()) as TraceView) : 'missing' as const))
      .then((t) => live && setTrace(t), () => live && setTrace('missing'));
    return () => { live = false; };
  }, [requestId]);
  if (trace === null) return <p className="tb-muted">Loading the trace…</p>;
  if (trace === 'missing') return <p className="tb-muted">No trace for request {requestId} (the runtime keeps the most recent ones; requests refused before execution have none).</p>;
  return <Trace trace={trace} />;
}

function Trace({ trace }: { trace: TraceView }) {
  const calls = trace.fields.flatMap((f) => f.calls);
  const ddb = calls.reduce((n, c) => n + c.dynamodbCalls.length, 0);
  return (
    <div className="tb-trace" data-testid="trace">
      <p className="tb-summary">
        <b>{trace.operationType ?? 'request'} {trace.operationName ?? '(anonymous)'}</b>
        <span>HTTP {trace.status}</span>
        <span>{trace.durationMs.toFixed(1)} ms</span>
        <span>{trace.resolverCount} resolver{trace.resolverCount === 1 ? '' : 's'}</span>
        <span data-testid="dynamodb-count">{ddb} DynamoDB request{ddb === 1 ? '' : 's'}</span>
        {trace.errorCount > 0 && <span className="tb-bad">{trace.errorCount} error{trace.errorCount === 1 ? '' : 's'}</span>}
      </p>
      <p className="tb-muted">by {trace.caller} · request id {trace.requestId}</p>
      {trace.fields.length === 0 && <p className="tb-muted">No resolver called a data source or logged anything.</p>}
      <ol className="tb-fields">
        {trace.fields.map((f, i) => (
          <li key={i} className="tb-field">
            <div className="tb-field-head"><code>{f.path}</code><span className="tb-step">{f.step}</span></div>
            {f.calls.map((c, j) => (
              <div key={j} className="tb-call">
                <div>
                  → <b>{c.dataSource}</b> {c.operation} <span className="tb-ms">{c.durationMs.toFixed(1)} ms</span>
                  {c.batchSize !== undefined && <span> batch of {c.batchSize}</span>}
                  {c.error && <span className="tb-bad"> {c.error.type}: {c.error.message}</span>}
                </div>
                {c.dynamodbCalls.map((d, k) => (
                  <details key={k} className="tb-ddb">
                    <summary>DynamoDB <b>{d.operation}</b> <span className="tb-ms">{d.durationMs.toFixed(1)} ms</span>{d.error && <span className="tb-bad"> {d.error.type}</span>}</summary>
                    <div className="tb-label">request</div>
                    <pre>{JSON.stringify(d.request, null, 2)}</pre>
                    <div className="tb-label">{d.error ? 'error' : 'response'}</div>
                    <pre>{JSON.stringify(d.error ?? d.response ?? null, null, 2)}</pre>
                  </details>
                ))}
                {c.logs.length > 0 && <pre className="tb-log">{c.logs.join('\n')}</pre>}
              </div>
            ))}
            {f.logs.length > 0 && <pre className="tb-log" title="console.log">{f.logs.join('\n')}</pre>}
          </li>
        ))}
      </ol>
    </div>
  );
}
