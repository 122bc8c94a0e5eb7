// The stories tray's data, shared by the tray on the feed and the story viewer. Views are recorded without waiting
// for the server, so the stories seen in this tab are remembered here too: a tray fetched before the server has
// counted the last view would otherwise show that user as unseen again, and the viewer would come back to them.
import { api } from "../api.js";

const viewedHere = new Set();

/** GET /v1/stories/feed, `[{user, stories, allSeen}]` in the server's order, with this tab's views applied. */
export async function loadTray() {
  const tray = (await api("/v1/stories/feed")) ?? [];
  for (const entry of tray) {
    for (const story of entry.stories) story.seen ||= viewedHere.has(story.id);
    entry.allSeen = entry.stories.every((story) => story.seen);
  }
  return tray;
}

/** Records a view (idempotent on the server); resolves when the server has it, rejects with its ApiError. */
export function markViewed(story) {
  story.seen = true;
  viewedHere.add(story.id);
  return api(`/v1/stories/${encodeURIComponent(story.id)}/view`, { method: "POST" });
}
