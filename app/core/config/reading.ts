// The shape both config readers produce: what one AWS tool sees in ~/.aws/config.

export interface KeyReading {
  /** A plain value, or a nested block (`s3 =` followed by indented `k = v` lines). */
  readonly value: string | Readonly<Record<string, string>>;
  /** 1-based line of the `key = value` line. */
  readonly line: number;
}

export interface SectionReading {
  /** 1-based line of the section header. */
  readonly line: number;
  readonly keys: ReadonlyMap<string, KeyReading>;
}

export interface ReadingError {
  readonly message: string;
  readonly line: number | null;
}

/** How one tool (botocore / the AWS CLI, or the JS SDK) reads a config file. */
export interface ConfigReading {
  /** False when the tool rejects the whole file (botocore's ConfigParseError). */
  readonly accepted: boolean;
  readonly errors: readonly ReadingError[];
  readonly profiles: ReadonlyMap<string, SectionReading>;
  readonly ssoSessions: ReadonlyMap<string, SectionReading>;
}

export function plainValue(key: KeyReading | undefined): string | undefined {
  return typeof key?.value === 'string' ? key.value : undefined;
}
