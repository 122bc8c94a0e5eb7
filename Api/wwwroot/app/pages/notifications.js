// Activity: the caller's notifications, newest first, as sentences ("alice and 3 others liked your post") with the
// actors' pictures and the post's thumbnail. Unread ones are highlighted; once the first page is on screen everything
// up to its newest item is marked read on the server, so they are plain on the next visit.
import { api } from "../api.js";
import { pagedList } from "../components/paged-list.js";
import { avatar, h, link, mount, time } from "../dom.js";

// What each type says after its actors; the API spells NotificationType in snake_case.
const phrases = {
  like: "liked your post.",
  comment: "commented on your post.",
  follow: "started following you.",
  follow_request: "asked to follow you.",
  mention: "mentioned you in a post.",
};

export default function render(main) {
  const items = h("ul", { class: "notification-list", "aria-label": "Notifications" });
  mount(main, h("section", { class: "page notifications" }, h("h1", {}, "Activity"), items));

  const thumbnails = new Map();
  let first = true;
  const stop = pagedList(items, {
    path: "/v1/notifications",
    limit: 20,
    emptyText: "No activity yet. Likes, comments, follows and mentions show up here.",
    renderItem: (notification) => {
      // The first item drawn is the newest (read means at or below the inbox's read mark, so when it is read, all
      // are); the mark waits until its whole page is drawn.
      if (first) {
        first = false;
        if (!notification.read) setTimeout(() => markRead(notification.id), 0);
      }
      return notificationItem(notification, thumbnails);
    },
  });
  return stop;
}

async function markRead(upTo) {
  try {
    await api("/v1/notifications/read", { method: "POST", body: { upTo } });
  } catch {
    // Nothing on screen depends on it; they stay unread and are marked on the next visit.
  }
}

function notificationItem(notification, thumbnails) {
  const { actors, post, type } = notification;
  return h("li", { class: `notification${notification.read ? "" : " unread"}`, dataset: { type } },
    h("span", { class: "actor-stack", "aria-hidden": "true" }, actors.slice(0, 3).map((actor) => avatar(actor, 36))),
    h("p", { class: "notification-text" },
      notification.read ? null : h("span", { class: "visually-hidden" }, "New: "),
      actorNames(actors, Number(notification.actorCount)), " ", phrases[type] ?? "did something.", " ",
      h("span", { class: "muted small" }, time(notification.createdAt)),
      type === "follow_request" && [" ", link("/requests", { class: "small" }, "Review requests")]),
    post && postThumbnail(post.id, thumbnails));
}

/** "alice", "alice and bob", "alice and 3 others"; each shown name links to its profile. */
function actorNames(actors, total) {
  const profile = (actor) => link(`/u/${encodeURIComponent(actor.username)}`, { class: "author-inline" }, actor.username);
  if (actors.length === 0) return total > 0 ? `${total} ${total === 1 ? "person" : "people"}` : "Someone";
  if (total <= 1) return profile(actors[0]);
  if (total === 2 && actors.length >= 2) return [profile(actors[0]), " and ", profile(actors[1])];
  const others = total - 1;
  return [profile(actors[0]), ` and ${others} ${others === 1 ? "other" : "others"}`];
}

// A notification names its post by id only; the picture comes from the post, fetched once per post on this page.
// Without it (still processing, or the fetch failed) the link stays, with a plain label.
function postThumbnail(postId, thumbnails) {
  const target = link(`/p/${encodeURIComponent(postId)}`, { class: "notification-post", "aria-label": "View post" });
  if (!thumbnails.has(postId)) thumbnails.set(postId, api(`/v1/posts/${encodeURIComponent(postId)}`).catch(() => null));
  thumbnails.get(postId).then((post) => {
    const first = post?.media?.[0];
    const src = first?.variants?.thumbnail ?? first?.variants?.small;
    if (src) target.append(h("img", { src, alt: "Your post", width: 44, height: 44, loading: "lazy", decoding: "async" }));
    else target.append(h("span", { class: "notification-post-empty", "aria-hidden": "true" }, "▢"));
  });
  return target;
}
