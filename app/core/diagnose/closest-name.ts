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

export function closestName(wanted: string, names: Iterable<string>): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const distance = name.toLowerCase() === wanted.toLowerCase() ? 0 : editDistance(wanted, name);
    if (best === null || distance < best.distance) best = { name, distance };
  }
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return best !== null && best.distance <= limit ? best.name : null;
}
