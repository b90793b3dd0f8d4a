import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { MemoryRouter, Route, Routes } from 'react-router';
import '/work/main/web/src/i18n';
import i18n from '/work/main/web/src/i18n';
import { Shell } from '/work/main/web/src/app/app-shell';
import { theme, cssVariablesResolver } from '/work/main/web/src/app/theme';
import { SignInPage } from '/work/main/web/src/features/auth/sign-in-page';
import { MagicLinkPage } from '/work/main/web/src/features/auth/magic-link-page';
import SetupPage from '/work/main/web/src/features/setup/setup-page';
import PeoplePage from '/work/main/web/src/features/people/people-page';
import PersonPage from '/work/main/web/src/features/people/person-page';
import ImportPage from '/work/main/web/src/features/people/import-page';
import GroupsPage from '/work/main/web/src/features/groups/groups-page';
import ProfilePage from '/work/main/web/src/features/profile/profile-page';
import OutboxPage from '/work/main/web/src/features/admin/outbox-page';
import AuditPage from '/work/main/web/src/features/admin/audit-page';
import { RequireAuth } from '/work/main/web/src/app/require-auth';

const person = { id: 'p1', email: 'a@example.org', name: 'Ann Admin', language: 'en', timeZone: 'Europe/Amsterdam', startDate: '2024-01-02', roles: ['admin','ambassador'], ambassadorStatus: 'active', active: true, department: {id:'g1', name:'Sales'}, location: null, teams: [], consent: {policyVersion: '2', givenAt: '2025-01-01T10:00:00Z'}, notificationChannels: ['email'], hasPassword: false, createdAt: '2025-01-01T10:00:00Z', updatedAt: '2025-01-01T10:00:00Z' };
const groups = [{id:'g1', kind:'department', name:'Sales', memberCount: 3},{id:'g2', kind:'team', name:'Blue', memberCount: 1}];

export async function run() {
  const cases: [string, string, JSX.Element][] = [
    ['sign-in', '/sign-in', <SignInPage />],
    ['magic', '/auth/magic?token=abc', <MagicLinkPage />],
    ['magic-none', '/auth/magic', <MagicLinkPage />],
    ['setup', '/setup?token=t', <SetupPage />],
    ['people', '/people', <RequireAuth roles={['admin']}><PeoplePage /></RequireAuth>],
    ['person', '/people/p1', <PersonPage />],
    ['import', '/people/import', <ImportPage />],
    ['groups', '/groups', <GroupsPage />],
    ['profile', '/profile', <ProfilePage />],
    ['outbox', '/admin/outbox', <OutboxPage />],
    ['audit', '/admin/audit', <AuditPage />],
  ];
  for (const lng of ['en', 'nl']) {
    await i18n.changeLanguage(lng);
    for (const [name, path, element] of cases) {
      const qc = new QueryClient();
      qc.setQueryData(['session'], { person, csrfToken: 'x' });
      qc.setQueryData(['me'], person);
      qc.setQueryData(['groups'], groups);
      qc.setQueryData(['setup-status', 't'], { valid: true });
      qc.setQueryData(['person', 'p1'], person);
      qc.setQueryData(['settings', 'public'], { organisationName: 'Acme', socialPolicyVersion: '2', socialPolicyUrl: null });
      qc.setQueryData(['people', { q: '', groupId: '', role: '', status: '', active: 'true' }], { pages: [{ items: [person], nextCursor: 'c' }], pageParams: [null] });
      qc.setQueryData(['outbox'], { pages: [{ items: [{ id: 'm1', to: 'a@example.org', subject: 'Sign in', text: 'Click https://podium.example/auth/magic?token=abc. Or <b>not</b>', createdAt: '2025-01-01T10:00:00Z' }], nextCursor: null }], pageParams: [null] });
      qc.setQueryData(['audit-log', ''], { pages: [{ items: [{ id: 'a1', at: '2025-01-01T10:00:00Z', actor: { id: 'p1', name: 'Ann' }, token: null, action: 'person.updated', subjectType: 'person', subjectId: 'p1', before: { name: 'A', x: 1 }, after: { name: 'B', x: 1 } }], nextCursor: null }], pageParams: [null] });
      const html = renderToString(
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} getStyleNonce={() => 'NONCE'}>
          <QueryClientProvider client={qc}>
            <MemoryRouter initialEntries={[path]}>
              <Routes>
                <Route element={<Shell />}>
                  <Route path="*" element={element} />
                </Route>
              </Routes>
            </MemoryRouter>
          </QueryClientProvider>
        </MantineProvider>,
      );
      const h1 = (html.match(/<h1[^>]*>(.*?)<\/h1>/g) ?? []).map((h) => h.replace(/<[^>]+>/g, ''));
      const missing = html.match(/[a-zA-Z]+\.[a-zA-Z]+\.[a-zA-Z_]+/g)?.filter((k) => /^(common|errors|shell|nav|signIn|magicLink|setup|people|person|import|groups|profile|ambassador|outbox|audit|roles|channels)\./.test(k));
      const styleTags = (html.match(/<style[^>]*>/g) ?? []);
      console.log(lng, name, 'len', html.length, 'h1', JSON.stringify(h1), 'styles', styleTags.length, styleTags.every((s) => s.includes('nonce="NONCE"')) ? 'nonce-ok' : 'NONCE-MISSING', missing?.length ? `MISSING ${missing}` : '');
      if (name === 'outbox' && lng === 'en') console.log(html.slice(html.indexOf('<pre'), html.indexOf('</pre>') + 6));
      if (name === 'import' && lng === 'en') console.log(html.slice(html.indexOf('<main'), html.indexOf('<main') + 600));
    }
  }
}
