// Conversations as the messages pages share them: who is in one besides the caller, its title, and a small cache so a
// thread opened from the inbox or a profile knows its people (the API has no route for one conversation by id).
import { api, query } from "../api.js";
import { currentUser } from "../session.js";

export const folders = [["inbox", "Inbox"], ["requests", "Requests"]];
const known = new Map();

/** Keeps what is known of a conversation: itself, and the caller's folder when known (null when not). */
export function remember(conversation, folder = null) {
  known.set(conversation.id, { conversation, folder });
}

/** `{ conversation, folder }` for an id: from the cache, else from the first page of each folder; null when not found. */
export async function findConversation(id) {
  for (const [folder] of folders) {
    if (known.has(id)) break;
    const page = await api(`/v1/conversations${query({ folder, limit: 100 })}`);
    for (const conversation of page.items ?? []) remember(conversation, folder);
  }
  return known.get(id) ?? null;
}

export const others = (conversation) => conversation.participants.filter((user) => user.id !== currentUser()?.id);

/** Its name, else the other people's usernames. */
export function conversationTitle(conversation) {
  if (conversation.name) return conversation.name;
  const names = others(conversation).map((user) => user.username);
  return names.length ? names.join(", ") : "Just you";
}
