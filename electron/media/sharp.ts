import type SharpModule from 'sharp';

export type Sharp = typeof SharpModule;

let loading: Promise<Sharp> | null = null;

/**
 * sharp, loaded on first use. Loading it (libvips) costs about as much as starting Node, and most commands
 * never draw a pixel (`postframe search`, the queue commands), so nothing imports it at start-up; the CLI build
 * refuses an entry that loads it eagerly (scripts/build-cli.mjs).
 */
export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
