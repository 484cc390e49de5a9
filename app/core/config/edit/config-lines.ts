// A config file as raw lines. Each line is a "binary" string (one character per
// byte, latin1) that keeps its terminator, so an edit can keep every byte it does
// not change, whatever the file's encoding: a stray non-UTF-8 byte stays that
// byte, CRLF stays CRLF, a missing final newline stays missing.

export type Eol = '\n' | '\r\n';

export const UTF8_BOM = '\xef\xbb\xbf';

export function bytesToBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function binaryToBytes(binary: string): Uint8Array {
  return Buffer.from(binary, 'latin1');
}

/** Text we write (UTF-8) as a binary string. */
export function utf8ToBinary(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A binary string for display: UTF-8, with U+FFFD for bytes that are not. */
export function binaryToDisplay(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}

/** Splits after every `\n`; the last line may lack a terminator. */
export function splitLines(binary: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const newline = binary.indexOf('\n', start);
    if (newline < 0) break;
    lines.push(binary.slice(start, newline + 1));
    start = newline + 1;
  }
  if (start < binary.length) lines.push(binary.slice(start));
  return lines;
}

export const hasTerminator = (line: string): boolean => line.endsWith('\n');

/** The line without its terminator (`\n` or `\r\n`). */
export function lineBody(line: string): string {
  if (line.endsWith('\r\n')) return line.slice(0, -2);
  if (line.endsWith('\n')) return line.slice(0, -1);
  return line;
}

/**
 * The file's line ending: the first line's. A file with only lone CRs gets
 * `\n`, because the JS SDK splits lines on `\n` alone.
 */
export function detectEol(binary: string): Eol {
  const newline = binary.indexOf('\n');
  return newline > 0 && binary[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** A line that only holds spaces or tabs. */
export const isBlankLine = (line: string): boolean => /^[ \t]*$/.test(lineBody(line));

/** A full-line comment as both AWS readers see one (`#` or `;` after optional indentation). */
export const isCommentLine = (line: string): boolean => /^[ \t]*[#;]/.test(lineBody(line));
