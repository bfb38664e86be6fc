/** Types for scripts/build-cli.mjs. */
export declare function buildCli(opts?: { ifStale?: boolean; log?: (line: string) => void }): Promise<boolean>;
