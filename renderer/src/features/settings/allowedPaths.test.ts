import { describe, expect, it } from 'vitest';
import { examplePathIn } from './allowedPaths';

describe('examplePathIn', () => {
  it('joins with the folder’s own separator', () => {
    expect(examplePathIn('/srv/team', 'Library')).toBe('/srv/team/Library');
    expect(examplePathIn('/srv/team/', 'Library')).toBe('/srv/team/Library');
    expect(examplePathIn('D:\\Team', 'Deliveries')).toBe('D:\\Team\\Deliveries');
  });
});
