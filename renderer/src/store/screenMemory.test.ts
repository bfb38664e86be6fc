import { describe, expect, it } from 'vitest';
import { screenFrom } from './screenMemory';

describe('screenFrom', () => {
  it('is a room by its name, and nothing for anything else', () => {
    expect(screenFrom('editor')).toBe('editor');
    expect(screenFrom('queue')).toBe('queue');
    for (const raw of [null, '', 'Editor', 'trash', '__proto__', 'editor ']) expect(screenFrom(raw)).toBeNull();
  });
});
