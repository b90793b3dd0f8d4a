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

export interface ShareDraft {
  storyId: string;
  network: Network;
  audience: string;
  text: string;
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
  network: Network;
  /** An audience key (the contract); an object is accepted too, should the server send one. */
  audience: string | { key: string; name: string } | null;
  text: string;
  shortUrl: string;
  personalised: boolean;
  createdAt: string;
}
