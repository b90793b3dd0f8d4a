import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { adapters, csvBodyFromBytes, type ImportedVacancy, InvalidFeedError, type VacancySourceType } from './index.ts';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function read(type: VacancySourceType, file: string, url = 'https://example.test/feed') {
  return adapters[type](fixture(file), { url });
}

function vacancy(overrides: Partial<ImportedVacancy> & Pick<ImportedVacancy, 'externalId' | 'title'>): ImportedVacancy {
  return {
    department: null,
    location: null,
    employmentType: null,
    descriptionHtml: '',
    applyUrl: null,
    openings: null,
    openedAt: null,
    language: null,
    ...overrides,
  };
}

describe('recruitee', () => {
  test('maps offers: numeric ids as strings, description and requirements joined, entities decoded', () => {
    const { vacancies, problems } = read('recruitee', 'recruitee-offers.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies[0], {
      externalId: '1480211',
      title: 'Verpleegkundige Acute Zorg',
      department: 'Zorg',
      location: 'Utrecht, Nederland',
      employmentType: 'fulltime_permanent',
      descriptionHtml:
        '<p>Werk jij graag in een team dat snel schakelt?</p>\n<ul><li>BIG-registratie</li><li>Ervaring op de SEH</li></ul>',
      applyUrl: 'https://zorggroep.recruitee.com/o/verpleegkundige-acute-zorg/c/new',
      openings: null,
      openedAt: new Date('2026-11-02T09:15:00Z'),
      language: null,
    });
    assert.deepEqual(
      vacancies.slice(1).map((v) => [v.externalId, v.title, v.department, v.location, v.applyUrl, v.openedAt]),
      [
        ['1480212', 'Backend Developer', 'IT', 'Amsterdam, Netherlands', 'https://zorggroep.recruitee.com/o/backend-developer/c/new', new Date('2026-11-10T12:00:00Z')],
        ['1480213', 'Teamleider R&D', 'Onderzoek & Ontwikkeling', 'Eindhoven', 'https://zorggroep.recruitee.com/o/teamleider-r-d', new Date('2026-09-01T07:30:00Z')],
        ['1480214', 'Stagiair Communicatie', null, null, 'https://zorggroep.recruitee.com/o/stagiair-communicatie/c/new', new Date('2026-11-20T10:00:00Z')],
      ],
    );
    assert.equal(vacancies[3]?.descriptionHtml, '<p>Schrijf mee aan onze verhalen.</p>');
  });

  test('reports null ids, missing titles, bad dates and links, duplicates and non-objects', () => {
    const { vacancies, problems } = read('recruitee', 'recruitee-edge.json');
    assert.deepEqual(vacancies, [
      vacancy({ externalId: '9002', title: 'Ongeldige datum', applyUrl: 'https://example.recruitee.com/o/x' }),
      vacancy({
        externalId: '9003',
        title: 'Alleen <b>tekst</b>?',
        descriptionHtml: '<p>Regel een<br>regel twee &amp; meer</p>\n<p>Nieuwe alinea: 5 &lt; 6</p>',
      }),
    ]);
    assert.deepEqual(problems, [
      { externalId: null, message: 'Offer 1 (“Zonder id”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: '9001', message: 'Offer 2 has no title; skipped' },
      { externalId: '9002', message: 'Apply URL “javascript:alert(1)” is not an http(s) address; left empty' },
      { externalId: '9002', message: 'Published date “2026-02-30 10:00:00 UTC” is not a valid date; left empty' },
      { externalId: '9002', message: 'Offer 4 repeats id “9002”; only the first is kept' },
      { externalId: null, message: 'Offer 5 is not a job entry; skipped' },
    ]);
  });
});

