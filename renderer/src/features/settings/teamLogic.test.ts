import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelIds, type ChannelId, type User } from '../../../../electron/model/post';
import { aloneIn, channelsToSend, oneTimeLink, teamOrder } from './teamLogic';

const u = (id: string, name: string, role: User['role'], disabled = false): User => ({ id, name, role, disabled, login: id, approverChannels: null });

describe('oneTimeLink', () => {
  it('puts the token in the fragment (never sent to a server, never in its logs)', () => {
    expect(oneTimeLink('https://studio.example:8443', 'invite', 'abc_DEF-123')).toBe('https://studio.example:8443/#invite=abc_DEF-123');
    expect(oneTimeLink('http://127.0.0.1:5000/', 'reset', 'tok')).toBe('http://127.0.0.1:5000/#reset=tok');
  });
});

describe('teamOrder', () => {
  it('lists me first, the disabled last, then by role and name', () => {
    const users = [u('c2', 'Zoe', 'creator'), u('d', 'Dan', 'admin', true), u('a', 'Ana', 'approver'), u('me', 'Mia', 'creator'), u('c1', 'Bo', 'creator'), u('o', 'Olga', 'admin')];
    expect(teamOrder(users, 'me').map((x) => x.id)).toEqual(['me', 'o', 'a', 'c1', 'c2', 'd']);
  });
  it('keeps every person exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.uuid(), name: fc.string(), role: fc.constantFrom<User['role'][]>('creator', 'approver', 'admin'), disabled: fc.boolean() })), (list) => {
        const sorted = teamOrder(list, list[0]?.id ?? null);
        expect(sorted.map((x) => x.id).sort()).toEqual(list.map((x) => x.id).sort());
        if (list.length) expect(sorted[0]!.id).toBe(list[0]!.id);
      }),
    );
  });
});

describe('channelsToSend', () => {
  it('sends channels only for approvers, in the app’s channel order', () => {
    expect(channelsToSend('approver', new Set<ChannelId>(['x', 'tiktok']))).toEqual(['tiktok', 'x']);
    expect(channelsToSend('creator', new Set<ChannelId>(['x']))).toBeNull();
    expect(channelsToSend('admin', new Set<ChannelId>(['x']))).toBeNull();
  });
  it('none ticked or all ticked is every channel (null)', () => {
    expect(channelsToSend('approver', new Set())).toBeNull();
    expect(channelsToSend('approver', new Set(channelIds))).toBeNull();
  });
});

describe('aloneIn', () => {
  it('is true only when nobody else is listed', () => {
    expect(aloneIn([u('me', 'Mia', 'admin')], 'me')).toBe(true);
    expect(aloneIn([u('me', 'Mia', 'admin'), u('b', 'Bo', 'creator', true)], 'me')).toBe(false);
  });
});
