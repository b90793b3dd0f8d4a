import { z } from 'zod';
import { text } from '../http/text.ts';

/** The image types Podium accepts, with the sharp format each must really be and the stored extension. */
export const imageTypes = {
  'image/jpeg': { format: 'jpeg', extension: 'jpg' },
  'image/png': { format: 'png', extension: 'png' },
  'image/webp': { format: 'webp', extension: 'webp' },
} as const;
export type ImageType = keyof typeof imageTypes;

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;
/** The link-preview size LinkedIn, Facebook and X all crop well from. */
export const SHARE_WIDTH = 1200;
export const SHARE_HEIGHT = 627;

export const imageSchema = z
  .object({
    id: z.uuid(),
    url: z.string().describe('Absolute URL of the original'),
    shareUrl: z.string().describe('Absolute URL of the 1200×627 JPEG share image'),
    width: z.number().int(),
    height: z.number().int(),
    altText: z.string(),
  })
  .meta({ id: 'Image' });
export type ImageView = z.infer<typeof imageSchema>;

export const uploadQuery = z.object({ alt: text().max(500).optional().describe('Alt text describing the image') });
export const updateImageBody = z.object({ altText: text().max(500) });
export const imageParams = z.object({ id: z.uuid() });
