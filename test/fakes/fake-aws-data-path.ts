// An AWS_DATA_PATH directory for the AWS CLI v2 2.9.19, which ignores
// AWS_ENDPOINT_URL_*: an endpoint rule set for `sso` and `sso-oidc` whose single
// rule sends every request to the fake (aws-sso-protocol.md section 10).

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

/** Creates the directory and returns its path; the caller removes it. */
export function createAwsDataPath(url: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-idc-data-'));
  for (const service of ['sso', 'sso-oidc']) {
    const versionDir = path.join(dir, service, '2019-06-10');
    mkdirSync(versionDir, { recursive: true });
    writeFileSync(
      path.join(versionDir, 'endpoint-rule-set-1.json'),
      JSON.stringify(endpointRuleSet(url), null, 2),
    );
  }
  return dir;
}
