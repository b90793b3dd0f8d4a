import { persons, type Scenario } from './types.ts';

/** A 4×4 PNG: the smallest upload that is a real image. */
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWMwTjsDRwzEcQA64hZR6ypPHQAAAABJRU5ErkJggg==', 'base64');

/** The images domain: upload (any signed-in person) and alt text (uploader, editor or admin; others get 403 from the service). */
export const imageRoutes: Record<string, Scenario> = {
  'POST /api/v1/images': { allowed: persons, contentType: 'image/png', body: () => tinyPng },
  'PATCH /api/v1/images/:id': { allowed: persons, body: () => ({ altText: 'A colleague at work' }) },
};
