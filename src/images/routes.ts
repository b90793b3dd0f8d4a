import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { t } from '../i18n/index.ts';
import { canEditImages, canUploadImage } from './policy.ts';
import { imageParams, imageSchema, imageTypes, MAX_IMAGE_BYTES, updateImageBody, uploadQuery } from './schema.ts';
import { mediaTypeOf, readImageFile, updateImageAltText, uploadImage } from './service.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const expectedTypes = Object.keys(imageTypes).join(', ');

/**
 * The upload's own errors: Fastify's body-size and media-type errors name the app-wide limit and
 * JSON, which would tell an uploader the wrong thing.
 */
function uploadErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: string, message: string) => reply.code(status).send({ error: { code, message } });
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, 'image_too_large', t(request.language, 'error.payload_too_large', { limit: '10 MB' }));
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_TYPE') {
    return send(415, 'unsupported_image_type', t(request.language, 'error.image_type', { type: mediaTypeOf(request.headers['content-type']) || 'none' }));
  }
  throw error;
}

/** Images: upload (JPEG/PNG/WebP, ≤ 10 MB) with a derived 1200×627 share image; public files by id. */
export async function imageRoutes(app: App, ctx: AppContext): Promise<void> {
  app.addContentTypeParser(Object.keys(imageTypes), { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES + 1 }, (_request, body, done) => done(null, body));

  app.post('/api/v1/images', {
    config: { policy: canUploadImage },
    // One byte over the limit still reaches the handler, which answers with the image's own message.
    bodyLimit: MAX_IMAGE_BYTES + 1,
    errorHandler: uploadErrorHandler,
    schema: {
      tags: ['images'],
      summary: `Upload an image (raw body, Content-Type ${expectedTypes}, at most 10 MB and 40 megapixels)`,
      querystring: uploadQuery,
      response: { 201: imageSchema, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
    },
    handler: async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const view = await uploadImage(ctx, request.auth, { bytes, mediaType: mediaTypeOf(request.headers['content-type']), altText: request.query.alt });
      return reply.code(201).send(view);
    },
  });

  app.patch('/api/v1/images/:id', {
    config: { policy: canEditImages },
    schema: { tags: ['images'], summary: 'Change the alt text of an image (its uploader, an editor or an admin)', params: imageParams, body: updateImageBody, response: { 200: imageSchema, ...errorResponses } },
    handler: async (request) => updateImageAltText(ctx, request.auth, request.params.id, request.body.altText),
  });

  for (const variant of ['original', 'share'] as const) {
    app.get(`/images/:id/${variant}`, {
      config: { policy: 'public' },
      schema: { hide: true, params: z.object({ id: z.string() }) },
      handler: async (request, reply) => {
        const file = uuidPattern.test(request.params.id) ? await readImageFile(ctx, request.params.id, variant) : null;
        if (!file) throw new AppError(404, 'image_not_found', 'error.not_found', { what: request.params.id });
        return reply
          .header('cache-control', 'public, max-age=31536000, immutable')
          // Feeds and the embed widget show these images on other sites.
          .header('cross-origin-resource-policy', 'cross-origin')
          .type(file.mediaType)
          .send(file.bytes);
      },
    });
  }
}
