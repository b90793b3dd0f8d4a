import { Button, Checkbox, Group, Paper, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import { WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEvent, webhooksKey } from './types';

/** Create (answers the secret, shown once by the caller) or change an endpoint. */
export function EndpointForm({ endpoint, onCreated, onDone }: { endpoint?: WebhookEndpoint; onCreated?: (created: WebhookEndpoint & { secret: string }) => void; onDone?: () => void }) {
  const { t } = useTranslation('webhooks');
  const queryClient = useQueryClient();
  const headingId = useId();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(endpoint?.events ?? []);
  const [active, setActive] = useState(endpoint?.active ?? true);
  const save = useMutation({
    mutationFn: () => {
      const json = { url: url.trim(), description: description.trim(), events, active };
      return endpoint
        ? api<WebhookEndpoint>(`/api/v1/webhooks/${endpoint.id}`, { method: 'PATCH', json })
        : api<WebhookEndpoint & { secret: string }>('/api/v1/webhooks', { method: 'POST', json });
    },
    meta: { inlineError: true },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: webhooksKey });
      if (endpoint) {
        showSuccess(t('actions.saved'));
        onDone?.();
      } else {
        setUrl('');
        setDescription('');
        setEvents([]);
        onCreated?.(saved as WebhookEndpoint & { secret: string });
      }
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id={headingId}>
            {endpoint ? t('form.edit') : t('form.new')}
          </Title>
          <TextInput label={t('form.url')} description={t('form.urlHelp')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} required type="url" maxLength={2000} placeholder="https://" />
          <Textarea label={t('form.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={500} autosize minRows={1} />
          <Checkbox.Group label={t('form.events')} description={t('form.eventsHelp')} value={events} onChange={(value) => setEvents(value as WebhookEvent[])} withAsterisk>
            <Stack gap="xs" mt="xs">
              {WEBHOOK_EVENTS.map((name) => (
                <Checkbox key={name} value={name} label={`${t(`events.${name}`)} (${name})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          {endpoint ? <Switch label={t('form.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> : null}
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={url.trim() === '' || events.length === 0}>
              {endpoint ? t('form.save') : t('form.create')}
            </Button>
            {onDone && endpoint ? (
              <Button variant="default" onClick={onDone}>
                {t('form.cancel')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
