/** The networks a story can be shared on, in the order the composer offers them (LinkedIn first). */
export const NETWORKS = ['linkedin', 'x', 'facebook', 'whatsapp', 'email', 'link'] as const;
export type Network = (typeof NETWORKS)[number];

export function isNetwork(value: unknown): value is Network {
  return typeof value === 'string' && (NETWORKS as readonly string[]).includes(value);
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

export interface ThemeRef {
  id: string;
  key: string;
  name: string;
}

export interface HeroImage {
  id: string;
  url: string;
  shareUrl: string;
  altText: string | null;
}

export interface Suggestion {
  id: string;
  network: Network;
  text: string;
  /** Set when suggestions come in several languages (a vacancy's). */
  language?: 'nl' | 'en';
}

/** Why the ranked feed shows a card where it does (stable keys; `theme` names the theme behind a hiring reason). */
export interface FeedReason {
  key: 'new' | 'your_group' | 'hiring' | 'your_department_hiring' | 'campaign' | 'already_shared';
  theme?: string;
}

/** One story in the feed, tailored to the chosen audience. */
export interface FeedCard {
  story: {
    id: string;
    slug: string;
    title: string;
    format: string;
    language: string;
    url: string;
    heroImage: HeroImage | null;
    publishedAt: string | null;
    themes: ThemeRef[];
  };
  audience: { key: string; name: string };
  headline: string;
  teaser: string;
  suggestions: Suggestion[];
  campaign: { id: string; slug: string; name: string } | null;
  sharedByMe: number;
  colleagueShares: number;
  /** Strongest first; absent from servers without the ranked feed. */
  reasons?: FeedReason[];
}

/** The part of a story's detail the composer needs: suggestions for the other audiences. */
export interface StoryVariants {
  id: string;
  variants: {
    id: string;
    audience: { id: string; key: string; name: string };
    headline: string;
    teaser: string;
    suggestions: Suggestion[];
  }[];
}

/** What a share is of: a story or a vacancy, exactly one. */
export type ShareItemRef = { storyId: string; vacancyId?: undefined } | { vacancyId: string; storyId?: undefined };

export type ShareDraft = ShareItemRef & {
  network: Network;
  audience: string;
  text: string;
};

/** What the composer needs to share an open vacancy (GET /api/v1/vacancies/{id}/share-kit). */
export interface VacancyShareKit {
  vacancy: {
    id: string;
    slug: string;
    title: string;
    department: string | null;
    location: string | null;
    employmentType: string | null;
    language: 'nl' | 'en' | null;
    /** The public vacancy page the share's short link leads to. */
    url: string;
    themes: ThemeRef[];
  };
  /** A vacancy is shared for candidates; sent as the share's audience. */
  audience: { key: string; name: string };
  language: 'nl' | 'en';
  headline: string;
  teaser: string;
  /** The vacancy's language first, then the other. */
  suggestions: (Suggestion & { language: 'nl' | 'en' })[];
}

/** The personal-words check of a draft. */
export interface ShareCheck {
  personalised: boolean;
  similarity: number;
  similarTo: 'suggestion' | 'colleague' | null;
  colleaguesWithSimilarText: number;
  length: number;
  limit: number | null;
  overLimit: boolean;
  textWithDisclosure: string;
}

export interface ShareResult {
  id: string;
  shortUrl: string;
  shareUrl: string;
  /** The final text, with the disclosure. */
  text: string;
  personalised: boolean;
  similarity: number;
  network: Network;
}

export interface MyShare {
  id: string;
  story: { id: string; title: string; slug: string } | null;
  /** Set instead of story when the share was of a vacancy. */
  vacancy: { id: string; title: string; slug: string } | null;
  network: Network;
  /** An audience key (the contract); an object is accepted too, should the server send one. */
  audience: string | { key: string; name: string } | null;
  text: string;
  shortUrl: string;
  personalised: boolean;
  createdAt: string;
}
