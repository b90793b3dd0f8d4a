import { z } from 'zod';
import { isAlumnus } from '../auth/alumni-access.ts';
import type { SignedIn } from '../auth/context.ts';
import { signInRateLimit } from '../auth/routes.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import {
  alumniStatusOf,
  changeMyPersonalEmail,
  changePersonalEmail,
  invitationStatus,
  joinByInvitation,
  leaveByInvitation,
  leaveMyProgramme,
  markLeaver,
  myAlumniStatus,
} from './alumni.ts';
import {
  alumniViewSchema,
  invitationQuery,
  invitationSchema,
  joinBody,
  joinResponse,
  leaveBody,
  leaveProgrammeBody,
  leaveProgrammeResponse,
  updateMyAlumniBody,
} from './alumni-schema.ts';
import { canManagePeople } from './policy.ts';

const idParams = z.object({ id: z.uuid() });

/** Leaving (admins) and the alumni programme (the leaver, by invitation link or signed in as alumnus). */
export async function alumniRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['alumni'];

  app.post('/api/v1/people/:id/leave', {
    config: { policy: canManagePeople },
    schema: {
      tags,
      summary: 'Mark a person as leaver: status alumni, sessions and tokens ended, groups and staff roles dropped; their links and results stay',
      params: idParams,
      body: leaveBody,
      response: { 200: alumniViewSchema, ...errorResponses },
    },
    handler: async (request) => markLeaver(ctx, request.auth, request.params.id, request.body),
  });

  app.get('/api/v1/people/:id/alumni', {
    config: { policy: canManagePeople },
    schema: { tags, summary: 'A person’s alumni status: left when, personal e-mail, in the alumni programme', params: idParams, response: { 200: alumniViewSchema, ...errorResponses } },
    handler: async (request) => alumniStatusOf(ctx, request.params.id),
  });

  app.patch('/api/v1/people/:id/alumni', {
    config: { policy: canManagePeople },
    schema: {
      tags,
      summary: 'Set or change an alumnus’s personal e-mail (the address they sign in with as alumnus)',
      params: idParams,
      body: updateMyAlumniBody,
      response: { 200: alumniViewSchema, ...errorResponses },
    },
    handler: async (request) => changePersonalEmail(ctx, request.auth, request.params.id, request.body.personalEmail),
  });

  app.get('/api/v1/alumni/invitation', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'What the alumni programme page shows for a signed invitation link (a GET changes nothing)',
      querystring: invitationQuery,
      response: { 200: invitationSchema, ...errorResponses },
    },
    handler: async (request) => invitationStatus(ctx, request.query.token),
  });

  app.post('/api/v1/alumni/invitation/join', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'Join the alumni programme with the invitation link; a sign-in link goes to the personal e-mail (given here when none is known yet)',
      body: joinBody,
      response: { 200: joinResponse, ...errorResponses },
    },
    handler: async (request) => joinByInvitation(ctx, request.body.token, request.body.personalEmail),
  });

  app.post('/api/v1/alumni/invitation/leave', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: { tags, summary: 'Leave the alumni programme with the invitation link (signs the alumnus out everywhere)', body: leaveProgrammeBody, response: { 200: leaveProgrammeResponse, ...errorResponses } },
    handler: async (request) => leaveByInvitation(ctx, request.body.token),
  });

  app.get('/api/v1/me/alumni', {
    config: { policy: isAlumnus },
    schema: { tags, summary: 'My alumni status (signed in as alumnus)', response: { 200: alumniViewSchema, ...errorResponses } },
    handler: async (request) => myAlumniStatus(ctx, (request.auth as SignedIn).personId as string),
  });

  app.patch('/api/v1/me/alumni', {
    config: { policy: isAlumnus },
    schema: { tags, summary: 'Change the personal e-mail I sign in with as alumnus', body: updateMyAlumniBody, response: { 200: alumniViewSchema, ...errorResponses } },
    handler: async (request) => changeMyPersonalEmail(ctx, request.auth as SignedIn, request.body.personalEmail),
  });

  app.post('/api/v1/me/alumni/leave', {
    config: { policy: isAlumnus },
    schema: { tags, summary: 'Leave the alumni programme (signs me out everywhere; joining again needs the invitation link)', response: { 200: alumniViewSchema, ...errorResponses } },
    handler: async (request, reply) => {
      const view = await leaveMyProgramme(ctx, (request.auth as SignedIn).personId as string);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return view;
    },
  });
}
