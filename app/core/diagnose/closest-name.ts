// "Did you mean ...?" for profile names: same name in another case, or a small typo.

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

const distanceOf = (wanted: string, name: string) =>
  name.toLowerCase() === wanted.toLowerCase() ? 0 : editDistance(wanted, name);

/** How far a name may be from what was typed and still be what was meant. */
const limitFor = (wanted: string) => Math.max(2, Math.floor(wanted.length / 3));

export function closestName(wanted: string, names: Iterable<string>): string | null {
  return closestNames(wanted, names, 1)[0] ?? null;
}

/** Up to `count` names close enough to `wanted`, closest first (ties in the given order). */
export function closestNames(wanted: string, names: Iterable<string>, count: number): string[] {
  const limit = limitFor(wanted);
  return [...new Set(names)]
    .map((name, index) => ({ name, index, distance: distanceOf(wanted, name) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.name);
}
