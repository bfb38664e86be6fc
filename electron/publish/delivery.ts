import path from 'node:path';
import { type ChannelId, type Post, contentFor } from '../model/post';
import { writtenCaption } from '../model/post-text';

/**
 * A delivery is one post to one channel, at one revision of the post. Its id is stable
 * (`${postId}:${channel}:${revision}`) so the same content is recognised as the same delivery after a crash,
 * by the folder connector (post.json) and by a webhook receiver (the Idempotency-Key header).
 */
export interface DeliveryPost {
  title: string;
  channel: ChannelId;
  /** The caption as the channel gets it (contentFor: the post's caption with the channel's override). */
  caption: string;
  hashtags: string[];
  mentions: string[];
  firstComment: string;
  link: string | null;
  sponsored: boolean;
  /** UTC instant or null (unscheduled: "export now"). */
  scheduledAt: string | null;
  /** IANA zone the post was scheduled in; the folder's date is the local date there. */
  timeZone: string;
}

export interface Delivery {
  deliveryId: string;
  postId: string;
  revision: number;
  post: DeliveryPost;
  /** The exported MP4 or image (a carousel: its first page). */
  mediaPath: string;
  /** An image post's pages in order (one for a single image); null for a video. */
  images: string[] | null;
  /** A JPEG. */
  coverPath: string;
  /** A carousel sent as one PDF document (LinkedIn document posts): its page count, and `mediaPath` is the PDF. */
  documentPages: number | null;
  /**
   * Caption files (SRT) that go beside the video, for channels that take them (model/caption-sidecar.ts): each
   * written at render time into the post's render folder, with the name it gets beside the media.
   */
  captions: DeliveredCaption[];
}

export type DeliveredCaption = { path: string; fileName: string; language: string; name: string };

/**
 * What one attempt came to. Only 'retry' may be sent again without a person deciding. A retry says what happened
 * (`cause`, a clause: "hooks.example.com refused the connection") and what a person does if the retries run out
 * (`fix`, a sentence), so the words can say "will try again" while it will, and "stopped" once it has.
 */
export type DeliveryOutcome =
  | { state: 'delivered'; status: number | null; message: string | null }
  | { state: 'retry'; status: number | null; cause: string; fix: string; retryAfterMs: number | null }
  | { state: 'unknown'; status: null; error: string }
  | { state: 'failed'; status: number | null; error: string };

type Retry = Extract<DeliveryOutcome, { state: 'retry' }>;

/** A retry's words while another attempt is coming. (The cause may start with a host name: never capitalised.) */
export function retryingText(o: Pick<Retry, 'cause'>): string {
  return `Not delivered yet: ${o.cause}. Postframe will try again.`;
}

/** A retry's words once the attempts ran out: what happened and what to do, never "will try again". */
export function gaveUpText(attempts: number, o: Pick<Retry, 'cause' | 'fix'>): string {
  return `Postframe tried ${attempts} ${attempts === 1 ? 'time' : 'times'} and stopped: ${o.cause}. ${o.fix}`;
}

export type ConnectorKind = 'folder' | 'webhook';

export interface Connector {
  readonly kind: ConnectorKind;
  send(delivery: Delivery): Promise<DeliveryOutcome>;
}

export function deliveryIdFor(postId: string, channel: ChannelId, revision: number): string {
  return `${postId}:${channel}:${revision}`;
}

/** Builds the delivery of `post` to `channel` from the post model (per-channel overrides applied). */
export function deliveryFor(
  post: Pick<Post, 'id' | 'title' | 'content' | 'targets' | 'sponsored' | 'scheduledAt' | 'timeZone'>,
  channel: ChannelId,
  revision: number,
  files: { mediaPath: string; coverPath: string; images?: string[] | null; documentPages?: number | null; captions?: DeliveredCaption[] },
): Delivery {
  const c = contentFor(post, channel);
  return {
    deliveryId: deliveryIdFor(post.id, channel, revision),
    postId: post.id,
    revision,
    post: {
      title: post.title,
      channel,
      caption: c.caption,
      hashtags: c.hashtags,
      mentions: c.mentions,
      firstComment: c.firstComment,
      link: c.link,
      sponsored: post.sponsored,
      scheduledAt: post.scheduledAt,
      timeZone: post.timeZone,
    },
    mediaPath: files.mediaPath,
    images: files.images ?? null,
    coverPath: files.coverPath,
    documentPages: files.documentPages ?? null,
    captions: files.captions ?? [],
  };
}

/**
 * The text a person pastes into the channel: the channel's written caption (caption, then the hashtags and
 * @mentions it does not already contain; model/post-text.ts, the same text the composer checks), then the link.
 * What caption.txt holds.
 */
export function captionText(post: Pick<DeliveryPost, 'caption' | 'hashtags' | 'mentions' | 'link'>): string {
  const parts = [writtenCaption({ ...post, caption: post.caption.trim() }), post.link ?? ''].filter((p) => p.length > 0);
  return parts.join('\n\n') + '\n';
}

/** `01.jpg`, `02.jpg`, … (two digits at least, so sorting by name keeps the page order). */
export function imageFileNames(images: readonly string[]): string[] {
  const width = Math.max(2, String(images.length).length);
  return images.map((p, i) => `${String(i + 1).padStart(width, '0')}${path.extname(p).toLowerCase() || '.bin'}`);
}

/** The media's name in a delivery: `document.pdf` for a document post, else `media.<ext>`. */
export function mediaFileName(d: Pick<Delivery, 'mediaPath' | 'documentPages'>): string {
  return d.documentPages != null ? 'document.pdf' : `media${path.extname(d.mediaPath).toLowerCase() || '.bin'}`;
}

export type DeliveryFiles = {
  media: string;
  cover: string;
  images?: string[];
  document?: { file: string; pages: number };
  /** Caption files beside the video (only when some go). */
  captions?: { file: string; language: string; name: string; format: 'srt' }[];
};

/** The files both connectors name in the metadata: the media (a carousel: its pages; a document: the PDF), the cover, and caption files. */
export function deliveryFiles(d: Delivery): DeliveryFiles {
  if (d.images) {
    const images = imageFileNames(d.images);
    return { media: images[0]!, cover: 'cover.jpg', images };
  }
  const media = mediaFileName(d);
  const files: DeliveryFiles = d.documentPages != null ? { media, cover: 'cover.jpg', document: { file: media, pages: d.documentPages } } : { media, cover: 'cover.jpg' };
  if (d.captions.length > 0) files.captions = d.captions.map((c) => ({ file: c.fileName, language: c.language, name: c.name, format: 'srt' }));
  return files;
}

/** The metadata both connectors write (post.json / the webhook's `metadata` part). */
export function deliveryMetadata(d: Delivery, files: DeliveryFiles): Record<string, unknown> {
  return {
    schema: 'postframe.delivery/1',
    deliveryId: d.deliveryId,
    postId: d.postId,
    revision: d.revision,
    ...d.post,
    captionText: captionText(d.post),
    files,
  };
}
