/**
 * JSON Schema (draft-07) of a JSON Feed 1.1 document, written from https://jsonfeed.org/version/1.1:
 * required members, their types, URL and RFC 3339 date shapes, and "content_html or content_text".
 */
const url = { type: 'string', pattern: '^https?://[^\\s]+$' };
const rfc3339 = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' };
const author = {
  type: 'object',
  minProperties: 1,
  properties: { name: { type: 'string' }, url, avatar: url },
};
const attachment = {
  type: 'object',
  required: ['url', 'mime_type'],
  properties: { url, mime_type: { type: 'string' }, title: { type: 'string' }, size_in_bytes: { type: 'number' }, duration_in_seconds: { type: 'number' } },
};
const item = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 1 },
    url,
    external_url: url,
    title: { type: 'string' },
    content_html: { type: 'string' },
    content_text: { type: 'string' },
    summary: { type: 'string' },
    image: url,
    banner_image: url,
    date_published: rfc3339,
    date_modified: rfc3339,
    authors: { type: 'array', items: author },
    tags: { type: 'array', items: { type: 'string' } },
    language: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$' },
    attachments: { type: 'array', items: attachment },
  },
  anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
};

export const jsonFeedSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string', minLength: 1 },
    home_page_url: url,
    feed_url: url,
    description: { type: 'string' },
    user_comment: { type: 'string' },
    next_url: url,
    icon: url,
    favicon: url,
    authors: { type: 'array', items: author },
    language: { type: 'string' },
    expired: { type: 'boolean' },
    hubs: { type: 'array', items: { type: 'object', required: ['type', 'url'], properties: { type: { type: 'string' }, url } } },
    items: { type: 'array', items: item },
  },
} as const;
