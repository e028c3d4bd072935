/**
 * AWS_IAM authentication: requests are signed for real with @smithy/signature-v4, the signer AWS
 * SDK clients use (and, once, by a hand-written signer following AWS's documented algorithm), then
 * verified. Failures must carry AWS's error type and wording.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { isSigV4, verifySigV4, type IamOutcome, type IamRequest, type LocalCredentials } from '../../../../local/auth/iam';

const HOST = '127.0.0.1:20002';
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const SOURCE_IP = '10.0.0.7';
const T0 = new Date('2024-05-01T12:00:00Z');
const BODY = JSON.stringify({ query: 'query ListBoards { listBoards { items { id name } } }', variables: {} });

const ALICE: LocalCredentials = { accessKeyId: 'AKIDLOCALALICE', secretAccessKey: 'alice/secret+key', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Local/alice` };
const TEMP: LocalCredentials = { accessKeyId: 'ASIALOCALTEMP', secretAccessKey: 'temp-secret', sessionToken: 'FwoGZXIvYXdzEXAMPLE//token=', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Local/temp` };
const STORE = [ALICE, TEMP];

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

type SourceData = string | ArrayBuffer | ArrayBufferView;

/** The test's own node:crypto SHA-256 for the client-side signer, independent of the verifier's. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  update(data: SourceData): void {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data)));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    return createHmac('sha256', typeof this.secret === 'string' ? this.secret : Buffer.from(ArrayBuffer.isView(this.secret) ? new Uint8Array(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength) : new Uint8Array(this.secret)));
  }
}

interface SignOptions {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
  service?: string;
  body?: string;
  /** Headers present when signing; `host` is added unless set to undefined here. */
  headers?: Record<string, string | undefined>;
  /** false = Amplify-style (no x-amz-content-sha256); the SDK default is true. */
  applyChecksum?: boolean;
  signingDate?: Date;
  signableHeaders?: Set<string>;
  query?: Record<string, string>;
}

/** Signs POST /graphql as an AWS SDK / Amplify client does, and returns it as the server receives it (lower-case header names). */
async function signedRequest(opts: SignOptions = {}): Promise<IamRequest> {
  const signer = new SignatureV4({
    credentials: opts.credentials ?? ALICE,
    region: opts.region ?? REGION,
    service: opts.service ?? 'appsync',
    sha256: Sha256,
    applyChecksum: opts.applyChecksum ?? true,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ host: HOST, 'content-type': 'application/json', ...opts.headers })) {
    if (value !== undefined) headers[name] = value;
  }
  const body = opts.body ?? BODY;
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 20002, path: '/graphql', query: opts.query ?? {}, headers, body },
    { signingDate: opts.signingDate ?? T0, signableHeaders: opts.signableHeaders },
  );
  const received: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) received[name.toLowerCase()] = value;
  // Encoded the way SDK clients put the query on the wire (%20, not +).
  const search = Object.entries(opts.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { method: 'POST', path: search ? `/graphql?${search}` : '/graphql', host: HOST, headers: received, body };
}

function verify(req: IamRequest, now: Date = T0, region = REGION): Promise<IamOutcome> {
  return verifySigV4(req, STORE, { region, sourceIp: SOURCE_IP, accountId: ACCOUNT, now: () => now });
}

function failure(errorType: string, message: string): IamOutcome {
  return { ok: false, status: 403, errorType, message };
}

function withHeaders(req: IamRequest, change: (headers: Record<string, string | string[] | undefined>) => void): IamRequest {
  const headers = { ...req.headers };
  change(headers);
  return { ...req, headers };
}

const authorizationOf = (req: IamRequest): string => String(req.headers.authorization);

