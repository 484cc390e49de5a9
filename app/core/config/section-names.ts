// Section headers both AWS readers skip without a word: `[profile my dev]`.
// botocore splits the header on whitespace and keeps only two-part names; the
// JS SDK's header pattern has no room for a space. The profile silently does
// not exist, so say where and how to write it.

import type { Problem } from '../../shared/model';
import { splitUniversalLines } from './python-reader';

const UNQUOTED_WITH_SPACE = /^\s*\[\s*(profile|sso-session)\s+([^\]"']*\S\s+\S[^\]"']*?)\s*\]\s*$/;

export function unquotedNameProblems(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  splitUniversalLines(text).forEach((line, index) => {
    if (!line.includes('[')) return;
    const match = UNQUOTED_WITH_SPACE.exec(line);
    if (!match) return;
    const [, kind, name] = match as unknown as [string, string, string];
    const quoted = `[${kind} "${name}"]`;
    problems.push({
      code: 'config-name-needs-quotes',
      severity: 'warning',
      message: `[${kind} ${name}] is ignored by the AWS CLI and the JS SDK: a name with a space needs quotes, ${quoted} (the AWS CLI reads that; the JS SDK reads no quoted names), or a name without spaces.`,
      file,
      line: index + 1,
      fix: [quoted],
    });
  });
  return problems;
}