describe('greenhouse', () => {
  test('decodes the HTML-escaped content exactly once', () => {
    const { vacancies, problems } = read('greenhouse', 'greenhouse-jobs.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies[0], {
      externalId: '4012345001',
      title: 'Senior Software Engineer',
      department: 'Engineering',
      location: 'Amsterdam, Netherlands',
      employmentType: null,
      descriptionHtml:
        '<h2>About the role</h2><p>You build the tools our nurses use &amp; love.</p><ul><li>TypeScript</li></ul>',
      applyUrl: 'https://boards.greenhouse.io/podiumdemo/jobs/4012345001',
      openings: null,
      openedAt: new Date('2026-10-01T13:00:00Z'),
      language: 'en',
    });
    assert.equal(vacancies[1]?.descriptionHtml, '<p>Help onze klanten met een glimlach &eacute;n een oplossing.</p>');
    assert.equal(vacancies[1]?.openedAt?.toISOString(), '2026-11-20T07:00:00.000Z', 'updated_at when never published');
    assert.equal(vacancies[2]?.title, 'Data Analyst & BI Specialist');
    assert.equal(vacancies[2]?.location, 'Utrecht, Remote', 'offices when the location is empty');
  });

  test('reports null and missing ids, bad dates, non-http links and duplicates', () => {
    const { vacancies, problems } = read('greenhouse', 'greenhouse-edge.json');
    assert.deepEqual(vacancies, [
      vacancy({ externalId: '77', title: 'Bad date' }),
      vacancy({ externalId: '78', title: 'No content field' }),
    ]);
    assert.deepEqual(problems, [
      { externalId: null, message: 'Job 1 (“Null id”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: null, message: 'Job 2 (“Missing id”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: '77', message: 'Job URL “ftp://files.example.com/job” is not an http(s) address; left empty' },
      { externalId: '77', message: 'Published date “yesterday” is not a valid date; left empty' },
      { externalId: '77', message: 'Job 5 repeats id “77”; only the first is kept' },
    ]);
  });

  test('a feed of 5,000 jobs parses completely', () => {
    const jobs = Array.from({ length: 5000 }, (_, i) => ({
      id: 5_000_000 + i,
      title: `Vacature ${i} &amp; meer`,
      location: { name: i % 2 === 0 ? 'Utrecht' : 'Remote' },
      departments: [{ id: 1, name: 'Zorg' }],
      content: '&lt;p&gt;Beschrijving&lt;/p&gt;'.repeat(20),
      absolute_url: `https://boards.greenhouse.io/demo/jobs/${5_000_000 + i}`,
      updated_at: '2026-11-01T10:00:00-05:00',
    }));
    const { vacancies, problems } = adapters.greenhouse(JSON.stringify({ jobs, meta: { total: jobs.length } }), {
      url: 'https://boards-api.greenhouse.io/v1/boards/demo/jobs?content=true',
    });
    assert.equal(vacancies.length, 5000);
    assert.deepEqual(problems, []);
    assert.equal(new Set(vacancies.map((v) => v.externalId)).size, 5000);
    assert.equal(vacancies[4999]?.title, 'Vacature 4999 & meer');
    assert.ok(vacancies[4999]?.descriptionHtml.startsWith('<p>Beschrijving</p>'));
  });
});

describe('lever', () => {
  test('joins description, lists and closing; falls back to the plain description', () => {
    const { vacancies, problems } = read('lever', 'lever-postings.json', 'https://api.eu.lever.co/v0/postings/podiumdemo?mode=json');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies[0], {
      externalId: '5f1c9a0e-3b2d-4c1a-9e8f-0a1b2c3d4e5f',
      title: 'Product Designer',
      department: 'Product',
      location: 'Amsterdam',
      employmentType: 'Full-time',
      descriptionHtml: [
        '<div><b>We are looking</b> for a designer.</div>',
        '<h3>What you&#39;ll do</h3>',
        '<ul><li>Design flows</li><li>Test with users</li></ul>',
        '<h3>R&amp;D perks</h3>',
        '<ul><li>Budget</li></ul>',
        '<div>Apply before December.</div>',
      ].join('\n'),
      applyUrl: 'https://jobs.eu.lever.co/podiumdemo/5f1c9a0e-3b2d-4c1a-9e8f-0a1b2c3d4e5f/apply',
      openings: null,
      openedAt: new Date(1762243200000),
      language: null,
    });
    assert.equal(vacancies[1]?.descriptionHtml, '<p>Jij zorgt dat alles op tijd de deur uitgaat.<br>Ook in het weekend.</p>');
    assert.equal(vacancies[1]?.department, 'Warehouse', 'the team when there is no department');
    assert.equal(vacancies[2]?.applyUrl, 'https://jobs.eu.lever.co/podiumdemo/9c8d7e6f-0000-4000-8000-000000000003');
  });

  test('reports missing ids and titles, dates that are not epoch milliseconds, mailto links', () => {
    const { vacancies, problems } = read('lever', 'lever-edge.json');
    assert.deepEqual(vacancies.map((v) => v.externalId), ['abc', 'ghi']);
    assert.deepEqual(problems, [
      { externalId: null, message: 'Posting 1 (“No id at all”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: 'abc', message: 'Apply URL “mailto:jobs@example.com” is not an http(s) address; left empty' },
      { externalId: 'abc', message: 'Created date “2026-11-01” is not a valid date; left empty' },
      { externalId: 'def', message: 'Posting 3 has no title; skipped' },
    ]);
  });
});

