import { Button, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A chart's figures as the API's CSV file, for the same filters (the server names the file). */
export function CsvLink({ href, name }: { href: string; name: string }) {
  const { t } = useTranslation('analytics');
  return (
    <Button component="a" href={href} download variant="default" size="xs" mih={44}>
      {t('csv.download')}
      <VisuallyHidden> {t('csv.of', { name })}</VisuallyHidden>
    </Button>
  );
}
