// Byte preservation as a property, over the parser corpus, the editor's own
// awkward fixtures and generated files full of CRLF/LF mixes, BOMs, stray bytes,
// comments, indented lines and missing final newlines:
//   - appending: the original bytes are the result with the added sections
//     removed (they are a prefix; the rest is only line breaks and our sections);
//   - pruning: the result is the input with exactly the pruned sections removed
//     (plus at most one blank line each), nothing else, in order.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editConfig } from '../../../app/core/config/edit/edit-config';
import {
  GENERATED_MARKER,
  isWritableProfileName,
  type ProfileSectionSpec,
} from '../../../app/core/config/edit/profile-section';
import { readAsJsSdk } from '../../../app/core/config/js-reader';
import { readAsBotocore } from '../../../app/core/config/python-reader';

const SEED = 20_260_107;
const RUNS = 300;

const corpusDirs = ['../../fixtures/config', '../../fixtures/config-edit'].map((d) =>
  path.resolve(__dirname, d),
);
const corpus = corpusDirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ini'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(path.join(dir, f)))),
);

const asciiText = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const line = fc.oneof(
  fc.tuple(fc.constantFrom('#', ';', '  #', '\t; '), asciiText).map(([a, b]) => a + b),
  fc.constantFrom('', ' ', '\t', '  \t '),
  fc.constantFrom(
    '[profile dev]',
    '[sso-session my-sso]',
    '[default]',
    '[DEFAULT]',
    '[services s]',
    '[profile "my prof"]',
    '  [profile indented]',
    '[profile gen-a]',
    GENERATED_MARKER,
  ),
  fc.constantFrom(
    'region = us-east-1',
    'region = eu-west-1 # inline',
    'sso_session = my-sso',
    'sso_account_id = 111111111111',
    'sso_role_name = ReadOnly',
    'Region: ap-south-1',
    's3 =',
    '  max_concurrent_requests = 10',
    '    continued value',
  ),
  // Raw bytes that are not UTF-8 (or not text at all), without a line feed.
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((b) => Buffer.from(b.filter((x) => x !== 0x0a)).toString('latin1')),
);
const eol = fc.constantFrom('\n', '\r\n', '\n', '\r\n', '\r');

const generatedFile = fc
  .record({
    bom: fc.boolean(),
    lines: fc.array(fc.tuple(line, eol), { maxLength: 25 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, lines, finalNewline }) => {
    let binary = (bom ? '\xef\xbb\xbf' : '') + lines.map(([l, e]) => l + e).join('');
    if (!finalNewline) binary = binary.replace(/(\r\n|\r|\n)$/, '');
    return new Uint8Array(Buffer.from(binary, 'latin1'));
  });

// Lines a user adds after our sections: starting with a blank line, a comment
// or a new section (anything else would make our last section no longer ours).
const userLinesAfter = fc
  .tuple(
    fc.constantFrom('', '\n', '# next: prod\n', '\t; note\r\n', '\n# next\n'),
    fc.option(fc.array(fc.tuple(line, eol), { maxLength: 6 })),
  )
  .map(
    ([first, rest]) =>
      first + (rest ? `[profile user-added]\n${rest.map(([l, e]) => l + e).join('')}` : ''),
  );

const original = fc.oneof(fc.constantFrom(...corpus), generatedFile);

// Names that appear nowhere in the originals above, so removal finds exactly ours.
const addedSpecs = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/), { minLength: 1, maxLength: 5 })
  .chain((suffixes) =>
    fc.tuple(
      ...suffixes.map((suffix) =>
        fc.record({
          name: fc.constant(`zz-${suffix}`),
          session: fc.constantFrom('my-sso', 'corp', 'café'),
          accountId: fc.stringMatching(/^\d{12}$/),
          roleName: fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,20}$/),
          region: fc.constantFrom(null, 'us-east-1', 'eu-central-2'),
          output: fc.constantFrom(null, 'json', 'yaml-stream'),
        }),
      ),
    ),
  )
  .map((specs) => specs.filter((s) => isWritableProfileName(s.name)) as ProfileSectionSpec[]);

const eolOf = (bytes: Uint8Array) => {
  const binary = Buffer.from(bytes).toString('latin1');
  const lf = binary.indexOf('\n');
  return lf > 0 && binary[lf - 1] === '\r' ? '\r\n' : '\n';
};