describe('isSigV4', () => {
  it('recognises the AWS4-HMAC-SHA256 scheme only', () => {
    expect(isSigV4('AWS4-HMAC-SHA256 Credential=AKID/20240501/us-east-1/appsync/aws4_request, SignedHeaders=host, Signature=ab')).toBe(true);
    expect(isSigV4('AWS4-HMAC-SHA256')).toBe(true);
    expect(isSigV4('Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
    expect(isSigV4('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
    expect(isSigV4('AWS4-HMAC-SHA256X Credential=a')).toBe(false);
    expect(isSigV4('aws4-hmac-sha256 Credential=a')).toBe(false);
    expect(isSigV4(undefined)).toBe(false);
  });
});

describe('verifySigV4: requests signed as AWS clients sign them', () => {
  it('accepts an SDK-signed request and reports the IAM identity', async () => {
    const req = await signedRequest();
    expect(authorizationOf(req)).toContain(`Credential=${ALICE.accessKeyId}/20240501/${REGION}/appsync/aws4_request`);
    expect(await verify(req)).toEqual({
      ok: true,
      identity: {
        accountId: ACCOUNT,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: [SOURCE_IP],
        username: ALICE.accessKeyId,
        userArn: ALICE.arn,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    });
  });

  it('accepts an Amplify-style request that carries no x-amz-content-sha256 (the body hash is computed)', async () => {
    const req = await signedRequest({ applyChecksum: false, headers: { 'x-amz-user-agent': 'aws-amplify/6.0.0 api/1 framework/1' } });
    expect(req.headers['x-amz-content-sha256']).toBeUndefined();
    expect(authorizationOf(req)).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-user-agent,');
    const outcome = await verify(req);
    expect(outcome.ok).toBe(true);
  });

  it('accepts temporary credentials whose session token was sent', async () => {
    const req = await signedRequest({ credentials: TEMP });
    expect(req.headers['x-amz-security-token']).toBe(TEMP.sessionToken);
    const outcome = await verify(req);
    expect(outcome.ok && outcome.identity.username).toBe(TEMP.accessKeyId);
    expect(outcome.ok && outcome.identity.userArn).toBe(TEMP.arn);
  });

  it('ignores headers added after signing and header name case or order', async () => {
    const req = await signedRequest({ headers: { 'x-custom-trace': 'abc' } });
    // Rebuild the headers in reverse order with other casings, plus headers a proxy or the HTTP stack adds.
    const reordered: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers).reverse()) reordered[name.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase())] = String(value);
    Object.assign(reordered, { 'User-Agent': 'curl/8.0', 'x-forwarded-for': '203.0.113.9', accept: '*/*', connection: 'keep-alive', 'content-length': String(BODY.length) });
    expect(Object.keys(reordered)).toContain('X-Amz-Date');
    expect(await verify({ ...req, headers: reordered })).toMatchObject({ ok: true });
  });

  it('uses exactly the SignedHeaders list, including headers smithy would not sign by default', async () => {
    const req = await signedRequest({ headers: { 'user-agent': 'aws-sdk-js/3.0' }, signableHeaders: new Set(['user-agent']) });
    expect(authorizationOf(req)).toContain('user-agent');
    expect((await verify(req)).ok).toBe(true);
    // Signed, so changing it in transit now breaks the signature.
    expect(await verify(withHeaders(req, (h) => { h['user-agent'] = 'other/1.0'; }))).toEqual(failure('InvalidSignatureException', MISMATCH));
  });

  it('accepts a request signed by a hand-written aws4-style signer (mixed-case names, folded whitespace, no space after commas)', async () => {
    const date = '20240501T120000Z';
    const sent: Array<[string, string]> = [
      ['Content-Type', 'application/json;   charset=UTF-8'],
      ['X-Amz-Date', date],
      ['Host', HOST],
      ['X-Extra', '  padded  value  '],
    ];
    const authorization = handSign(ALICE, date, sent, BODY);
    const headers: Record<string, string> = { Authorization: authorization, 'Accept-Encoding': 'gzip' };
    for (const [name, value] of sent) headers[name] = value;
    expect(await verify({ method: 'POST', path: '/graphql', host: HOST, headers, body: BODY })).toMatchObject({ ok: true, identity: { username: ALICE.accessKeyId } });
    // The same signature over a different body must not pass, so the hand signer really is being checked.
    expect(await verify({ method: 'POST', path: '/graphql', host: HOST, headers, body: `${BODY} ` })).toEqual(failure('InvalidSignatureException', MISMATCH));
  });

  it('covers the query string when the path carries one', async () => {
    const req = await signedRequest({ query: { trace: 'a b' } });
    expect(req.path).toBe('/graphql?trace=a%20b');
    expect((await verify(req)).ok).toBe(true);
    expect(await verify({ ...req, path: '/graphql?trace=other' })).toEqual(failure('InvalidSignatureException', MISMATCH));
  });
});

describe('verifySigV4: failures carry AWS error types and wording', () => {
  it('rejects a body changed after signing, with or without x-amz-content-sha256', async () => {
    for (const applyChecksum of [true, false]) {
      const req = await signedRequest({ applyChecksum });
      const tampered = { ...req, body: BODY.replace('listBoards', 'listUsers') };
      expect(await verify(tampered)).toEqual(failure('InvalidSignatureException', MISMATCH));
    }
  });

  it('rejects a tampered signature', async () => {
    const req = await signedRequest();
    const tampered = withHeaders(req, (h) => {
      const auth = String(h.authorization);
      h.authorization = auth.slice(0, -1) + (auth.endsWith('0') ? '1' : '0');
    });
    expect(await verify(tampered)).toEqual(failure('InvalidSignatureException', MISMATCH));
  });

  it('rejects a request signed with the wrong secret', async () => {
    const req = await signedRequest({ credentials: { accessKeyId: ALICE.accessKeyId, secretAccessKey: 'not-alices-secret' } });
    expect(await verify(req)).toEqual(failure('InvalidSignatureException', MISMATCH));
  });

  it('rejects a request that arrives for another host than the one signed', async () => {
    const req = await signedRequest();
    expect(await verify({ ...req, host: '127.0.0.1:20003' })).toEqual(failure('InvalidSignatureException', MISMATCH));
  });

  it('rejects an unknown access key', async () => {
    const req = await signedRequest({ credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'whatever' } });
    expect(await verify(req)).toEqual(failure('UnrecognizedClientException', INVALID_TOKEN));
  });

  it('rejects a wrong, missing or unexpected session token', async () => {
    const wrongToken = await signedRequest({ credentials: { ...TEMP, sessionToken: 'some-other-token' } });
    expect(await verify(wrongToken)).toEqual(failure('UnrecognizedClientException', INVALID_TOKEN));

    const noToken = await signedRequest({ credentials: { accessKeyId: TEMP.accessKeyId, secretAccessKey: TEMP.secretAccessKey } });
    expect(noToken.headers['x-amz-security-token']).toBeUndefined();
    expect(await verify(noToken)).toEqual(failure('UnrecognizedClientException', INVALID_TOKEN));

    const tokenForLongTermKey = await signedRequest({ credentials: { ...ALICE, sessionToken: 'stray-token' } });
    expect(await verify(tokenForLongTermKey)).toEqual(failure('UnrecognizedClientException', INVALID_TOKEN));
  });

  it('rejects a request more than 5 minutes old, and accepts one exactly 5 minutes old', async () => {
    const req = await signedRequest();
    expect((await verify(req, new Date(T0.getTime() + 5 * 60_000))).ok).toBe(true);
    expect(await verify(req, new Date(T0.getTime() + 5 * 60_000 + 1000))).toEqual(
      failure('InvalidSignatureException', 'Signature expired: 20240501T120000Z is now earlier than 20240501T120001Z (20240501T120501Z - 5 min.)'),
    );
  });

  it('rejects a request dated more than 5 minutes in the future', async () => {
    const req = await signedRequest();
    expect(await verify(req, new Date(T0.getTime() - 5 * 60_000 - 1000))).toEqual(
      failure('InvalidSignatureException', 'Signature not yet current: 20240501T120000Z is still later than 20240501T115959Z (20240501T115459Z + 5 min.)'),
    );
  });

  it('rejects a credential scoped to another region, naming it', async () => {
    const req = await signedRequest({ region: 'us-west-2' });
    expect(await verify(req)).toEqual(failure('InvalidSignatureException', "Credential should be scoped to a valid region, not 'us-west-2'. "));
  });

  it('rejects a credential scoped to another service, naming the right one', async () => {
    const req = await signedRequest({ service: 'execute-api' });
    expect(await verify(req)).toEqual(failure('InvalidSignatureException', "Credential should be scoped to correct service: 'appsync'. "));
  });

  it('lists every scope problem at once', async () => {
    const req = await signedRequest({ region: 'eu-west-1', service: 'lambda' });
    expect(await verify(req)).toEqual(
      failure('InvalidSignatureException', "Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'appsync'. "),
    );
  });

  it('rejects a credential scope date that is not the x-amz-date day', async () => {
    const req = await signedRequest({ signingDate: new Date('2024-05-01T23:59:00Z') });
    const nextDay = withHeaders(req, (h) => { h['x-amz-date'] = '20240502T000100Z'; });
    expect(await verify(nextDay, new Date('2024-05-02T00:01:00Z'))).toEqual(
      failure('InvalidSignatureException', "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240501' != '20240502', from '20240502T000100Z'. "),
    );
  });

  it('rejects a request whose host header was not signed', async () => {
    const unsigned = await signedRequest({ headers: { host: undefined } });
    expect(authorizationOf(unsigned)).not.toMatch(/SignedHeaders=[^,]*host/);
    const req = withHeaders(unsigned, (h) => { h.host = HOST; });
    expect(await verify(req)).toEqual(failure('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
  });

  it('rejects a request without x-amz-date', async () => {
    const req = withHeaders(await signedRequest(), (h) => { delete h['x-amz-date']; });
    expect(await verify(req)).toEqual(failure('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
  });

  it('rejects an x-amz-date that is not ISO 8601 basic format', async () => {
    const req = withHeaders(await signedRequest(), (h) => { h['x-amz-date'] = '2024-05-01T12:00:00Z'; });
    expect(await verify(req)).toEqual(failure('IncompleteSignatureException', "Date must be in ISO-8601 'basic format'. Got '2024-05-01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"));
  });

  it('rejects a malformed credential or another algorithm', async () => {
    const req = await signedRequest();
    const shortCredential = withHeaders(req, (h) => { h.authorization = String(h.authorization).replace(`/${REGION}/appsync/aws4_request`, '/appsync'); });
    expect(await verify(shortCredential)).toEqual(
      failure('IncompleteSignatureException', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${ALICE.accessKeyId}/20240501/appsync'`),
    );
    const otherAlgorithm = withHeaders(req, (h) => { h.authorization = String(h.authorization).replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256'); });
    expect(await verify(otherAlgorithm)).toEqual(failure('IncompleteSignatureException', "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'"));
  });

  it('rejects an Authorization header missing its parameters, listing each', async () => {
    const req = await signedRequest();
    const noSignature = withHeaders(req, (h) => { h.authorization = String(h.authorization).replace(/,\s*Signature=[0-9a-f]+/, ''); });
    expect(await verify(noSignature)).toEqual(failure('IncompleteSignatureException', "Authorization header requires 'Signature' parameter."));

    const bare = withHeaders(req, (h) => { h.authorization = 'AWS4-HMAC-SHA256'; delete h['x-amz-date']; });
    expect(await verify(bare)).toEqual(
      failure(
        'IncompleteSignatureException',
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      ),
    );
  });
});

/** SigV4 written out from AWS's documented algorithm, without smithy, as aws4-style signers do it. */
function handSign(credentials: LocalCredentials, amzDate: string, headers: Array<[string, string]>, body: string): string {
  const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
  const canonical = headers
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = canonical.map(([name]) => name).join(';');
  const canonicalRequest = ['POST', '/graphql', '', ...canonical.map(([name, value]) => `${name}:${value}`), '', signedHeaders, sha256(body)].join('\n');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${REGION}/appsync/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = ['appsync', 'aws4_request'].reduce((k, part) => hmac(k, part), hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), REGION));
  const signature = hmac(key, stringToSign).toString('hex');
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
}
