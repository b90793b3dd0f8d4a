import type { Config } from '../config.ts';
import { CliError, expectStatus, withApi, type ApiClient } from './api-client.ts';

async function personIdByEmail(api: ApiClient, email: string): Promise<string> {
  const response = await api.request('GET', `/api/v1/people?email=${encodeURIComponent(email)}&limit=1`);
  expectStatus(response, 200);
  const person = (response.body as { items: { id: string }[] }).items[0];
  if (!person) throw new CliError(`Nobody with the e-mail address ${email}.`);
  return person.id;
}

/** `podium token create`: returns only the secret. */
export async function createToken(config: Config, input: { name: string; role: string; personEmail?: string }): Promise<string> {
  return withApi(config, async (api) => {
    const personId = input.personEmail ? await personIdByEmail(api, input.personEmail) : null;
    const response = await api.request('POST', '/api/v1/tokens', { name: input.name, role: input.role, personId });
    expectStatus(response, 201);
    return (response.body as { token: string }).token;
  });
}

/** `podium privacy export|erase --email`. */
export async function privacy(config: Config, action: 'export' | 'erase', email: string): Promise<unknown> {
  return withApi(config, async (api) => {
    const id = await personIdByEmail(api, email);
    const response = action === 'export' ? await api.request('GET', `/api/v1/people/${id}/export`) : await api.request('POST', `/api/v1/people/${id}/erase`);
    expectStatus(response, 200);
    return response.body;
  });
}

/** What `podium demo` added. */
export interface DemoAdded {
  people: number;
  groups: number;
  shares: number;
  clicks: number;
  conversions: number;
  vacancies: number;
  assessments: number;
  nudges: number;
}

/** `podium demo`. */
export async function demo(config: Config): Promise<DemoAdded> {
  return withApi(config, async (api) => {
    const response = await api.request('POST', '/api/v1/demo');
    expectStatus(response, 201);
    return response.body as DemoAdded;
  });
}
