/** GET /api/v1/analytics/leaderboard. */
export interface LeaderboardRow {
  rank: number;
  group: { id: string; name: string };
  members: number;
  participants: number;
  shares: number;
  humanClicks: number;
  sharesPerMember: number;
  clicksPerMember: number;
  people: { id: string; name: string }[];
}

export interface Leaderboard {
  by: 'team' | 'department';
  period: { from: string; to: string };
  rows: LeaderboardRow[];
  me: { optedIn: boolean } | null;
}