describe('personio', () => {
  test('reads positions, CDATA descriptions, links on the careers site and the feed language', () => {
    const { vacancies, problems } = read('personio', 'personio.xml', 'https://zorggroep.jobs.personio.de/xml?language=nl');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies[0], {
      externalId: '1804711',
      title: 'Wijkverpleegkundige (m/v/x)',
      department: 'Zorg',
      location: 'Utrecht',
      employmentType: 'permanent, part-time',
      descriptionHtml:
        '<h3>Over de functie</h3>\n<p>Je bezoekt cliënten thuis &amp; denkt mee.</p>\n<h3>Wat vragen wij?</h3>\n<ul><li>HBO-V</li><li>Rijbewijs B</li></ul>',
      applyUrl: 'https://zorggroep.jobs.personio.de/job/1804711?language=nl',
      openings: null,
      openedAt: new Date('2026-11-03T08:12:45Z'),
      language: 'nl',
    });
    assert.equal(vacancies[1]?.department, 'Finance & Control');
    assert.equal(vacancies[1]?.openedAt?.toISOString(), '2026-10-15T11:00:00.000Z');
    assert.equal(vacancies[2]?.externalId, '0042', 'leading zeros kept');
    assert.equal(vacancies[2]?.descriptionHtml, '');
  });

  test('an empty feed is valid and has no vacancies and no problems', () => {
    assert.deepEqual(read('personio', 'personio-empty.xml'), { vacancies: [], problems: [] });
    assert.deepEqual(adapters.personio('<workzag-jobs>\n</workzag-jobs>', { url: 'https://x.jobs.personio.de/xml' }), {
      vacancies: [],
      problems: [],
    });
  });

  test('reports missing ids and titles, non-ISO dates and duplicates; escapes plain-text blocks', () => {
    const { vacancies, problems } = read('personio', 'personio-edge.xml', 'not a url');
    assert.deepEqual(vacancies, [
      vacancy({ externalId: '6', title: 'Datum kapot' }),
      vacancy({
        externalId: '7',
        title: 'Tekst zonder HTML',
        descriptionHtml: '<h3>Profiel</h3>\n<p>Jij bent 5 &lt; 10 jaar ervaren</p>',
      }),
    ]);
    assert.deepEqual(problems, [
      { externalId: null, message: 'Position 1 (“Zonder id”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: '5', message: 'Position 2 has no title; skipped' },
      { externalId: '6', message: 'Created date “31-12-2026” is not a valid date; left empty' },
      { externalId: '6', message: 'Position 4 repeats id “6”; only the first is kept' },
    ]);
  });
});

describe('workable', () => {
  test('maps jobs by shortcode with location from the job or its first location', () => {
    const { vacancies, problems } = read('workable', 'workable-jobs.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies[0], {
      externalId: 'A1B2C3D4E5',
      title: 'Customer Success Manager',
      department: 'Customer Success',
      location: 'Amsterdam, North Holland, Netherlands',
      employmentType: 'Full-time',
      descriptionHtml: '<p>Help our customers succeed.</p>\n<ul><li>3+ years in SaaS</li></ul>\n<p>Flexible hours</p>',
      applyUrl: 'https://apply.workable.com/j/A1B2C3D4E5/apply',
      openings: null,
      openedAt: new Date('2026-11-12T00:00:00Z'),
      language: null,
    });
    assert.equal(vacancies[1]?.location, 'Zwolle, Overijssel, Nederland');
    assert.deepEqual([vacancies[2]?.location, vacancies[2]?.department, vacancies[2]?.applyUrl], [
      'Remote',
      null,
      'https://apply.workable.com/j/K1L2M3N4O5',
    ]);
  });

  test('reports null shortcodes, impossible dates, relative links and duplicates', () => {
    const { vacancies, problems } = read('workable', 'workable-edge.json');
    assert.deepEqual(vacancies, [
      vacancy({ externalId: 'ZZ1', title: 'Bad date and link', applyUrl: 'https://apply.workable.com/j/ZZ1' }),
    ]);
    assert.deepEqual(problems, [
      { externalId: null, message: 'Job 1 (“No shortcode”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: 'ZZ1', message: 'Application URL “/relative/apply” is not an http(s) address; left empty' },
      { externalId: 'ZZ1', message: 'Published date “2026-13-01” is not a valid date; left empty' },
      { externalId: 'ZZ1', message: 'Job 3 repeats id “ZZ1”; only the first is kept' },
    ]);
  });
});

