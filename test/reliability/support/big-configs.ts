// Huge and pathological ~/.aws/config files: the hostile-files test checks they
// are read without a throw, the benchmark (scripts/bench) times them.

/** A valid session at the top of every file, which must survive whatever follows. */
export const VALID_SESSION =
  '[sso-session good]\nsso_start_url = https://good.awsapps.com/start\nsso_region = us-east-1\n';

export interface BigConfig {
  readonly what: string;
  readonly make: () => Buffer;
}

export const BIG_CONFIGS: readonly BigConfig[] = [
  {
    what: 'a 10 MB file of profiles',
    make: () =>
      Buffer.from(
        `${VALID_SESSION}\n[profile p]\nregion = x\n${Array.from(
          { length: 400_000 },
          (_, i) => `[profile p${i}]\nregion = us-east-1\n`,
        )
          .join('')
          .slice(0, 10_000_000)}`,
      ),
  },
  {
    what: 'one 10 MB line',
    make: () => Buffer.from(`${VALID_SESSION}region_${'x'.repeat(10_000_000)} = 1\n`),
  },
  {
    what: 'a 10 MB value',
    make: () => Buffer.from(`${VALID_SESSION}[profile big]\nregion = ${'y'.repeat(10_000_000)}\n`),
  },
  {
    what: '100k indented continuation lines',
    make: () => Buffer.from(`${VALID_SESSION}[profile deep]\ns3 =\n${'  k = v\n'.repeat(100_000)}`),
  },
  {
    what: '10k empty and duplicate sections',
    make: () => Buffer.from(`${VALID_SESSION}${'[profile d]\n[]\n[ ]\n'.repeat(10_000)}`),
  },
  {
    what: 'UTF-16 with a BOM',
    make: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID_SESSION, 'utf16le')]),
  },
];
