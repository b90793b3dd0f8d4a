// Every domain's personal-data registrations. A new domain that holds data about people adds its
// `privacy.ts` here; src/privacy/privacy.db.test.ts fails while a table is left unregistered.
import './entries.ts';
import '../analytics/gap-snapshots-privacy.ts';
import '../analytics/reports-privacy.ts';
import '../conversions/privacy.ts';
import '../digest/privacy.ts';
import '../images/privacy.ts';
import '../links/privacy.ts';
import '../linkedin/privacy.ts';
import '../cluster/privacy.ts';
import '../notifications/privacy.ts';
import '../nudges/privacy.ts';
import '../personas/privacy.ts';
import '../sharing/privacy.ts';
import '../sso/privacy.ts';
import '../stories/privacy.ts';
import '../vacancies/privacy.ts';
import '../webhooks/privacy.ts';
