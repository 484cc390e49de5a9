// Why a snippet could not be built, as a machine code plus one sentence.

import { CoreError } from '../errors/core-error';

export type SnippetErrorCode = 'unsafe-value' | 'missing-credentials' | 'unsupported-target';

export class SnippetError extends CoreError<SnippetErrorCode> {
  constructor(code: SnippetErrorCode, message: string) {
    super(code, message);
    this.name = 'SnippetError';
  }
}