describe('jsonld', () => {
  test('finds postings in @graph and arrays, skips comments, reads identifier and location variants', () => {
    const { vacancies, problems } = read('jsonld', 'careers-page.html', 'https://werkenbij.example.nl/vacatures');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies, [
      {
        externalId: 'ZGM-2026-014',
        title: 'Doktersassistent',
        department: 'Huisartsenpraktijk',
        location: 'Zeist, NL',
        employmentType: 'PART_TIME, TEMPORARY',
        descriptionHtml: '<p>Jij bent het gezicht van de praktijk.</p>',
        applyUrl: 'https://werkenbij.example.nl/vacatures/doktersassistent',
        openings: 2,
        openedAt: new Date('2026-11-05T00:00:00Z'),
        language: 'nl',
      },
      {
        externalId: 'ZGM-2026-015',
        title: 'Facilitair Medewerker',
        department: null,
        location: 'Amersfoort; Utrecht, NL',
        employmentType: 'FULL_TIME',
        descriptionHtml: '<p>Jij houdt het gebouw draaiende.</p>\n<p>Werktijden: 8 &amp; 16 uur.</p>',
        applyUrl: 'https://werkenbij.example.nl/vacatures/facilitair',
        openings: null,
        openedAt: new Date('2026-10-20T07:00:00Z'),
        language: null,
      },
      vacancy({
        externalId: '1016',
        title: 'Remote Data Engineer',
        location: 'Remote',
        descriptionHtml: '<p>Build our data platform.</p>',
        applyUrl: 'https://werkenbij.example.nl/vacatures/data-engineer',
        openedAt: new Date('2026-11-15T00:00:00Z'),
        language: 'en',
      }),
    ]);
  });

  test('ignores unrelated broken blocks, reads ItemLists, falls back to the url as id, reports the rest', () => {
    const { vacancies, problems } = read('jsonld', 'careers-edge.html', 'https://werkenbij.example.nl/');
    assert.deepEqual(vacancies, [
      vacancy({ externalId: 'A-1', title: 'Fout' }),
      vacancy({
        externalId: 'https://werkenbij.example.nl/v/4',
        title: 'Alleen url',
        applyUrl: 'https://werkenbij.example.nl/v/4',
        openings: 3,
      }),
    ]);
    assert.deepEqual(problems, [
      { externalId: null, message: 'JobPosting 1 (“Zonder id of url”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: 'A-1', message: 'Job URL “javascript:void(0)” is not an http(s) address; left empty' },
      { externalId: 'A-1', message: 'Openings “0” is not a positive whole number; left empty' },
      { externalId: 'A-1', message: 'Date posted “gisteren” is not a valid date; left empty' },
      { externalId: 'A-1', message: 'JobPosting 3 repeats id “A-1”; only the first is kept' },
    ]);
  });

  test('a page without job postings is a valid, empty feed', () => {
    assert.deepEqual(read('jsonld', 'error-page.html'), { vacancies: [], problems: [] });
  });
});

describe('csv', () => {
  test('reads the documented columns, quoted multi-line cells and Dutch dates', () => {
    const { vacancies, problems } = read('csv', 'vacancies.csv');
    assert.deepEqual(problems, []);
    assert.deepEqual(vacancies, [
      {
        externalId: 'V-100',
        title: 'Verpleegkundige Oncologie',
        department: 'Zorg',
        location: 'Utrecht',
        employmentType: 'Fulltime',
        descriptionHtml: '<p>Werk op onze oncologieafdeling.</p>',
        applyUrl: 'https://werkenbij.example.nl/v/100',
        openings: 3,
        openedAt: new Date('2026-11-01T00:00:00Z'),
        language: null,
      },
      {
        externalId: 'V-101',
        title: 'Receptionist',
        department: 'Facilitair',
        location: 'Zeist',
        employmentType: 'Parttime',
        descriptionHtml: '<p>Jij ontvangt onze bezoekers.<br>Ook op zaterdag.</p>',
        applyUrl: 'https://werkenbij.example.nl/v/101',
        openings: null,
        openedAt: new Date('2026-10-15T00:00:00Z'),
        language: null,
      },
      {
        externalId: 'V-102',
        title: 'Engineer, Platform',
        department: 'IT',
        location: 'Remote',
        employmentType: 'Contract',
        descriptionHtml: '<p>Keep the lights on &amp; build</p>',
        applyUrl: 'https://werkenbij.example.nl/v/102',
        openings: 1,
        openedAt: new Date('2026-11-20T08:00:00Z'),
        language: null,
      },
    ]);
  });

  test('semicolons and Dutch headers; row problems name the line', () => {
    const { vacancies, problems } = read('csv', 'vacancies-edge.csv');
    assert.deepEqual(vacancies, [
      vacancy({ externalId: 'E-2', title: 'Fout', department: 'Zorg' }),
      vacancy({
        externalId: 'E-3',
        title: 'Goed',
        department: 'Zorg',
        applyUrl: 'http://intranet.example/3',
        openedAt: new Date('2026-11-01T00:00:00Z'),
      }),
    ]);
    assert.deepEqual(problems, [
      { externalId: null, message: 'Line 2 (“Geen id”) has no id, so it cannot be kept in sync; skipped' },
      { externalId: 'E-1', message: 'Line 3 has no title; skipped' },
      { externalId: 'E-2', message: 'Apply URL “javascript:alert(1)” is not an http(s) address; left empty' },
      { externalId: 'E-2', message: 'Openings “twee” is not a positive whole number; left empty' },
      { externalId: 'E-2', message: 'Opened date “31-02-2026” is not a valid date; left empty' },
      { externalId: 'E-2', message: 'Line 5 repeats id “E-2”; only the first is kept' },
      { externalId: 'E-3', message: 'Openings “0” is not a positive whole number; left empty' },
    ]);
  });

  test('Windows-1252 bytes from Dutch Excel decode through the people CSV decoder', () => {
    const bytes = Buffer.concat([Buffer.from('externalId;title\r\nW-1;Co'), Buffer.from([0xf6]), Buffer.from('rdinator\r\n')]);
    assert.equal(adapters.csv(csvBodyFromBytes(bytes), { url: '' }).vacancies[0]?.title, 'Coördinator');
  });

  test('a header-only file is a valid, empty feed', () => {
    assert.deepEqual(adapters.csv('externalId,title\n', { url: '' }), { vacancies: [], problems: [] });
  });
});

