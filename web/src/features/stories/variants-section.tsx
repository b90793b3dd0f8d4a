import { Alert, Badge, Button, Fieldset, Group, Stack, Tabs, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { measureShareText } from './share-limits';
import {
  type Audience,
  type Story,
  SUGGESTION_NETWORKS,
  type SuggestionNetwork,
  storiesKey,
  storyKey,
  storyPath,
  type Variant,
} from './stories-api';

/** The unsaved state of one audience's variant form. */
interface VariantDraft {
  headline: string;
  teaser: string;
  suggestions: SuggestionDraft[];
}

interface SuggestionDraft {
  /** A key for React only; suggestions have no stable identity while being edited. */
  key: number;
  network: SuggestionNetwork;
  text: string;
}

function isSuggestionNetwork(value: string): value is SuggestionNetwork {
  return (SUGGESTION_NETWORKS as readonly string[]).includes(value);
}

/** Per active audience: headline, teaser and suggested share texts per network, saved per audience. */
export function VariantsSection({ story, audiences }: { story: Story; audiences: Audience[] }) {
  const { t } = useTranslation('editorial');
  const active = audiences.filter(
    (audience) => audience.active || story.variants.some((variant) => variant.audience.key === audience.key),
  );
  const missing = active.filter(
    (audience) => audience.active && !story.variants.some((variant) => variant.audience.key === audience.key),
  );
  const nextKey = useRef(0);
  const newSuggestion = (network: SuggestionNetwork, text: string): SuggestionDraft => ({
    key: nextKey.current++,
    network,
    text,
  });
  const savedDraft = (audienceKey: string): VariantDraft => {
    const variant = story.variants.find((candidate) => candidate.audience.key === audienceKey);
    return {
      headline: variant?.headline ?? '',
      teaser: variant?.teaser ?? '',
      suggestions: variant
        ? variant.suggestions.flatMap((suggestion) =>
            isSuggestionNetwork(suggestion.network) ? [newSuggestion(suggestion.network, suggestion.text)] : [],
          )
        : // A new variant starts with one LinkedIn text: LinkedIn is where most sharing happens.
          [newSuggestion('linkedin', '')],
    };
  };
  // Drafts live here, not in the tab panels, so switching tabs keeps unsaved edits.
  const [drafts, setDrafts] = useState<Record<string, VariantDraft>>(() =>
    Object.fromEntries(active.map((audience) => [audience.key, savedDraft(audience.key)])),
  );
  const draftFor = (audienceKey: string): VariantDraft => {
    const draft = drafts[audienceKey];
    if (draft) return draft;
    const fresh = savedDraft(audienceKey);
    setDrafts((all) => ({ ...all, [audienceKey]: fresh }));
    return fresh;
  };
  const first = active[0];
  if (!first) return <Text>{t('variants.noAudiences')}</Text>;

  return (
    <Stack gap="sm">
      <Text>{t('variants.intro')}</Text>
      <div aria-live="polite">
        {missing.length > 0 ? (
          <Alert color="red" variant="light" title={t('variants.missingTitle')}>
            {missing.map((audience) => audience.name).join(', ')}
          </Alert>
        ) : (
          <Text size="sm">{t('variants.allPresent')}</Text>
        )}
      </div>
      <Tabs defaultValue={first.key} keepMounted={false}>
        <Tabs.List aria-label={t('variants.tabsLabel')}>
          {active.map((audience) => (
            <Tabs.Tab
              key={audience.key}
              value={audience.key}
              rightSection={
                missing.includes(audience) ? (
                  <Badge size="xs" color="red" variant="light" tt="none">
                    {t('variants.missingBadge')}
                  </Badge>
                ) : null
              }
            >
              {audience.name}
              {missing.includes(audience) ? <VisuallyHidden>, </VisuallyHidden> : null}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {active.map((audience) => (
          <Tabs.Panel key={audience.key} value={audience.key} pt="md">
            <VariantEditor
              storyId={story.id}
              audience={audience}
              exists={story.variants.some((variant) => variant.audience.key === audience.key)}
              draft={draftFor(audience.key)}
              onDraft={(draft) => setDrafts((all) => ({ ...all, [audience.key]: draft }))}
              onDeleted={() =>
                setDrafts((all) => ({
                  ...all,
                  [audience.key]: { headline: '', teaser: '', suggestions: [newSuggestion('linkedin', '')] },
                }))
              }
              newSuggestion={newSuggestion}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function VariantEditor({
  storyId,
  audience,
  exists,
  draft,
  onDraft,
  onDeleted,
  newSuggestion,
}: {
  storyId: string;
  audience: Audience;
  exists: boolean;
  draft: VariantDraft;
  onDraft: (draft: VariantDraft) => void;
  onDeleted: () => void;
  newSuggestion: (network: SuggestionNetwork, text: string) => SuggestionDraft;
}) {
  const { t } = useTranslation('editorial');
  const queryClient = useQueryClient();
  const { headline, teaser, suggestions } = draft;
  const setSuggestions = (update: (all: SuggestionDraft[]) => SuggestionDraft[]) =>
    onDraft({ ...draft, suggestions: update(suggestions) });
  const [status, setStatus] = useState('');

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: storyKey(storyId) });
    void queryClient.invalidateQueries({ queryKey: storiesKey });
  };
  const variantPath = `${storyPath(storyId)}/variants/${encodeURIComponent(audience.key)}`;

  const save = useMutation({
    mutationFn: () =>
      api<Variant>(variantPath, {
        method: 'PUT',
        json: {
          headline: headline.trim(),
          teaser: teaser.trim(),
          suggestions: suggestions
            .filter((suggestion) => suggestion.text.trim() !== '')
            .map((suggestion) => ({ network: suggestion.network, text: suggestion.text.trim() })),
        },
      }),
    onSuccess: () => {
      // Announced by the status line below the form (no toast: one message, in one place).
      setStatus(t('variants.saved', { audience: audience.name }));
      refresh();
    },
    meta: { inlineError: true },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(variantPath, { method: 'DELETE' }),
    onSuccess: () => {
      setStatus(t('variants.deleted', { audience: audience.name }));
      onDeleted();
      refresh();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    save.mutate();
  };

  const overLimit = suggestions.some((suggestion) => measureShareText(suggestion.network, suggestion.text).overBy > 0);

  return (
    <form onSubmit={onSubmit} aria-label={t('variants.formLabel', { audience: audience.name })}>
      <Stack>
        <TextInput
          label={t('variants.headline')}
          required
          value={headline}
          onChange={(event) => onDraft({ ...draft, headline: event.currentTarget.value })}
        />
        <Textarea
          label={t('variants.teaser')}
          autosize
          minRows={2}
          value={teaser}
          onChange={(event) => onDraft({ ...draft, teaser: event.currentTarget.value })}
        />
        {SUGGESTION_NETWORKS.map((network) => {
          const ofNetwork = suggestions.filter((suggestion) => suggestion.network === network);
          const networkName = t(`network.${network}`);
          return (
            <Fieldset key={network} legend={t('variants.suggestionsFor', { network: networkName })}>
              <Stack gap="sm">
                {ofNetwork.length === 0 ? <Text size="sm">{t('variants.noSuggestions')}</Text> : null}
                {ofNetwork.map((suggestion, index) => {
                  const measured = measureShareText(network, suggestion.text);
                  const label = t('variants.suggestionLabel', { network: networkName, number: index + 1 });
                  return (
                    <Stack key={suggestion.key} gap={4}>
                      <Textarea
                        label={label}
                        autosize
                        minRows={3}
                        value={suggestion.text}
                        onChange={(event) => {
                          const text = event.currentTarget.value;
                          setSuggestions((all) =>
                            all.map((other) => (other.key === suggestion.key ? { ...other, text } : other)),
                          );
                        }}
                        description={
                          measured.limit === null
                            ? t('variants.count', { count: measured.length })
                            : network === 'x'
                              ? t('variants.countWithLink', { count: measured.length, limit: measured.limit })
                              : t('variants.countOfLimit', { count: measured.length, limit: measured.limit })
                        }
                        error={
                          measured.overBy > 0
                            ? t('variants.overLimit', { count: measured.overBy, limit: measured.limit })
                            : undefined
                        }
                      />
                      <Group>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('variants.removeSuggestionNamed', { network: networkName, number: index + 1 })}
                          onClick={() =>
                            setSuggestions((all) => all.filter((other) => other.key !== suggestion.key))
                          }
                        >
                          {t('variants.removeSuggestion')}
                        </Button>
                      </Group>
                    </Stack>
                  );
                })}
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setSuggestions((all) => [...all, newSuggestion(network, '')])}
                  >
                    {t('variants.addSuggestion', { network: networkName })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        {overLimit ? (
          <Text size="sm" c="red.9">
            {t('variants.someOverLimit')}
          </Text>
        ) : null}
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('variants.save')}
          </Button>
          {exists ? (
            <Button variant="default" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('variants.delete')}
            </Button>
          ) : null}
        </Group>
        <Text role="status" aria-live="polite" size="sm">
          {status}
        </Text>
      </Stack>
    </form>
  );
}
