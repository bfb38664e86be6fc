/** Types for scripts/check-layers.mjs (a dependency-free Node script). */
export type Violation = { file: string; spec: string; rule: string };
export type SourceFile = { path: string; source: string };
export declare const NODE_BUILTINS: Set<string>;
export declare const RENDERER_PACKAGES: string[];
export declare const RULES: Record<
  string,
  { rooms: string[]; node: boolean; packages: string[] | '*'; electron?: boolean; repoFiles?: boolean; files?: string[]; note: string }
>;
export declare function roomOf(file: string): string | null;
export declare function scanSource(source: string): { code: string; bare: string; templates: Map<number, { text: string; substituted: boolean }> };
export declare function stripComments(source: string): string;
export declare function opaqueLoads(source: string): { spec: string }[];
export declare function extractImports(source: string): { spec: string; typeOnly: boolean }[];
export declare function packageName(spec: string): string;
export declare function resolveRelative(fromFile: string, spec: string, fileSet: Set<string>): string;
export declare function checkLayers(files: SourceFile[]): Violation[];
export declare function listSourceFiles(root: string): string[];
