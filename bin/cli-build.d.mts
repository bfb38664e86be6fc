/** Types for bin/cli-build.mjs (plain JavaScript: the bin runs it before anything is compiled). */
export declare const CLI_DIR: string;
export declare const ENTRY: string;
export declare const MANIFEST: string;
export declare const BUILD_COMMAND: string;
export declare function cliBuildState(root: string): { state: 'fresh' } | { state: 'missing' } | { state: 'stale'; changed: string };