const rendered = (spec: ProfileSectionSpec, e: string) =>
  [
    `[profile ${spec.name}]`,
    GENERATED_MARKER,
    `sso_session = ${spec.session}`,
    `sso_account_id = ${spec.accountId}`,
    `sso_role_name = ${spec.roleName}`,
    ...(spec.region ? [`region = ${spec.region}`] : []),
    ...(spec.output ? [`output = ${spec.output}`] : []),
  ]
    .map((l) => l + e)
    .join('');

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const linesOf = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('latin1')
    .match(/[^\n]*\n|[^\n]+$/g) ?? [];

const keysOf = (reading: ReturnType<typeof readAsBotocore>, name: string) =>
  Object.fromEntries([...(reading.profiles.get(name)?.keys ?? [])].map(([k, v]) => [k, v.value]));

describe('config edits keep every byte they do not own', () => {
  it('appending: original = result with the added sections removed', () => {
    fc.assert(
      fc.property(original, addedSpecs, (before, specs) => {
        const after = editConfig(before, { add: specs, remove: [] }).bytes;
        // Every original byte is still there, in place.
        expect(Buffer.from(after.subarray(0, before.length))).toEqual(Buffer.from(before));
        // What follows is only line breaks and exactly our sections, in the file's line ending.
        const e = eolOf(before);
        const tail = Buffer.from(after.subarray(before.length)).toString('utf8');
        const sections = tail.replace(/^(\r?\n)*/, '');
        expect(['', e, e + e]).toContain(tail.slice(0, tail.length - sections.length));
        expect(sections).toBe(specs.map((s) => rendered(s, e)).join(e));
        // Read on their own, those sections are exactly the planned profiles in both readers.
        for (const reading of [readAsBotocore(sections), readAsJsSdk(sections)]) {
          expect([...reading.profiles.keys()].sort()).toEqual(specs.map((s) => s.name).sort());
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('appending to a file both tools read: every old profile reads the same, every new one as planned', () => {
    const readable = original.filter((bytes) => {
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      return (
        !text.includes('\ufffd') && readAsBotocore(text).accepted && readAsJsSdk(text).accepted
      );
    });
    fc.assert(
      fc.property(readable, addedSpecs, (before, specs) => {
        const oldText = Buffer.from(before).toString('utf8');
        const newText = Buffer.from(editConfig(before, { add: specs, remove: [] }).bytes).toString(
          'utf8',
        );
        for (const read of [readAsBotocore, readAsJsSdk]) {
          const old = read(oldText);
          const now = read(newText);
          expect(now.accepted).toBe(true);
          for (const name of old.profiles.keys())
            expect(keysOf(now, name)).toEqual(keysOf(old, name));
          for (const spec of specs) {
            expect(keysOf(now, spec.name)).toMatchObject({
              sso_session: spec.session,
              sso_account_id: spec.accountId,
              sso_role_name: spec.roleName,
            });
          }
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('pruning removes exactly the pruned sections and keeps everything else in order', () => {
    fc.assert(
      fc.property(
        original,
        addedSpecs,
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        userLinesAfter,
        (before, specs, pick, suffix) => {
          // The user may have written more after our sections since.
          const withAdded = Buffer.concat([
            editConfig(before, { add: specs, remove: [] }).bytes,
            Buffer.from(suffix, 'latin1'),
          ]);
          const pruned = specs.filter((_, i) => pick[i]);
          if (pruned.length === 0) return;
          const after = editConfig(withAdded, { add: [], remove: pruned.map((s) => s.name) }).bytes;
          // A BOM stays first; compare the lines after it.
          const hasBom = (b: Uint8Array) => Buffer.from(b).subarray(0, 3).equals(BOM);
          expect(hasBom(after)).toBe(hasBom(withAdded));
          const input = linesOf(withAdded.subarray(hasBom(withAdded) ? 3 : 0));
          const output = linesOf(after.subarray(hasBom(after) ? 3 : 0));
          // The output is the input with some lines taken out, nothing changed or moved.
          const removed: string[] = [];
          let j = 0;
          for (const l of input) {
            if (j < output.length && output[j] === l) j++;
            else removed.push(l);
          }
          expect(j).toBe(output.length);
          // Those lines are the pruned sections plus at most one blank line each.
          const e = eolOf(before);
          const expected = pruned.flatMap((s) => linesOf(Buffer.from(rendered(s, e), 'utf8')));
          const blank = removed.filter((l) => /^[ \t]*\r?\n$/.test(l));
          expect(removed.filter((l) => !blank.includes(l)).sort()).toEqual(expected.sort());
          expect(blank.length).toBeLessThanOrEqual(pruned.length);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
