/**
 * AppSync's scalars, validated on input (literals and variables) and serialized on output as
 * the service documents them (AppSync developer guide, "Scalar types in AWS AppSync").
 */
import { isIP } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DATE = '(-?\\d{4,})-(\\d{2})-(\\d{2})';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?';
const ZONE = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const AWS_DATE = new RegExp(`^${DATE}${ZONE}?$`);
const AWS_TIME = new RegExp(`^${TIME}${ZONE}?$`);
const AWS_DATE_TIME = new RegExp(`^${DATE}T${TIME}${ZONE}$`);
// local@domain, as RFC 822 addresses are in practice (no spaces, one @, a dotted or bare domain).
const AWS_EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+$/;
const AWS_PHONE = /^\+?\d[\d\s-]*\d$/;
const TIMESTAMP_MIN = -31557014167219200;
// AppSync's maximum is 31556889864403199, past 2^53: JS compares with its nearest double.
const TIMESTAMP_MAX = 31556889864403200;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
const validTime = (h: string, m: string, s?: string) => Number(h) < 24 && Number(m) < 60 && (s === undefined || Number(s) < 60);

export const isAWSDate = (v: string) => {
  const m = AWS_DATE.exec(v);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
};
export const isAWSTime = (v: string) => {
  const m = AWS_TIME.exec(v);
  return m !== null && validTime(m[1], m[2], m[3]);
};
export const isAWSDateTime = (v: string) => {
  const m = AWS_DATE_TIME.exec(v);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3])) && validTime(m[4], m[5], m[6]);
};
export const isAWSEmail = (v: string) => AWS_EMAIL.test(v);
export const isAWSPhone = (v: string) => AWS_PHONE.test(v) && v.replace(/\D/g, '').length >= 3;
export const isAWSIPAddress = (v: string) => {
  const [address, cidr, ...rest] = v.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (cidr === undefined) return true;
  return /^\d{1,3}$/.test(cidr) && Number(cidr) <= (family === 4 ? 32 : 128);
};
export const isAWSURL = (v: string) => {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(v);
  if (!scheme) return false;
  try {
    const url = new URL(v);
    // AppSync rejects `//` inside the path (e.g. http://example.com//x).
    return !url.pathname.includes('//');
  } catch {
    return false;
  }
};

function stringScalar(name: string, valid: (v: string) => boolean, description: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)}`);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: check,
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`Invalid ${name} value: expected a string literal`, { nodes: ast });
      return check(ast.value);
    },
  });
}

function timestamp(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < TIMESTAMP_MIN || value > TIMESTAMP_MAX) {
    throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
  }
  return value;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') throw new GraphQLError(`Invalid AWSJSON value: expected a JSON string`);
  try {
    return JSON.parse(value);
  } catch {
    throw new GraphQLError(`Invalid AWSJSON value: ${JSON.stringify(value)} is not valid JSON`);
  }
}

export const appSyncScalars: Record<string, GraphQLScalarType> = {
  AWSDate: stringScalar('AWSDate', isAWSDate, 'Extended ISO 8601 date: YYYY-MM-DD with an optional zone.'),
  AWSTime: stringScalar('AWSTime', isAWSTime, 'Extended ISO 8601 time: hh:mm[:ss[.sss]] with an optional zone.'),
  AWSDateTime: stringScalar('AWSDateTime', isAWSDateTime, 'Extended ISO 8601 date and time with a required zone.'),
  AWSEmail: stringScalar('AWSEmail', isAWSEmail, 'An email address (RFC 822).'),
  AWSURL: stringScalar('AWSURL', isAWSURL, 'A URL with a scheme (RFC 1738).'),
  AWSPhone: stringScalar('AWSPhone', isAWSPhone, 'A phone number; digit groups may be separated by spaces or hyphens.'),
  AWSIPAddress: stringScalar('AWSIPAddress', isAWSIPAddress, 'An IPv4 or IPv6 address, optionally with a CIDR suffix.'),
  AWSTimestamp: new GraphQLScalarType({
    name: 'AWSTimestamp',
    description: 'Seconds since 1970-01-01T00:00Z.',
    serialize: timestamp,
    parseValue: timestamp,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.INT) throw new GraphQLError('Invalid AWSTimestamp value: expected an integer', { nodes: ast });
      return timestamp(Number(ast.value));
    },
  }),
  AWSJSON: new GraphQLScalarType({
    name: 'AWSJSON',
    description: 'A JSON string; resolvers receive it parsed.',
    // Objects a resolver returns are serialized to a JSON string; strings are taken as JSON already.
    serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
    parseValue: parseJson,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError('Invalid AWSJSON value: expected a JSON string', { nodes: ast });
      return parseJson(ast.value);
    },
  }),
};
