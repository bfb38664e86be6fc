// wawoff2 ships no types: the part Postframe uses (media/woff2.ts).
declare module 'wawoff2' {
  export function decompress(input: Uint8Array): Promise<Uint8Array>;
}