describe('invalid feeds throw InvalidFeedError naming the source', () => {
  const errorPage = fixture('error-page.html');
  const cases: [VacancySourceType, string, RegExp][] = [
    ['greenhouse', errorPage, /^Not a valid Greenhouse feed: the address returned a web page instead of JSON data; use https:\/\/boards-api/],
    ['greenhouse', '{"jobs": [{"id": 1, "title": "Cut', /Greenhouse feed: the response is not complete, valid JSON/],
    ['greenhouse', '{"error": "Not found"}', /Greenhouse feed: the response has no list of "jobs"/],
    ['greenhouse', '', /Greenhouse feed: the response is empty/],
    ['greenhouse', '<!-- proxy --> <html lang="en"><body>502</body></html>', /Greenhouse feed: the address returned a web page/],
    ['recruitee', errorPage, /Recruitee feed: the address returned a web page/],
    ['recruitee', '[]', /Recruitee feed: the response has no list of "offers"/],
    ['lever', '{"ok": false, "error": "Document not found"}', /Lever feed: the response is not a list of postings \(Lever says: Document not found\)/],
    ['lever', fixture('news.rss'), /Lever feed: the address returned XML instead of JSON/],
    ['workable', '{"name": "x"}', /Workable feed: the response has no list of "jobs"/],
    ['personio', fixture('news.rss'), /Personio feed: this is a news \(RSS\/Atom\) feed, not the Personio job feed/],
    ['personio', errorPage, /Personio feed: the address returned a web page instead of the XML feed/],
    ['personio', '<workzag-jobs><position><id>1</id>', /Personio feed: the XML is broken near line 1/],
    ['personio', '{"positions": []}', /Personio feed: the response is not XML/],
    ['personio', '<?xml version="1.0"?><jobs/>', /Personio feed: the XML starts with <jobs> instead of <workzag-jobs>/],
    [
      'personio',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workzag-jobs>&a;</workzag-jobs>',
      /Personio feed: the XML declares entities/,
    ],
    ['jsonld', '{"@type": "JobPosting"}', /careers page \(JobPosting\) feed: the address did not return a web page/],
    [
      'jsonld',
      '<html><script type="application/ld+json">{"@type": "JobPosting", "title": </script></html>',
      /a JobPosting block on the page is not valid JSON/,
    ],
    ['csv', 'department,location\nZorg,Utrecht\n', /CSV feed: the first line has no externalId or title column/],
    ['csv', 'externalId,title\n"V-1,Open quote\n', /CSV feed: The file cannot be read as CSV/],
    ['csv', '   ', /CSV feed: the file is empty/],
  ];
  for (const [type, body, message] of cases) {
    test(`${type}: ${body.slice(0, 40).replace(/\s+/g, ' ') || '(empty)'}`, () => {
      assert.throws(
        () => adapters[type](body, { url: 'https://example.test/feed' }),
        (error: unknown) => error instanceof InvalidFeedError && error.sourceType === type && message.test(error.message),
      );
    });
  }
});
