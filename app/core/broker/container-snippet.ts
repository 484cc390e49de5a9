// `sso-tray export P --tool container --shell S`: the lines that point a shell
// at the broker's container endpoint. Pure; quoting and per-shell syntax are
// the export snippets' own (app/core/export/snippets.ts).
//
// Both token variables are set: AWS CLI releases before 2.14 read only
// AWS_CONTAINER_AUTHORIZATION_TOKEN; newer botocore and the JS SDK prefer the
// _FILE one when both are set. What would win over the endpoint is cleared:
// static keys, AWS_PROFILE / AWS_DEFAULT_PROFILE (a profile is resolved before
// the container provider), and AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (botocore
// and the JS SDK take it before the full URI).

import type { ExportShell } from '../../shared/api';
import {
  clearVariableLines,
  setVariableLine,
  STATIC_KEY_VARIABLES,
  type Snippet,
} from '../export/snippets';

export interface ContainerSnippetInput {
  readonly shell: ExportShell;
  /** containerCredentialsUrl(endpoint, profile) */
  readonly url: string;
  readonly token: string;
  readonly tokenFile: string;
}

const OVERRIDING_VARIABLES = [
  ...STATIC_KEY_VARIABLES,
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
] as const;

export function buildContainerSnippet(input: ContainerSnippetInput): Snippet {
  const { shell, url, token, tokenFile } = input;
  // A .env cannot unset: empty static keys count as unset for botocore and the
  // SDKs, but an empty AWS_PROFILE or relative URI would be used as they are.
  const clearing =
    shell === 'dotenv'
      ? [
          '# AWS_PROFILE, AWS_DEFAULT_PROFILE and AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must not be set: they win over this endpoint.',
          ...clearVariableLines(shell, STATIC_KEY_VARIABLES),
        ]
      : clearVariableLines(shell, OVERRIDING_VARIABLES);
  const setting = [
    setVariableLine(shell, 'AWS_CONTAINER_CREDENTIALS_FULL_URI', url),
    setVariableLine(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN', token),
    setVariableLine(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', tokenFile),
  ];
  return {
    text: [...clearing, ...setting].map((line) => `${line}\n`).join(''),
    secrets: [token],
    expiresAt: null,
  };
}
