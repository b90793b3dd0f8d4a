/**
 * Changes other nodes must hear about at once, rather than when their memory of it expires: a
 * story's destination (links keep it for a few seconds), and people (remembered sessions).
 * The stories and people domains announce; the cluster listener (listener.ts) carries each
 * announcement to the other nodes on the same PostgreSQL database. On the embedded single-node
 * engine nobody listens and an announcement costs a loop over an empty set.
 */
export type ChangeTopic = 'story' | 'people';

type Sender = (topic: ChangeTopic, id: string) => void;
const senders = new Set<Sender>();

/** Tells every other node that `id` of `topic` changed; never throws, never waits. */
export function announceChange(topic: ChangeTopic, id: string): void {
  for (const send of senders) send(topic, id);
}

/** Adds a carrier of announcements; answers its removal. */
export function addChangeSender(send: Sender): () => void {
  senders.add(send);
  return () => senders.delete(send);
}
