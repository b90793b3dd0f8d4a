import type { Config } from '../config.ts';
import type { images } from '../db/schema/index.ts';
import { imageUrl } from '../public/urls.ts';
import type { ImageView } from './schema.ts';

/** The API view of an image row. */
export function presentImage(config: Config, row: typeof images.$inferSelect): ImageView {
  return {
    id: row.id,
    url: imageUrl(config, row.id, 'original'),
    shareUrl: imageUrl(config, row.id, 'share'),
    width: row.width,
    height: row.height,
    altText: row.altText,
  };
}
