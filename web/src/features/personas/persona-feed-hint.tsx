import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonaFeedHint as Hint } from './personas-types';

/**
 * The feed's persona hint (the feed response's optional `persona` field): says once, above the
 * cards, why the order is adapted, with the invitations that go with it. Renders nothing without a hint.
 * @example <PersonaFeedHint hint={feed.data?.pages[0]?.persona} />
 */
export function PersonaFeedHint({ hint }: { hint: Hint | null | undefined }) {
  const { t } = useTranslation('personas');
  if (!hint) return null;
  return (
    <Alert color="blue" variant="light" role="note">
      <Stack gap="xs">
        <Text size="sm">{t(`feedHint.${hint.profile}`)}</Text>
        {hint.invitations.length > 0 ? (
          <Group gap="sm">
            {hint.invitations.map((invitation) => (
              <Button key={invitation.key} component={Link} to={invitation.path} variant="default" size="sm" mih={44}>
                {t(`feedHint.${invitation.key}`)}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
