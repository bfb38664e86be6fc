import { describe, expect, it } from 'vitest';
import { screenFrom } from './screenMemory';

describe('screenFrom', () => {
  const kept = (user: string, screen: string) => JSON.stringify({ user, screen });

  it('is the room kept for this person', () => {
    expect(screenFrom(kept('u1', 'editor'), 'u1')).toBe('editor');
    expect(screenFrom(kept('u1', 'queue'), 'u1')).toBe('queue');
  });

  it('is nothing for another person signed in in the same tab, a value that is no room, or no JSON', () => {
    expect(screenFrom(kept('u1', 'editor'), 'u2')).toBeNull();
    for (const screen of ['', 'Editor', 'trash', '__proto__', 'editor ']) expect(screenFrom(kept('u1', screen), 'u1')).toBeNull();
    for (const raw of [null, '', 'editor', '{', '[]', 'null', '{"user":"u1"}']) expect(screenFrom(raw, 'u1')).toBeNull();
  });
});
