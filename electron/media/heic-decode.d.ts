// heic-decode ships no types: the part Postframe uses (media/heic.ts).
declare module 'heic-decode' {
  type Decoded = { width: number; height: number; data: Uint8ClampedArray };
  function decode(input: { buffer: Uint8Array }): Promise<Decoded>;
  export default decode;
}
