import { hasRole, isPerson, type Policy, type SignedIn } from '../auth/context.ts';

/** Editors, admins and any person submitting a story upload images: every signed-in person. */
export const canUploadImage: Policy = isPerson;

/** Route-level gate for editing an image; the service then applies canEditImage to the row. */
export const canEditImages: Policy = isPerson;

/** The uploader, an editor or an admin may change an image's alt text. */
export const canEditImage = (auth: SignedIn, image: { uploadedBy: string | null }): boolean =>
  hasRole(auth, 'editor', 'admin') || (auth.personId !== null && auth.personId === image.uploadedBy);
