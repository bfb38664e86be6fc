/** The file formats an image post exports to (render/image-export.ts), and their file extensions. */
export const imageFormats = ['jpeg', 'png', 'webp', 'avif'] as const;
export type ImageFormat = (typeof imageFormats)[number];
export const imageExtensions: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

/**
 * The qualities the export tries, best first, until a file fits its size limit (render/image-export.ts). AVIF's
 * scale runs lower than JPEG's for the same look. PNG is lossless: one try (null). A file written below the first
 * was stepped down to fit.
 */
export function qualitySteps(format: ImageFormat): (number | null)[] {
  switch (format) {
    case 'jpeg':
    case 'webp':
      return [92, 86, 80, 74, 68, 62, 56, 50, 44, 38];
    case 'avif':
      return [70, 62, 55, 48, 42, 36, 30];
    case 'png':
      return [null];
  }
}
