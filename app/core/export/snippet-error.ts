// Why a snippet could not be built, as a machine code plus one sentence.

export type SnippetErrorCode = 'unsafe-value' | 'missing-credentials' | 'unsupported-target';

export class SnippetError extends Error {
  constructor(
    readonly code: SnippetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnippetError';
  }
}
