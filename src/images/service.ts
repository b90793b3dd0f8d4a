import { eq } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { images } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { canEditImage } from './policy.ts';
import { presentImage } from './presenter.ts';
import { type ImageType, type ImageView, imageTypes, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, SHARE_HEIGHT, SHARE_WIDTH } from './schema.ts';
import { S3StorageError } from '../storage/s3.ts';
import { storageFor } from './storage.ts';

type ImageRow = typeof images.$inferSelect;

const isImageType = (type: string): type is ImageType => type in imageTypes;

/** The media type of a Content-Type header without parameters, lower-cased. */
export const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Width and height as the image is shown: EXIF orientations 5–8 turn it a quarter. */
function displaySize(meta: Metadata): { width: number; height: number } {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

/** Checks that the bytes are a JPEG, PNG or WebP image of the declared type, within the size limits. */
async function inspect(bytes: Buffer, mediaType: string): Promise<{ type: ImageType; width: number; height: number }> {
  if (!isImageType(mediaType)) throw new AppError(415, 'unsupported_image_type', 'error.image_type', { type: mediaType || 'none' });
  if (bytes.length === 0) throw new AppError(400, 'image_empty', 'error.image_empty');
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError(413, 'image_too_large', 'error.payload_too_large', { limit: '10 MB' });
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError(415, 'image_unreadable', 'error.image_unreadable', { type: mediaType });
  }
  if (meta.format !== imageTypes[mediaType].format) throw new AppError(415, 'image_unreadable', 'error.image_unreadable', { type: mediaType });
  const { width, height } = displaySize(meta);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(413, 'image_too_many_pixels', 'error.image_too_many_pixels', { megapixels: Math.round((width * height) / 1e6), limit: MAX_IMAGE_PIXELS / 1e6 });
  }
  return { type: mediaType, width, height };
}

/** The 1200×627 link-preview JPEG: turned upright, cropped to what draws the eye, without metadata. */
export async function deriveShareImage(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .resize(SHARE_WIDTH, SHARE_HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}

/**
 * The original as it will be served: turned upright and re-encoded in its own format, which drops
 * EXIF metadata such as the GPS position a phone writes into a photo.
 */
async function withoutMetadata(bytes: Buffer, type: ImageType): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  const format = imageTypes[type].format;
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ quality: 90 }).toBuffer();
  return image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
}

/** Stores an upload (without its metadata) and its share image, and records it. */
export async function uploadImage(ctx: AppContext, auth: Auth, input: { bytes: Buffer; mediaType: string; altText?: string }): Promise<ImageView> {
  const { type, width, height } = await inspect(input.bytes, input.mediaType);
  let share: Buffer;
  let original: Buffer;
  try {
    share = await deriveShareImage(input.bytes);
    original = await withoutMetadata(input.bytes, type);
  } catch {
    // The header was readable but the pixels are not (a truncated file).
    throw new AppError(415, 'image_unreadable', 'error.image_unreadable', { type });
  }
  const id = uuidv7();
  const originalKey = `images/${id}/original.${imageTypes[type].extension}`;
  const shareKey = `images/${id}/share.jpg`;
  const storage = storageFor(ctx.config);
  await unlessStorageFails(ctx, async () => {
    await storage.put(originalKey, original);
    await storage.put(shareKey, share);
  });
  const [row] = await ctx.database.db
    .insert(images)
    .values({ id, originalKey, shareKey, mimeType: type, width, height, bytes: original.length, altText: input.altText ?? '', uploadedBy: auth.kind === 'anonymous' ? null : auth.personId, createdAt: ctx.clock.now() })
    .returning();
  if (!row) throw new Error('image insert returned nothing');
  return presentImage(ctx.config, row);
}

/** An S3 bucket that refuses or cannot be reached is a 503 a person can act on (try again), logged for the operator. */
async function unlessStorageFails<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof S3StorageError)) throw error;
    ctx.log.error({ err: error }, 'image storage failed');
    throw new AppError(503, 'storage_unavailable', 'error.storage_unavailable');
  }
}

async function getImageRow(ctx: AppContext, id: string): Promise<ImageRow> {
  const [row] = await ctx.database.db.select().from(images).where(eq(images.id, id)).limit(1);
  if (!row) throw notFound('image_not_found', id);
  return row;
}

/** Changes an image's alt text (its uploader, an editor or an admin). */
export async function updateImageAltText(ctx: AppContext, auth: Auth, id: string, altText: string): Promise<ImageView> {
  const row = await getImageRow(ctx, id);
  if (auth.kind === 'anonymous' || !canEditImage(auth, row)) throw new AppError(403, 'forbidden', 'error.forbidden');
  const [updated] = await ctx.database.db.update(images).set({ altText }).where(eq(images.id, id)).returning();
  if (!updated) throw notFound('image_not_found', id);
  return presentImage(ctx.config, updated);
}

/** The bytes and type of an image variant, or null for an unknown id. */
export async function readImageFile(ctx: AppContext, id: string, variant: 'original' | 'share'): Promise<{ bytes: Buffer; mediaType: string } | null> {
  const [row] = await ctx.database.db
    .select({ originalKey: images.originalKey, shareKey: images.shareKey, mimeType: images.mimeType })
    .from(images)
    .where(eq(images.id, id))
    .limit(1);
  if (!row) return null;
  const bytes = await unlessStorageFails(ctx, () => storageFor(ctx.config).get(variant === 'original' ? row.originalKey : row.shareKey));
  if (!bytes) return null;
  return { bytes, mediaType: variant === 'original' ? row.mimeType : 'image/jpeg' };
}
