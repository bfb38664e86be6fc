import { describe, expect, it } from 'vitest';
import { can, permissions, requirePermission } from './permissions';
import { Role } from './post';

describe('permissions', () => {
  it('lets only admins change the policy, add users, change delivery settings, edit brand kits, back up and manage speech models; reviewers review', () => {
    for (const p of Object.keys(permissions) as (keyof typeof permissions)[]) {
      expect(Role.options.filter((r) => can(r, p)), p).toEqual(p === 'posts.review' ? ['approver', 'admin'] : ['admin']);
    }
  });

  it('refuses other roles with an unauthorized error that names who may', () => {
    const creator = { id: 'c', name: 'Cleo', role: 'creator' as const };
    expect(() => requirePermission(creator, 'delivery.settings')).toThrow(expect.objectContaining({ code: 'unauthorized', message: expect.stringMatching(/^Only an admin can change where posts are delivered/) }));
    const admin = { id: 'a', name: 'Ada', role: 'admin' as const };
    expect(requirePermission(admin, 'delivery.settings')).toBe(admin);
    for (const role of ['creator', 'approver'] as const) {
      expect(() => requirePermission({ ...creator, role }, 'models.manage')).toThrow(
        expect.objectContaining({ code: 'unauthorized', message: 'Only an admin can download, add, remove or choose speech-recognition models (Settings → Captions models). Ask an admin to do it, or to change your role.' }),
      );
    }
    expect(requirePermission(admin, 'models.manage')).toBe(admin);
    expect(() => requirePermission(creator, 'kits.edit')).toThrow(expect.objectContaining({ code: 'unauthorized', message: 'Only an admin can change brand kits. Ask an admin to do it, or to change your role.' }));
  });
});
