import { Button, Group, Modal, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { LinkedinPostActions } from '../linkedin-routes';
import { characterBudget, withDisclosure } from './character-counter';
import { NetworkPicker } from './network-picker';
import { PersonalWordsNotice } from './personal-words-notice';
import { type Delivery, deliverShare } from './share-delivery';
import { deliveryMessageKey, ShareSuccessDetails, ShareSuccessHeading } from './share-success';
import { ShareTextField } from './share-text-field';
import { useAudiences, useCreateShare, useShareCheck, useStoryVariants } from './sharing-api';
import type { FeedCard, Network, ShareItemRef, ShareResult, Suggestion, VacancyShareKit } from './sharing-types';
import { OWN_TEXT, SuggestionList } from './suggestion-list';

type Step = 'choose' | 'words' | 'done';

/**
 * Suggestions for the chosen network and audience: the network's own, else LinkedIn's as a
 * starting point; null while the audience's variant is still loading.
 */
function pickSuggestions(
  card: Pick<FeedCard, 'audience' | 'suggestions'>,
  variants: ReturnType<typeof useStoryVariants>,
  audience: string,
  network: Network,
): { suggestions: Suggestion[]; fromLinkedIn: boolean } | null {
  let all: Suggestion[];
  if (audience === card.audience.key) all = card.suggestions;
  else if (variants.isPending) return null;
  else all = variants.data?.variants.find((variant) => variant.audience.key === audience)?.suggestions ?? [];
  const own = all.filter((suggestion) => suggestion.network === network);
  if (own.length > 0 || network === 'linkedin') return { suggestions: own, fromLinkedIn: false };
  const linkedIn = all.filter((suggestion) => suggestion.network === 'linkedin');
  return { suggestions: linkedIn, fromLinkedIn: linkedIn.length > 0 };
}

/**
 * What is shared: a story from the feed (for the audience the person picks), or an open vacancy
 * from its share kit (always for candidates; its suggestions come in both languages).
 */
export type ComposerItem =
  | { card: FeedCard; initialAudience: string; vacancy?: undefined }
  | { vacancy: VacancyShareKit; card?: undefined; initialAudience?: undefined };

/** What the composer needs of either item: the same steps, texts and success view serve both. */
function subjectOf(item: ComposerItem): {
  kind: 'story' | 'vacancy';
  ref: ShareItemRef;
  /** The story whose other audiences' texts may be loaded; null for a vacancy. */
  storyId: string | null;
  headline: string;
  base: Pick<FeedCard, 'audience' | 'suggestions'>;
  initialAudience: string;
} {
  if (item.card) {
    const { card } = item;
    return {
      kind: 'story',
      ref: { storyId: card.story.id },
      storyId: card.story.id,
      headline: card.headline || card.story.title,
      base: card,
      initialAudience: item.initialAudience,
    };
  }
  const kit = item.vacancy;
  return {
    kind: 'vacancy',
    ref: { vacancyId: kit.vacancy.id },
    storyId: null,
    headline: kit.headline || kit.vacancy.title,
    base: kit,
    initialAudience: kit.audience.key,
  };
}

/**
 * The share composer: network and audience, then personal words, then the share itself. The words
 * step starts from the first suggestion, or from an empty text of one's own when the feed's persona
 * hint says so (colleagues who know the game write their own; the suggestions stay one tap away).
 */
export function ShareComposer(props: ComposerItem & { opened: boolean; onClose: () => void; startWithOwnWords?: boolean }) {
  const { opened, onClose, startWithOwnWords = false } = props;
  const subject = subjectOf(props);
  const base = subject.base;
  const { t } = useTranslation('ambassador');
  const { t: tCommon } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const [step, setStep] = useState<Step>('choose');
  const [network, setNetwork] = useState<Network>('linkedin');
  const [audience, setAudience] = useState(subject.initialAudience);
  const [choice, setChoice] = useState<string>(OWN_TEXT);
  const [text, setText] = useState('');
  const [filledFor, setFilledFor] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | null>(null);
  const [result, setResult] = useState<ShareResult | null>(null);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const audiences = useAudiences();
  const variants = useStoryVariants(subject.storyId ?? '', subject.storyId !== null && opened && audience !== base.audience.key);
  const picked = pickSuggestions(base, variants, audience, network);
  const [debouncedText] = useDebouncedValue(text, 400);
  const draft = { ...subject.ref, network, audience, text: debouncedText };
  const check = useShareCheck(draft);
  const create = useCreateShare();

  // Entering the words step for a new network/audience starts from the first suggestion (or one's own words).
  const fillKey = `${network}|${audience}`;
  useEffect(() => {
    if (step !== 'words' || picked === null || filledFor === fillKey) return;
    const first = startWithOwnWords ? undefined : picked.suggestions[0];
    setChoice(first?.id ?? OWN_TEXT);
    setText(first?.text ?? '');
    setFilledFor(fillKey);
  }, [step, picked, filledFor, fillKey, startWithOwnWords]);

  // A new step replaces the button that was pressed; move focus to its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the heading element changes with the step
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const chooseSuggestion = (value: string) => {
    setChoice(value);
    setTextError(null);
    if (value === OWN_TEXT) {
      setText('');
      textareaRef.current?.focus();
      return;
    }
    const suggestion = picked?.suggestions.find((candidate) => candidate.id === value);
    if (suggestion) setText(suggestion.text);
  };

  const personalise = () => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
  };

  const suggestions = picked?.suggestions ?? [];
  const others = suggestions.filter((suggestion) => suggestion.id !== choice && suggestion.text !== text);
  const anotherSuggestion =
    others.length > 0
      ? () => {
          const index = suggestions.findIndex((suggestion) => suggestion.id === choice);
          // The next one after the current choice, wrapping around.
          const next =
            [...suggestions.slice(index + 1), ...suggestions.slice(0, index + 1)].find((s) => others.includes(s)) ??
            others[0];
          if (next) chooseSuggestion(next.id);
        }
      : null;

  const checkData = check.data;
  const finalText =
    checkData && text.trim() !== '' ? withDisclosure(text, checkData.checkedText, checkData.textWithDisclosure) : null;

  const budget = characterBudget(
    network,
    finalText ?? text.trim(),
    checkData && checkData.checkedNetwork === network
      ? { finalText: checkData.textWithDisclosure, length: checkData.length, limit: checkData.limit } : undefined,
  );

  /** The server refuses an empty text and one over the network's limit; say so here instead. */
  const textIsReady = (): boolean => {
    const problem =
      text.trim() === ''
        ? t('composer.textRequired')
        : budget.overLimit
          ? t('composer.tooLong', { network: t(`networks.${network}`) })
          : null;
    if (problem) {
      setTextError(problem);
      textareaRef.current?.focus();
      return false;
    }
    return true;
  };

  const share = () => {
    if (!textIsReady()) return;
    create.mutate(
      { ...subject.ref, network, audience, text },
      {
        onSuccess: async (created) => {
          setResult(created);
          const done = await deliverShare(created, setDelivery);
          setDelivery(done);
          setStep('done');
        },
      },
    );
  };

  const messageKey = step === 'done' ? deliveryMessageKey(delivery) : null;
  const audienceOptions = audiences.data?.map((option) => ({ value: option.key, label: option.name })) ?? [
    { value: base.audience.key, label: base.audience.name },
  ];

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={subject.kind === 'vacancy' ? t('composer.titleVacancy') : t('composer.title')}
      fullScreen={isPhone === true}
      size="lg"
      closeButtonProps={{ 'aria-label': tCommon('common.close') }}
    >
      <Stack gap="md">
        <Text fw={600}>{subject.headline}</Text>

        {step === 'choose' ? (
          <>
            <div>
              <Text size="sm" c="dimmed">
                {t('composer.stepOf', { step: 1 })}
              </Text>
              <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
                {t('composer.chooseHeading')}
              </Title>
            </div>
            <NetworkPicker value={network} onChange={setNetwork} />
            {subject.kind === 'vacancy' ? (
              <Text>{t('composer.vacancyAudience', { audience: base.audience.name })}</Text>
            ) : (
              <NativeSelect
                label={t('composer.audience')}
                description={t('composer.audienceHelp')}
                size="md"
                data={audienceOptions}
                value={audience}
                onChange={(event) => setAudience(event.currentTarget.value)}
              />
            )}
            <Group justify="flex-end">
              <Button size="lg" onClick={() => setStep('words')}>
                {t('composer.next')}
              </Button>
            </Group>
          </>
        ) : null}

        {step === 'words' ? (
          <>
            <div>
              <Text size="sm" c="dimmed">
                {t('composer.stepOf', { step: 2 })}
              </Text>
              <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
                {t('composer.wordsHeading')}
              </Title>
            </div>
            <Text size="sm">{t('composer.textHelp')}</Text>
            {picked === null ? (
              <Text role="status">{t('composer.loadingSuggestions')}</Text>
            ) : (
              <SuggestionList
                suggestions={picked.suggestions}
                fromLinkedIn={picked.fromLinkedIn}
                value={choice}
                onChange={chooseSuggestion}
              />
            )}
            <ShareTextField
              network={network}
              text={text}
              finalText={finalText}
              budget={budget}
              error={textError}
              textareaRef={textareaRef}
              onChange={(value) => {
                setText(value);
                setTextError(null);
              }}
            />
            <PersonalWordsNotice
              check={text.trim() === '' ? undefined : checkData}
              onPersonalise={personalise}
              onAnotherSuggestion={anotherSuggestion}
            />
            {create.error ? <ErrorAlert error={create.error} /> : null}
            <Group gap="sm" wrap="nowrap">
              <Button size="lg" px="md" variant="default" onClick={() => setStep('choose')}>
                {t('composer.back')}
              </Button>
              <Button size="lg" px="md" flex={1} onClick={share} loading={create.isPending}>
                {t(`composer.shareOn.${network}`)}
              </Button>
            </Group>
            {network === 'linkedin' ? <LinkedinPostActions item={subject.ref} audience={audience} text={text} validate={textIsReady} /> : null}
          </>
        ) : null}

        {step === 'done' ? <ShareSuccessHeading headingRef={headingRef} vacancy={subject.kind === 'vacancy'} /> : null}
        {/* Always rendered, so the copy confirmation is announced when it appears. */}
        <div role="status" aria-live="polite">
          {messageKey ? <Text fw={600}>{t(messageKey)}</Text> : null}
        </div>
        {step === 'done' && result ? (
          <ShareSuccessDetails result={result} delivery={delivery} onClose={onClose} />
        ) : null}
      </Stack>
    </Modal>
  );
}
