// Python's json.dumps output, byte for byte, for the flat values the AWS CLI
// writes: default separators ", " and ": ", ensure_ascii (every character
// outside printable ASCII as a lower-case \uXXXX escape), optional sort_keys.

export type PyJsonValue = string | number | boolean | null | readonly PyJsonValue[] | PyJsonObject;
export interface PyJsonObject {
  readonly [key: string]: PyJsonValue | undefined;
}

function pyString(value: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters the way
  // Python does; Python also escapes DEL and everything non-ASCII.
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function pythonJsonDumps(value: PyJsonValue, options: { sortKeys?: boolean } = {}): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('pythonJsonDumps: only finite numbers');
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v: PyJsonValue) => pythonJsonDumps(v, options)).join(', ')}]`;
  }
  const object = value as PyJsonObject;
  let keys = Object.keys(object).filter((k) => object[k] !== undefined);
  // Python sorts by code point; JS's default sort compares UTF-16 units (same for the BMP).
  if (options.sortKeys) keys = keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${pyString(k)}: ${pythonJsonDumps(object[k]!, options)}`).join(', ')}}`;
}
