import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyHrefOf, plainText, schemaEmploymentTypes } from './vacancy-page.ts';

test('employment types as the sources write them map to schema.org values', () => {
  assert.deepEqual(schemaEmploymentTypes('fulltime_permanent'), ['FULL_TIME']);
  assert.deepEqual(schemaEmploymentTypes('permanent, part-time'), ['PART_TIME']);
  assert.deepEqual(schemaEmploymentTypes('PART_TIME, TEMPORARY'), ['PART_TIME', 'TEMPORARY']);
  assert.deepEqual(schemaEmploymentTypes('Full-time'), ['FULL_TIME']);
  assert.deepEqual(schemaEmploymentTypes('Parttime'), ['PART_TIME']);
  assert.deepEqual(schemaEmploymentTypes('Contractor'), ['CONTRACTOR']);
  assert.deepEqual(schemaEmploymentTypes('Deeltijd, tijdelijk contract'), ['PART_TIME', 'TEMPORARY']);
  assert.deepEqual(schemaEmploymentTypes('Stage'), ['INTERN']);
  assert.deepEqual(schemaEmploymentTypes('International role'), ['OTHER'], '"intern" inside a word is no internship');
  assert.deepEqual(schemaEmploymentTypes('  '), []);
  assert.deepEqual(schemaEmploymentTypes(null), []);
});

test('the apply link carries the source parameter each ATS documents, and the click id', () => {
  const pcid = '01900000-0000-7000-8000-000000000001';
  const href = (sourceType: Parameters<typeof applyHrefOf>[0]['sourceType'], applyUrl: string, click: string | null = pcid) =>
    applyHrefOf({ applyUrl, status: 'open', sourceType }, click);
  assert.equal(href('greenhouse', 'https://boards.greenhouse.io/acme/jobs/1'), `https://boards.greenhouse.io/acme/jobs/1?gh_src=Podium&pcid=${pcid}`);
  assert.equal(href('greenhouse', 'https://acme.example/careers?gh_jid=1'), `https://acme.example/careers?gh_jid=1&gh_src=Podium&pcid=${pcid}`, 'a careers site with the Greenhouse embed');
  assert.equal(href('lever', 'https://jobs.eu.lever.co/acme/abc/apply'), `https://jobs.eu.lever.co/acme/abc/apply?lever-source=Podium&pcid=${pcid}`);
  assert.equal(href('recruitee', 'https://acme.recruitee.com/o/nurse/c/new'), `https://acme.recruitee.com/o/nurse/c/new?source=Podium&pcid=${pcid}`);
  assert.equal(href('workable', 'https://apply.workable.com/j/ABC/apply'), `https://apply.workable.com/j/ABC/apply?utm_source=podium&pcid=${pcid}`);
  assert.equal(href('personio', 'https://acme.jobs.personio.de/job/1?language=nl'), `https://acme.jobs.personio.de/job/1?language=nl&utm_source=podium&pcid=${pcid}`);
  assert.equal(href('jsonld', 'https://jobs.lever.co/acme/abc'), `https://jobs.lever.co/acme/abc?lever-source=Podium&pcid=${pcid}`, 'a careers page linking to Lever');
  assert.equal(href(null, 'https://werkenbij.example.nl/v/1#solliciteer'), `https://werkenbij.example.nl/v/1?utm_source=podium&pcid=${pcid}#solliciteer`);
  assert.equal(href('lever', 'https://jobs.lever.co/acme/abc?lever-source=Indeed', null), 'https://jobs.lever.co/acme/abc?lever-source=Podium', "Podium's source wins; no click, no pcid");
  assert.equal(href(null, 'javascript:alert(1)'), null);
  assert.equal(href(null, 'ftp://files.example/job'), null);
  assert.equal(href(null, 'not a url'), null);
  assert.equal(applyHrefOf({ applyUrl: 'https://ats.example/1', status: 'closed', sourceType: null }, pcid), null, 'a closed vacancy takes no applications');
  assert.equal(applyHrefOf({ applyUrl: null, status: 'open', sourceType: null }, pcid), null);
});

test('a description becomes one line of text for meta tags', () => {
  assert.equal(plainText('<p>Je bouwt mee aan <strong>zorg</strong> &amp; welzijn.</p><ul><li>32&nbsp;uur</li></ul>'), 'Je bouwt mee aan zorg & welzijn. 32 uur');
  assert.equal(plainText('<p>&#39;Quotes&#x27; &lt;b&gt;</p>'), "'Quotes' <b>");
  const long = plainText(`<p>${'woord '.repeat(100)}</p>`, 50);
  assert.ok(long.length <= 50 && long.endsWith('…'), long);
});
