// An AWS_DATA_PATH directory for the AWS CLI v2 2.9.19, which ignores
// AWS_ENDPOINT_URL_*: an endpoint rule set for `sso` and `sso-oidc` (and `sts`
// when asked) whose single rule sends every request to the fake.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PARAMETERS = {
  Region: { builtIn: 'AWS::Region', required: false, type: 'String' },
  UseDualStack: { builtIn: 'AWS::UseDualStack', required: true, default: false, type: 'Boolean' },
  UseFIPS: { builtIn: 'AWS::UseFIPS', required: true, default: false, type: 'Boolean' },
  Endpoint: { builtIn: 'SDK::Endpoint', required: false, type: 'String' },
};

export function endpointRuleSet(url: string): object {
  return {
    version: '1.0',
    parameters: PARAMETERS,
    rules: [
      {
        conditions: [],
        endpoint: { url, properties: {}, headers: {} },
        type: 'endpoint',
      },
    ],
  };
}

/**
 * Creates the directory and returns its path; the caller removes it. With
 * `stsUrl` (the fake STS), `sts` requests go there too.
 */
export function createAwsDataPath(url: string, options: { stsUrl?: string } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-idc-data-'));
  const services: [string, string, string][] = [
    ['sso', '2019-06-10', url],
    ['sso-oidc', '2019-06-10', url],
  ];
  if (options.stsUrl) services.push(['sts', '2011-06-15', options.stsUrl]);
  for (const [service, version, serviceUrl] of services) {
    const versionDir = path.join(dir, service, version);
    mkdirSync(versionDir, { recursive: true });
    writeFileSync(
      path.join(versionDir, 'endpoint-rule-set-1.json'),
      JSON.stringify(endpointRuleSet(serviceUrl), null, 2),
    );
  }
  return dir;
}
