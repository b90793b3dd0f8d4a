/*! Podium t.js: reports conversions (applications, leads) from a careers site to Podium.
 * <script>window.podium=window.podium||function(){(podium.q=podium.q||[]).push(arguments)}</script>
 * <script src="https://podium.example.com/t.js" async></script>
 * podium('consent', true | false)  — after the visitor's choice in the site's consent tool
 * podium('conversion', { type: 'application', vacancy: 'ENG-42' })
 * Without consent it keeps nothing in the browser: only the click id in this page's URL is sent.
 * With consent it keeps the click ids it sees in localStorage for up to 90 days. */
(() => {
  const w = window;
  if (w.podium?.loaded) return;

  const KEY = 'podium_click_ids';
  const KEEP_MS = 90 * 86_400_000;
  const MAX_IDS = 50;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const TYPES = ['apply_started', 'application', 'lead', 'signup'];
  const script = document.currentScript || document.querySelector('script[src*="/t.js"]');
  // Podium is wherever this script came from (also behind a path prefix).
  const endpoint = `${script ? script.src.replace(/\/t\.js(?:[?#].*)?$/, '') : ''}/api/v1/conversions/browser`;

  const pcidIn = (search) => {
    try {
      const id = new URLSearchParams(search).get('pcid');
      return id && UUID.test(id) ? id.toLowerCase() : null;
    } catch {
      return null;
    }
  };
  // Read at load, before a single-page app's router may rewrite the URL; the current URL wins.
  const landedWith = pcidIn(w.location.search);
  const visit = () => pcidIn(w.location.search) || landedWith;
  let consent = false;

  // Storage can be blocked (privacy settings, sandboxed frames): then nothing is kept, and that is fine.
  const storage = () => {
    try {
      return w.localStorage;
    } catch {
      return null;
    }
  };

  /** The kept click ids that are less than 90 days old. */
  const kept = (now) => {
    let list = [];
    try {
      list = JSON.parse(storage()?.getItem(KEY) || '[]');
    } catch {
      // a damaged entry is dropped below
    }
    if (!Array.isArray(list)) return [];
    return list.filter((entry) => entry && typeof entry.id === 'string' && UUID.test(entry.id) && typeof entry.at === 'number' && now - entry.at < KEEP_MS);
  };

  const write = (list) => {
    try {
      if (list.length > 0) storage()?.setItem(KEY, JSON.stringify(list));
      else storage()?.removeItem(KEY);
    } catch {
      // full or blocked storage: keep nothing
    }
  };

  const keep = (now) => {
    const list = kept(now);
    const id = visit();
    if (id && !list.some((entry) => entry.id === id)) list.push({ id, at: now });
    write(list.slice(-MAX_IDS));
  };

  const randomId = () => Array.from(w.crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

  // text/plain keeps it a simple cross-origin request (no preflight); keepalive lets it finish when
  // the page navigates away; the same externalId on a retry means it is never counted twice.
  const send = (body, attempt) => {
    const retry = () => {
      if (attempt < 3) setTimeout(() => send(body, attempt + 1), 1000 * 2 ** attempt);
    };
    w.fetch(endpoint, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      keepalive: true,
      referrerPolicy: 'no-referrer',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(body),
    })
      .then((response) => {
        if (response.status === 429 || response.status >= 500) retry();
      })
      .catch(retry);
  };

  const conversion = (details) => {
    if (!details || !TYPES.includes(details.type) || !w.fetch) return;
    const now = Date.now();
    if (consent) keep(now);
    const ids = consent ? kept(now).map((entry) => entry.id) : [];
    const id = visit();
    if (id && !ids.includes(id)) ids.push(id);
    // Without a click id there is nothing to attribute the conversion to.
    if (ids.length === 0) return;
    const body = { type: details.type, clickIds: ids.slice(-MAX_IDS), externalId: details.externalId ? String(details.externalId) : randomId() };
    if (details.vacancy != null && details.vacancy !== '') body.vacancy = String(details.vacancy);
    send(body, 0);
  };

  const run = (command, value) => {
    if (command === 'consent') {
      consent = value === true;
      if (consent) keep(Date.now());
      else write([]);
    } else if (command === 'conversion') {
      conversion(value);
    }
  };

  const queued = Array.isArray(w.podium?.q) ? w.podium.q : [];
  const podium = (command, value) => run(command, value);
  podium.loaded = true;
  w.podium = podium;
  // Calls made before the script arrived, in the order they were made.
  for (const args of queued) run(args[0], args[1]);
})();
