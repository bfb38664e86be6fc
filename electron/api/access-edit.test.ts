import { describe, expect, it } from 'vitest';
import type { Role } from '../model/post';
import { access, EDIT_DRAFTS, mayCallAtAll } from './access';

// Reverse and freeze frame start media work for an edit: whoever may not save drafts may not start them either.
describe('the media calls an edit needs', () => {
  it('follow drafts.save for every role', () => {
    for (const name of ['reverse.start', 'freezeFrame.make'] as const) {
      expect(access[name], name).toBe(EDIT_DRAFTS);
      expect(access['drafts.save']).toBe(EDIT_DRAFTS);
      for (const role of ['creator', 'approver', 'admin'] as const satisfies readonly Role[]) {
        const user = { id: 'u', name: 'U', role };
        expect(mayCallAtAll(user, name).ok, `${role} ${name}`).toBe(mayCallAtAll(user, 'drafts.save').ok);
      }
    }
  });
});
