// The bytes the real STS puts on the wire for the query protocol: `text/xml`
// answers in the 2011-06-15 namespace, errors as <ErrorResponse><Error> with
// Type/Code/Message, the request id in `x-amzn-RequestId`. The JS SDK's
// AwsQueryProtocol and botocore's QueryParser both read the code from <Code>.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

import type { ServerResponse } from 'node:http';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** STS errors: code -> [HTTP status, fault type]. */
export const STS_ERRORS = {
  AccessDenied: [403, 'Sender'],
  ExpiredToken: [400, 'Sender'],
  IncompleteSignature: [400, 'Sender'],
  InternalFailure: [500, 'Receiver'],
  InvalidAction: [400, 'Sender'],
  InvalidClientTokenId: [403, 'Sender'],
  MissingAuthenticationToken: [403, 'Sender'],
  RegionDisabledException: [403, 'Sender'],
  SignatureDoesNotMatch: [403, 'Sender'],
  Throttling: [400, 'Sender'],
  ValidationError: [400, 'Sender'],
} as const satisfies Record<string, readonly [number, 'Sender' | 'Receiver']>;

export type StsErrorCode = keyof typeof STS_ERRORS;

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

function send(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  res.end(xml);
}

export function sendStsError(
  res: ServerResponse,
  code: string,
  message: string,
  status?: number,
): void {
  const known = STS_ERRORS[code as StsErrorCode];
  const requestId = crypto.randomUUID();
  const xml =
    `<ErrorResponse xmlns="${NAMESPACE}">\n` +
    `  <Error>\n` +
    `    <Type>${known?.[1] ?? 'Sender'}</Type>\n` +
    `    <Code>${escapeXml(code)}</Code>\n` +
    `    <Message>${escapeXml(message)}</Message>\n` +
    `  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `</ErrorResponse>\n`;
  send(res, status ?? known?.[0] ?? 400, xml, requestId);
}

/** `<Action>Response><Action>Result>…` with the given inner XML. */
export function sendStsResult(res: ServerResponse, action: string, resultXml: string): void {
  const requestId = crypto.randomUUID();
  const xml =
    `<${action}Response xmlns="${NAMESPACE}">\n` +
    `  <${action}Result>\n${resultXml}` +
    `  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`;
  send(res, 200, xml, requestId);
}

/** ISO 8601 without milliseconds, as STS writes `Expiration`. */
export const stsTimestamp = (epochMs: number) =>
  new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
