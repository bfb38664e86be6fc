import path from 'node:path';
import { GOOD_DIR } from '../../../scripts/fixtures';
import { type Delivery, type DeliveryPost, deliveryIdFor } from '../delivery';

/** Test deliveries over the generated fixtures (a real H.264 clip and a real JPEG). */
export const FIXTURE_MEDIA = path.join(GOOD_DIR, 'blue-clip.mp4');
export const FIXTURE_COVER = path.join(GOOD_DIR, 'beach-sunset.jpg');

export function testDelivery(postId: string, overrides: Partial<DeliveryPost> = {}, revision = 1): Delivery {
  const post: DeliveryPost = {
    title: 'Kesän jäätelö: uusi maku',
    channel: 'instagram_reel',
    caption: 'Uusi maku on täällä #kesä',
    hashtags: ['kesä', 'jäätelö'],
    mentions: ['postframe'],
    firstComment: '',
    link: null,
    sponsored: false,
    scheduledAt: '2026-06-01T06:00:00.000Z',
    timeZone: 'Europe/Helsinki',
    ...overrides,
  };
  return { deliveryId: deliveryIdFor(postId, post.channel, revision), postId, revision, post, mediaPath: FIXTURE_MEDIA, images: null, coverPath: FIXTURE_COVER, documentPages: null, captions: [] };
}
