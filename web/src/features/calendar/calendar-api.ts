import type { StoryFormat, StoryStatus } from '../stories/stories-api';

export interface CalendarItem {
  id: string;
  title: string;
  status: StoryStatus;
  format: StoryFormat;
  /** YYYY-MM-DD */
  date: string;
  kind: 'published' | 'planned';
}

export interface CalendarSummary {
  year: number;
  target: number;
  published: number;
  remaining: number;
  coverage: {
    featuredPeople: number;
    byDepartment: { department: { id: string; name: string } | null; featuredPeople: number; people: number }[];
    neverFeatured: { id: string; name: string; department: { id: string; name: string } | string | null }[];
    neverFeaturedCount: number;
  };
}

export type CalendarView = 'month' | 'week';
