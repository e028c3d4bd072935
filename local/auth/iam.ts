/**
 * AWS_IAM request authentication: verifies a SigV4 `Authorization` header the way the AWS
 * front end does. The canonical request, string to sign and signing key come from
 * `@smithy/signature-v4` (the signer every AWS SDK and Amplify client uses), so a request an SDK
 * signed verifies here and a tampered one does not. Error types and wordings are AWS's own as
 * observed in service responses; `/work/shared/reference/appsync-notes.md` §8 marks the HTTP
 * shape of a failed IAM signature as unverified, so every failure is a 403.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, SignatureV4, createScope, getCanonicalHeaders } from '@smithy/signature-v4';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ARN reported as identity.userArn, e.g. arn:aws:sts::000000000000:assumed-role/Local/local */
  arn: string;
}

export interface IamRequest {
  method: string;
  /** as received, e.g. '/graphql' */
  path: string;
  /** host header value incl. port */
  host: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type IamOutcome =
  | {
      ok: true;
      identity: {
        accountId: string;
        cognitoIdentityPoolId: null;
        cognitoIdentityId: null;
        sourceIp: string[];
        username: string;
        userArn: string;
        cognitoIdentityAuthType: null;
        cognitoIdentityAuthProvider: null;
      };
    }
  | { ok: false; status: 403; errorType: string; message: string };

export interface VerifyOptions {
  region: string;
  /** The service requests must be scoped to: `appsync` (default), `lambda` for the local Invoke endpoint… */
  service?: string;
  sourceIp: string;
  accountId: string;
  now?: () => Date;
}

/** AWS rejects a request whose x-amz-date is more than this far from its clock, either way. */
const MAX_SKEW_MS = 5 * 60 * 1000;
const TERMINATOR = 'aws4_request';

// Wordings AWS returns (InvalidSignatureException / UnrecognizedClientException bodies).
const MSG_SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const MSG_INVALID_TOKEN = 'The security token included in the request is invalid.';
const MSG_HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
const MSG_MISSING_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

/** True when the header claims SigV4, so AppSync routes the request to AWS_IAM. */
export function isSigV4(authorization: string | undefined): boolean {
  return typeof authorization === 'string' && /^AWS4-HMAC-SHA256(\s|$)/.test(authorization.trimStart());
}

export async function verifySigV4(req: IamRequest, credentials: LocalCredentials[], options: VerifyOptions): Promise<IamOutcome> {
  const service = options.service ?? 'appsync';
  const headers = lowerCaseHeaders(req.headers);

  const parsed = parseAuthorization(headers.get('authorization') ?? '');
  const amzDate = headers.get('x-amz-date');
  if (!parsed.ok || amzDate === undefined) {
    const problems = parsed.ok ? [] : parsed.problems;
    if (amzDate === undefined && (parsed.ok || parsed.missingParams)) problems.push(MSG_MISSING_DATE);
    return fail('IncompleteSignatureException', problems.join(' '));
  }
  const { credential, signedHeaders, signature } = parsed;

  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) return fail('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);

  const scopeParts = credential.split('/');
  if (scopeParts.length !== 5) {
    return fail('IncompleteSignatureException', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = scopeParts;

  // Without a signed host a captured signature could be replayed against another endpoint.
  if (!signedHeaders.includes('host')) return fail('InvalidSignatureException', MSG_HOST_NOT_SIGNED);

  const now = (options.now ?? (() => new Date()))();
  const skew = skewError(requestTime, now);
  if (skew) return fail('InvalidSignatureException', skew);

  // AWS lists every scope problem at once, each sentence followed by ". " (hence the trailing space).
  const scopeErrors: string[] = [];
  if (scopeRegion !== options.region) scopeErrors.push(`Credential should be scoped to a valid region, not '${scopeRegion}'. `);
  if (scopeService !== service) scopeErrors.push(`Credential should be scoped to correct service: '${service}'. `);
  if (scopeTerminator !== TERMINATOR) scopeErrors.push(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${scopeTerminator}'. `);
  if (scopeDate !== amzDate.slice(0, 8)) {
    scopeErrors.push(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'. `);
  }
  if (scopeErrors.length > 0) return fail('InvalidSignatureException', scopeErrors.join(''));

  const account = credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!account) return fail('UnrecognizedClientException', MSG_INVALID_TOKEN);
  // Temporary credentials are only valid with their token; a token sent with long-term keys is equally unknown.
  const sentToken = headers.get('x-amz-security-token');
  const expectedToken = account.sessionToken || undefined;
  if ((sentToken !== undefined || expectedToken !== undefined) && (sentToken === undefined || expectedToken === undefined || !constantTimeEqual(sentToken, expectedToken))) {
    return fail('UnrecognizedClientException', MSG_INVALID_TOKEN);
  }

  // Hash the body received, never the declared x-amz-content-sha256 (which smithy's getPayloadHash
  // would trust): a body changed after signing then fails even when that header is left intact.
  const payloadHash = createHash('sha256').update(req.body, 'utf8').digest('hex');

  // Canonical headers are exactly the ones the client listed, with the values received: headers a
  // proxy or client added after signing play no part, and ones smithy would not sign by default
  // (user-agent...) still count when the client signed them.
  const signedValues: Record<string, string> = {};
  for (const name of signedHeaders) signedValues[name] = name === 'host' ? req.host : (headers.get(name) ?? '');
  const [rawPath, rawQuery] = splitPathAndQuery(req.path);
  const request: CanonicalInput = {
    method: req.method.toUpperCase(),
    protocol: 'https:',
    hostname: req.host,
    path: rawPath,
    query: parseQuery(rawQuery),
    headers: signedValues,
  };
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(signedHeaders));

  const verifier = new SigV4Verifier({
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    region: scopeRegion,
    service: scopeService,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const expected = await verifier.expectedSignature(request, canonicalHeaders, payloadHash, amzDate, createScope(scopeDate, scopeRegion, scopeService), requestTime);
  if (!constantTimeEqual(signature, expected)) return fail('InvalidSignatureException', MSG_SIGNATURE_MISMATCH);

  return {
    ok: true,
    identity: {
      accountId: options.accountId,
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: [options.sourceIp],
      username: account.accessKeyId,
      userArn: account.arn,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    },
  };
}

/** The request shape smithy's canonicalisation reads (a structural subset of its HttpRequest). */
interface CanonicalInput {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
}

/** Exposes smithy's protected canonical-request and string-to-sign builders, so verification cannot drift from signing. */
class SigV4Verifier extends SignatureV4 {
  async expectedSignature(request: CanonicalInput, canonicalHeaders: Record<string, string>, payloadHash: string, longDate: string, scope: string, signingDate: Date): Promise<string> {
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const stringToSign = await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
    // signString derives the signing key from the secret, signingDate's day and this signer's region/service.
    return this.sign(stringToSign, { signingDate });
  }
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

/** SHA-256 / HMAC-SHA256 for smithy on node:crypto: neither @smithy/hash-node nor @aws-crypto/sha256-js is a project dependency. */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  update(data: SourceData, encoding?: 'utf8' | 'ascii' | 'latin1'): void {
    this.hash.update(toBuffer(data, encoding));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
}

function toBuffer(data: SourceData, encoding: BufferEncoding = 'utf8'): Buffer {
  if (typeof data === 'string') return Buffer.from(data, encoding);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

type ParsedAuthorization =
  | { ok: true; credential: string; signedHeaders: string[]; signature: string }
  | { ok: false; problems: string[]; missingParams: boolean };

function parseAuthorization(header: string): ParsedAuthorization {
  const trimmed = header.trim();
  const algorithm = trimmed.split(/\s/, 1)[0];
  if (algorithm !== ALGORITHM_IDENTIFIER) return { ok: false, problems: [`Unsupported AWS 'algorithm': '${algorithm}'`], missingParams: false };

  const params = new Map<string, string>();
  // Components are comma-separated; AWS tolerates a missing space after the comma.
  for (const part of trimmed.slice(algorithm.length).split(',')) {
    const component = part.trim();
    if (component === '') continue;
    const eq = component.indexOf('=');
    if (eq < 0) {
      return { ok: false, problems: [`'${component}' not a valid key=value pair (missing equal-sign) in Authorization header: '${trimmed}'.`], missingParams: false };
    }
    params.set(component.slice(0, eq).trim(), component.slice(eq + 1).trim());
  }

  const problems = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !params.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (problems.length > 0) return { ok: false, problems, missingParams: true };
  return {
    ok: true,
    credential: params.get('Credential') ?? '',
    signedHeaders: (params.get('SignedHeaders') ?? '').split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''),
    signature: params.get('Signature') ?? '',
  };
}

/** x-amz-date in ISO 8601 basic format, YYYYMMDD'T'HHMMSS'Z'; anything else is rejected. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return formatAmzDate(date) === value ? date : undefined;
}

function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

function skewError(requestTime: Date, now: Date): string | undefined {
  const nowSeconds = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const earliest = new Date(nowSeconds.getTime() - MAX_SKEW_MS);
  const latest = new Date(nowSeconds.getTime() + MAX_SKEW_MS);
  if (requestTime < earliest) {
    return `Signature expired: ${formatAmzDate(requestTime)} is now earlier than ${formatAmzDate(earliest)} (${formatAmzDate(nowSeconds)} - 5 min.)`;
  }
  if (requestTime > latest) {
    return `Signature not yet current: ${formatAmzDate(requestTime)} is still later than ${formatAmzDate(latest)} (${formatAmzDate(nowSeconds)} + 5 min.)`;
  }
  return undefined;
}

/** Header lookup by lower-case name; repeated headers are comma-joined as SigV4 canonicalises them. */
function lowerCaseHeaders(headers: IamRequest['headers']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(',') : value;
    const key = name.toLowerCase();
    const prior = out.get(key);
    out.set(key, prior === undefined ? joined : `${prior},${joined}`);
  }
  return out;
}

function splitPathAndQuery(path: string): [string, string] {
  const q = path.indexOf('?');
  return q < 0 ? [path, ''] : [path.slice(0, q), path.slice(q + 1)];
}

/** Decoded query parameters; smithy re-encodes them canonically. */
function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const prior = query[key];
    query[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return query;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Compares secrets without leaking, through timing, how long a matching prefix is. */
function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function fail(errorType: string, message: string): IamOutcome {
  return { ok: false, status: 403, errorType, message };
}
