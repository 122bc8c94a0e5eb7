// The stories tray above the feed: one round link per user with active stories, in the server's order (unseen
// first), the caller's own first. A gradient ring means something unseen, a grey one that all was seen. The element
// is returned at once and filled when the tray arrives; it stays hidden while there is nothing to show.
import { currentUser } from "../session.js";
import { avatar, h, link, mount } from "../dom.js";
import { loadTray } from "./stories.js";

export function storiesTray() {
  const list = h("ul", { class: "tray" });
  const section = h("section", { class: "tray-section", "aria-label": "Stories", hidden: true }, list);
  fill(section, list);
  return section;
}

async function fill(section, list) {
  let tray;
  try {
    tray = await loadTray();
  } catch (error) {
    section.replaceChildren(h("p", { class: "tray-error error small", role: "alert" }, `Stories could not be loaded: ${error.message}`));
    section.hidden = false;
    return;
  }
  if (tray.length === 0) return;

  const me = currentUser();
  const mine = tray.find((entry) => entry.user.id === me?.id);
  const others = tray.filter((entry) => entry !== mine);
  mount(list,
    mine ? bubble(mine, "Your story") : me && addStory(me),
    others.map((entry) => bubble(entry, entry.user.username)));
  section.hidden = false;
}

// Named by their visible text plus a hidden note, not an aria-label, so what is read out starts with what is seen.
function bubble(entry, name) {
  const state = entry.allSeen ? "seen" : "unseen";
  const count = entry.stories.length;
  return h("li", {},
    link(`/stories/${encodeURIComponent(entry.user.id)}`, { class: `story-bubble ${state}`, dataset: { userId: entry.user.id } },
      h("span", { class: "story-ring" }, avatar(entry.user, 56)),
      h("span", { class: "story-name" }, name),
      h("span", { class: "visually-hidden" }, `, ${count} ${count === 1 ? "story" : "stories"}, ${entry.allSeen ? "all seen" : "new"}`)));
}

/** The caller's own place in the tray when they have no story yet: a "+" that leads to the composer. */
function addStory(me) {
  return h("li", {},
    link("/compose", { class: "story-bubble add", dataset: { userId: me.id } },
      h("span", { class: "story-ring" }, avatar(me, 56), h("span", { class: "story-plus", "aria-hidden": "true" }, "+")),
      h("span", { class: "story-name" }, "Your story"),
      h("span", { class: "visually-hidden" }, ": add one")));
}
