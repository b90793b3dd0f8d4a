import { Button, FileInput, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api, query } from '../../lib/api';
import type { HeroImage, UploadedImage } from './stories-api';

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 10 * 1024 * 1024;

/** Uploads a hero image (raw body) and shows its 1200×627 share image with the alt text. */
export function HeroImageField({
  value,
  onChange,
}: {
  value: HeroImage | null;
  onChange: (image: HeroImage | null) => void;
}) {
  const { t } = useTranslation('editorial');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (selected: File) =>
      api<UploadedImage>(`/api/v1/images${query({ alt: value?.altText ?? '' })}`, {
        method: 'POST',
        body: selected,
        contentType: selected.type,
      }),
    onSuccess: (image) => {
      onChange({ id: image.id, url: image.url, shareUrl: image.shareUrl, altText: image.altText });
      setFile(null);
    },
    meta: { inlineError: true },
  });

  const onFile = (selected: File | null) => {
    setFile(selected);
    setFileError(null);
    if (!selected) return;
    if (!ACCEPTED_TYPES.includes(selected.type)) {
      setFileError(t('editor.image.wrongType'));
      return;
    }
    if (selected.size > MAX_BYTES) {
      setFileError(t('editor.image.tooLarge'));
      return;
    }
    upload.mutate(selected);
  };

  return (
    <Stack gap="sm">
      <FileInput
        label={value ? t('editor.image.replace') : t('editor.image.upload')}
        description={t('editor.image.help')}
        accept={ACCEPTED_TYPES.join(',')}
        value={file}
        onChange={onFile}
        error={fileError}
        clearable={false}
        disabled={upload.isPending}
      />
      <Text role="status" aria-live="polite" size="sm">
        {upload.isPending ? t('editor.image.uploading') : ''}
      </Text>
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      {value ? (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('editor.image.sharePreview')}
          </Text>
          <Image
            src={value.shareUrl}
            alt={value.altText}
            maw={480}
            radius="sm"
            style={{ aspectRatio: '1200 / 627' }}
          />
          <TextInput
            label={t('editor.image.altText')}
            description={t('editor.image.altTextHelp')}
            value={value.altText}
            onChange={(event) => onChange({ ...value, altText: event.currentTarget.value })}
          />
          <Group>
            <Button variant="default" color="red" onClick={() => onChange(null)}>
              {t('editor.image.remove')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
