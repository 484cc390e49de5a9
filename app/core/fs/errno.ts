/** The `code` of a Node file-system error (`ENOENT`, `EACCES`...), if it has one. */
export const errnoCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;
