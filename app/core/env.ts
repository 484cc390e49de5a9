/** The environment variables the core reads (its own copy, not necessarily process.env). */
export type Env = Readonly<Record<string, string | undefined>>;
