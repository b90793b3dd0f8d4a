import { eq } from 'drizzle-orm';
import { images } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

registerPersonalData({
  key: 'images.uploads',
  tables: ['images'],
  description: 'Who uploaded an image. The image itself stays (published stories show it); erasure removes the uploader.',
  export: (tx, subject) =>
    tx
      .select({ id: images.id, mimeType: images.mimeType, width: images.width, height: images.height, altText: images.altText, createdAt: images.createdAt })
      .from(images)
      .where(eq(images.uploadedBy, subject.id)),
  async erase(tx, subject) {
    await tx.update(images).set({ uploadedBy: null }).where(eq(images.uploadedBy, subject.id));
  },
});
