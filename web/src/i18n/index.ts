import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../lib/api';
import { LANGUAGES } from '../lib/types';
import ambassadorEn from './ambassador.en.json';
import ambassadorNl from './ambassador.nl.json';
import editorialEn from './editorial.en.json';
import editorialNl from './editorial.nl.json';
import en from './en.json';
import nl from './nl.json';
import recruitmentEn from './recruitment.en.json';
import recruitmentNl from './recruitment.nl.json';
import impactEn from './impact.en.json';
import impactNl from './impact.nl.json';
import notificationsEn from './notifications.en.json';
import notificationsNl from './notifications.nl.json';
import nudgesEn from './nudges.en.json';
import nudgesNl from './nudges.nl.json';
import alumniEn from './alumni.en.json';
import alumniNl from './alumni.nl.json';
import personasEn from './personas.en.json';
import personasNl from './personas.nl.json';
import analyticsEn from './analytics.en.json';
import analyticsNl from './analytics.nl.json';
import leaderboardsEn from './leaderboards.en.json';
import leaderboardsNl from './leaderboards.nl.json';
import analyticsReportsEn from './analytics-reports.en.json';
import analyticsReportsNl from './analytics-reports.nl.json';
import analyticsHealthEn from './analytics-health.en.json';
import analyticsHealthNl from './analytics-health.nl.json';
import linkedinEn from './linkedin.en.json';
import linkedinNl from './linkedin.nl.json';
import ssoEn from './sso.en.json';
import ssoNl from './sso.nl.json';
import webhooksEn from './webhooks.en.json';
import webhooksNl from './webhooks.nl.json';
import scimEn from './scim.en.json';
import scimNl from './scim.nl.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en;
      leaderboards: typeof leaderboardsEn;
      analyticsReports: typeof analyticsReportsEn;
      analyticsHealth: typeof analyticsHealthEn;
      linkedin: typeof linkedinEn;
      editorial: typeof editorialEn;
      ambassador: typeof ambassadorEn;
      recruitment: typeof recruitmentEn;
      impact: typeof impactEn;
      notifications: typeof notificationsEn;
      nudges: typeof nudgesEn;
      alumni: typeof alumniEn;
      personas: typeof personasEn;
      analytics: typeof analyticsEn;
      sso: typeof ssoEn;
      webhooks: typeof webhooksEn;
      scim: typeof scimEn;
    };
  }
}

// `satisfies` in both directions makes the type check fail when a key exists in only one file.
const resources = {
  en: { translation: en satisfies typeof nl, leaderboards: leaderboardsEn satisfies typeof leaderboardsNl, analyticsReports: analyticsReportsEn satisfies typeof analyticsReportsNl, analyticsHealth: analyticsHealthEn satisfies typeof analyticsHealthNl, linkedin: linkedinEn satisfies typeof linkedinNl, editorial: editorialEn satisfies typeof editorialNl, ambassador: ambassadorEn satisfies typeof ambassadorNl, recruitment: recruitmentEn satisfies typeof recruitmentNl, impact: impactEn satisfies typeof impactNl, notifications: notificationsEn satisfies typeof notificationsNl, nudges: nudgesEn satisfies typeof nudgesNl, alumni: alumniEn satisfies typeof alumniNl, personas: personasEn satisfies typeof personasNl, analytics: analyticsEn satisfies typeof analyticsNl, sso: ssoEn satisfies typeof ssoNl, webhooks: webhooksEn satisfies typeof webhooksNl, scim: scimEn satisfies typeof scimNl },
  nl: { translation: nl satisfies typeof en, leaderboards: leaderboardsNl satisfies typeof leaderboardsEn, analyticsReports: analyticsReportsNl satisfies typeof analyticsReportsEn, analyticsHealth: analyticsHealthNl satisfies typeof analyticsHealthEn, linkedin: linkedinNl satisfies typeof linkedinEn, editorial: editorialNl satisfies typeof editorialEn, ambassador: ambassadorNl satisfies typeof ambassadorEn, recruitment: recruitmentNl satisfies typeof recruitmentEn, impact: impactNl satisfies typeof impactEn, notifications: notificationsNl satisfies typeof notificationsEn, nudges: nudgesNl satisfies typeof nudgesEn, alumni: alumniNl satisfies typeof alumniEn, personas: personasNl satisfies typeof personasEn, analytics: analyticsNl satisfies typeof analyticsEn, sso: ssoNl satisfies typeof ssoEn, webhooks: webhooksNl satisfies typeof webhooksEn, scim: scimNl satisfies typeof scimEn },
};

function applyLanguage(): void {
  const lng = i18n.resolvedLanguage ?? 'en';
  document.documentElement.lang = lng;
  setApiLanguage(lng, {
    network: i18n.t('errors.network'),
    http: (status) => i18n.t('errors.http', { status }),
  });
}

i18n.on('languageChanged', applyLanguage);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    detection: {
      // The signed-in person's profile language wins (applied once the session is known);
      // before that, a language chosen earlier on this device, then the browser's.
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'podium.language',
      caches: ['localStorage'],
    },
  });

applyLanguage();

export default i18n;
