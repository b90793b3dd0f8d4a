import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListQueryStatus, Page } from '../../app/page';
import { notifySuccess } from '../../lib/notify';
import { type NudgeTemplate, useTemplates, useUpdateTemplate } from './nudges-api';
import { NudgesSubnav } from './nudges-subnav';
import { NUDGE_TEMPLATE_NEW_PAGE, nudgeTemplatePage } from './paths';

function TemplateCard({ template }: { template: NudgeTemplate }) {
  const { t, i18n } = useTranslation('nudges');
  const update = useUpdateTemplate();
  const language = i18n.resolvedLanguage === 'nl' ? 'nl' : 'en';
  const text = template.texts[language];
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`template-${template.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={`template-${template.id}`}>
            <Anchor component={Link} to={nudgeTemplatePage(template.id)}>
              {text.subject}
            </Anchor>
          </Title>
          <Switch
            checked={template.enabled}
            label={template.enabled ? t('templates.on') : t('templates.off')}
            aria-label={t('templates.toggle', { name: text.subject })}
            disabled={update.isPending}
            onChange={(event) =>
              update.mutate(
                { id: template.id, changes: { enabled: event.currentTarget.checked } },
                { onSuccess: (saved) => notifySuccess(saved.enabled ? t('templates.switchedOn') : t('templates.switchedOff')) },
              )
            }
          />
        </Group>
        <Text size="sm">{text.body}</Text>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="blue">
            {t(`triggers.${template.trigger}`)}
          </Badge>
          <Badge variant="light" color="gray">
            {t(`channels.${template.channel}`)}
          </Badge>
          {template.personas.map((persona) => (
            <Badge key={persona} variant="outline" color="grape">
              {t(`personas.${persona}`)}
            </Badge>
          ))}
          <Text size="xs" c="gray.8">
            {t('templates.holdout', { percent: template.holdoutPercent })} · <code>{template.key}</code>
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

/** `/admin/nudges`: the nudge templates, with their on/off switch; the persona-aware defaults appear on first visit. */
export default function TemplatesPage() {
  const { t } = useTranslation('nudges');
  const templates = useTemplates();
  const items = templates.data?.items ?? [];
  return (
    <Page
      title={t('templates.title')}
      width={1000}
      actions={
        <Button component={Link} to={NUDGE_TEMPLATE_NEW_PAGE} mih={44}>
          {t('templates.new')}
        </Button>
      }
    >
      <NudgesSubnav />
      <Text>{t('templates.intro')}</Text>
      <ListQueryStatus query={templates} summary={t('templates.shown', { count: items.length })} />
      <Stack gap="sm">
        {items.map((template) => (
          <TemplateCard key={template.id} template={template} />
        ))}
      </Stack>
    </Page>
  );
}
