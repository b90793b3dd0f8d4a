import { useQuery } from '@tanstack/react-query';
import { api, fetchAll } from '../../lib/api';
import type { Language } from '../../lib/types';

export const STORY_FORMATS = [
  'interview',
  'column',
  'behind_the_scenes',
  'expertise',
  'news',
  'vacancy_spotlight',
  'external_article',
] as const;
export type StoryFormat = (typeof STORY_FORMATS)[number];

/** idea → draft → in_review → approved → published → archived. */
export const STORY_STATUSES = ['idea', 'draft', 'in_review', 'approved', 'published', 'archived'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** The networks an editor writes suggested share texts for, LinkedIn first. */
export const SUGGESTION_NETWORKS = ['linkedin', 'x', 'facebook', 'whatsapp', 'email'] as const;
export type SuggestionNetwork = (typeof SUGGESTION_NETWORKS)[number];

export const APPROVAL_STATUSES = ['not_requested', 'pending', 'approved', 'changes_requested'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface Ref {
  id: string;
  name: string;
}

export interface Theme {
  id: string;
  key: string;
  name: string;
  nameNl: string;
  nameEn: string;
  description: string | null;
  active: boolean;
}

export interface Audience {
  id: string;
  key: string;
  name: string;
  nameNl: string;
  nameEn: string;
  position: number;
  active: boolean;
}

export interface HeroImage {
  id: string;
  url: string;
  shareUrl: string;
  altText: string;
}

export interface StorySummary {
  id: string;
  slug: string;
  title: string;
  status: StoryStatus;
  format: StoryFormat;
  language: Language;
  summary: string;
  url: string;
  heroImage: HeroImage | null;
  publishAt: string | null;
  expireAt: string | null;
  publishedAt: string | null;
  plannedFor: string | null;
  themes: { id: string; key: string; name: string }[];
  featured: { personId: string; name: string; approval: ApprovalStatus }[];
  author: Ref | null;
  submittedBy: Ref | null;
  missingAudiences: string[];
  updatedAt: string;
}

export interface FeaturedColleague {
  personId: string;
  name: string;
  quote: string;
  position: number;
  approval: ApprovalStatus;
  approvalComment: string | null;
  decidedAt: string | null;
}

export interface Suggestion {
  id: string;
  network: string;
  text: string;
}

export interface Variant {
  id: string;
  audience: { id: string; key: string; name: string };
  headline: string;
  teaser: string;
  suggestions: Suggestion[];
}

export interface StoryEvent {
  id: string;
  kind: 'transition' | 'comment' | 'approval' | 'override';
  fromStatus: StoryStatus | null;
  toStatus: StoryStatus | null;
  comment: string | null;
  actor: Ref | null;
  at: string;
}

export interface Story extends Omit<StorySummary, 'featured'> {
  bodyMarkdown: string;
  bodyHtml: string;
  externalUrl: string | null;
  translationGroupId: string;
  translations: { id: string; language: Language; slug: string; title: string; status: StoryStatus }[];
  targetGroups: { id: string; kind: string; name: string }[];
  featured: FeaturedColleague[];
  variants: Variant[];
  campaigns: { id: string; slug: string; name: string }[];
  events: StoryEvent[];
  allowedTransitions: StoryStatus[];
}

/** Fields of POST /api/v1/stories and PATCH /api/v1/stories/{id}. */
export interface StoryInput {
  title: string;
  language: Language;
  format: StoryFormat;
  slug?: string;
  summary?: string;
  bodyMarkdown?: string;
  themeIds?: string[];
  targetGroupIds?: string[];
  featured?: { personId: string; quote?: string }[];
  heroImageId?: string | null;
  externalUrl?: string | null;
  publishAt?: string | null;
  expireAt?: string | null;
  plannedFor?: string | null;
  status?: 'idea' | 'draft';
  translationOf?: string;
}

export interface UploadedImage {
  id: string;
  url: string;
  shareUrl: string;
  width: number;
  height: number;
  altText: string;
}

/**
 * Where the story pages of this app live. Not `/stories`: the server renders the public story
 * pages and the stories hub there (`/stories/<slug>`, `/stories`).
 */
export const STORIES_PAGE = '/editorial/stories';
export const NEW_STORY_PAGE = `${STORIES_PAGE}/new`;

/** The app page of one story (the editor, or a read-only view for people who may not edit). */
export function storyPage(id: string): string {
  return `${STORIES_PAGE}/${encodeURIComponent(id)}`;
}

export const storiesKey = ['stories'] as const;
export const themesKey = ['themes'] as const;
export const audiencesKey = ['audiences'] as const;

export function storyKey(id: string) {
  return ['story', id] as const;
}

export function storyPath(id: string): string {
  return `/api/v1/stories/${encodeURIComponent(id)}`;
}

/** Every theme (a short managed list). */
export function useThemes() {
  return useQuery({
    queryKey: themesKey,
    queryFn: () => fetchAll<Theme>('/api/v1/themes'),
    staleTime: 60_000,
  });
}

/** Every audience, in their configured order. */
export function useAudiences() {
  return useQuery({
    queryKey: audiencesKey,
    queryFn: async () =>
      (await fetchAll<Audience>('/api/v1/audiences')).sort((a, b) => a.position - b.position),
    staleTime: 60_000,
  });
}

/** One story with everything the editor needs. */
export function useStory(id: string | undefined) {
  return useQuery({
    queryKey: storyKey(id ?? ''),
    queryFn: () => api<Story>(storyPath(id ?? '')),
    enabled: !!id,
  });
}

export function isStoryFormat(value: string): value is StoryFormat {
  return (STORY_FORMATS as readonly string[]).includes(value);
}

export function isStoryStatus(value: string): value is StoryStatus {
  return (STORY_STATUSES as readonly string[]).includes(value);
}
