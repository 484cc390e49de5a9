// How hard the reliability suite tries. `npm test` runs it at scale 1 (fits CI);
// `npm run test:reliability` sets RELIABILITY_SCALE=10.
export const SCALE = Math.max(1, Number(process.env.RELIABILITY_SCALE ?? 1));
export const runs = (base: number) => Math.round(base * SCALE);
/** Fixed seed so every failure replays; override with RELIABILITY_SEED. */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20261128);
