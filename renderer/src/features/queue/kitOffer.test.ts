import { describe, expect, it } from 'vitest';
import { channelLimits } from '../../../../electron/model/channels';
import { appendTag, hashtagRoom, kitTagChips, withDisclaimer } from './kitOffer';

describe('kit hashtags in the composer', () => {
  it('room is the tightest cap of the channels and the policy, less the tags typed in the caption and listed', () => {
    const content = { caption: 'New drop #spring', hashtags: ['sale'] };
    const xCap = channelLimits.x.text.hashtagMax;
    expect(hashtagRoom([], null, content)).toBeNull();
    expect(hashtagRoom([], { hashtagCap: 5 }, content)).toBe(3);
    expect(hashtagRoom([], { hashtagCap: 1 }, content)).toBe(0);
    if (xCap != null) expect(hashtagRoom(['x'], { hashtagCap: 100 }, content)).toBe(Math.max(0, xCap - 2));
  });

  it('offers the kit tags the post lacks (any case, caption or list); none can be added when the cap is reached', () => {
    const content = { caption: 'Hi #Acme', hashtags: ['launch'] };
    expect(kitTagChips(['acme', 'Launch', 'brand', 'ok'], content, 1)).toEqual([{ tag: 'brand', canAdd: true }, { tag: 'ok', canAdd: true }]);
    expect(kitTagChips(['brand'], content, 0)).toEqual([{ tag: 'brand', canAdd: false }]);
    expect(kitTagChips(['brand'], content, null)).toEqual([{ tag: 'brand', canAdd: true }]);
  });

  it('appends a tag to the field and the disclaimer to the caption once, on its own line', () => {
    expect(appendTag('', 'acme')).toBe('#acme');
    expect(appendTag('#a  ', 'acme')).toBe('#a #acme');
    expect(withDisclaimer('Great day  \n', '#ad Paid partnership')).toBe('Great day\n\n#ad Paid partnership');
    expect(withDisclaimer('', '#ad Paid')).toBe('#ad Paid');
    expect(withDisclaimer('x\n\n#ad Paid', '#ad Paid')).toBe('x\n\n#ad Paid');
    expect(withDisclaimer('x', '   ')).toBe('x');
  });
});
