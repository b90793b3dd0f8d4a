import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScimError } from './errors.ts';
import { parseFilter } from './filter.ts';
import { applyUserPatch, emptyState, patchOperations, stateFromBody } from './user-state.ts';

test('the filters Entra ID and Okta send parse to equality comparisons', () => {
  assert.deepEqual(parseFilter('userName eq "ada@example.org"'), [{ attribute: 'username', value: 'ada@example.org' }]);
  assert.deepEqual(parseFilter('externalId EQ "00u1"'), [{ attribute: 'externalid', value: '00u1' }]);
  assert.deepEqual(parseFilter('emails[type eq "work"].value eq "a@b.nl"'), [{ attribute: 'emails.value', where: { attribute: 'type', value: 'work' }, value: 'a@b.nl' }]);
  assert.deepEqual(parseFilter('id eq "g1" and members[value eq "u1"]'), [
    { attribute: 'id', value: 'g1' },
    { attribute: 'members.value', value: 'u1' },
  ]);
  assert.deepEqual(parseFilter('active eq false'), [{ attribute: 'active', value: false }]);
  assert.deepEqual(parseFilter('displayName eq "Say \\"hi\\""'), [{ attribute: 'displayname', value: 'Say "hi"' }]);
});

test('anything else is invalidFilter', () => {
  for (const filter of ['userName sw "a"', 'userName eq "a" or id eq "b"', 'eq "a"', 'userName eq "a" and', '(userName eq "a")', 'userName eq "open', '']) {
    assert.throws(() => parseFilter(filter), (error: unknown) => error instanceof ScimError && error.status === 400 && error.scimType === 'invalidFilter', filter);
  }
});

test('Entra ID and Okta PATCH bodies apply to the user state', () => {
  const start = stateFromBody({ userName: 'ada@example.org', name: { givenName: 'Ada', familyName: 'Lovelace' }, emails: [{ type: 'work', value: 'ada@example.org', primary: true }] });
  const entra = applyUserPatch(
    start,
    patchOperations({
      Operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Sales' },
        { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Utrecht' },
        { op: 'Replace', path: 'emails[type eq "other"].value', value: 'ignored@example.org' },
      ],
    }),
  );
  assert.deepEqual([entra.active, entra.department, entra.locality, entra.email], [false, 'Sales', 'Utrecht', 'ada@example.org']);
  const okta = applyUserPatch(entra, patchOperations({ operations: [{ op: 'replace', value: { active: true, 'name.familyName': 'King', title: 'Countess' } }] }));
  assert.deepEqual([okta.active, okta.familyName, okta.title], [true, 'King', 'Countess']);
  const removed = applyUserPatch(okta, patchOperations({ Operations: [{ op: 'remove', path: 'title' }] }));
  assert.equal(removed.title, null);
  assert.deepEqual(stateFromBody({}), emptyState());
  assert.throws(() => patchOperations({ Operations: [{ op: 'copy', path: 'title' }] }), ScimError);
});
