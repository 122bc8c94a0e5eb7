// One post as the feed, explore and post pages show it: author, photos (a carousel when there are several), actions,
// likes, caption with linked #hashtags and @mentions. The like button is optimistic and idempotent on the server.
import { api } from "../api.js";
import { currentUser } from "../session.js";
import { icon } from "../icons.js";
import { avatar, busy, count, h, link, richText, time, toast } from "../dom.js";

export function postCard(post, { onDeleted, full = false } = {}) {
  const mine = currentUser()?.id === post.author?.id;
  const card = h("article", { class: "card post", dataset: { postId: post.id }, "aria-label": `Post by ${post.author?.username}` });
  const header = h("header", { class: "post-header" },
    link(`/u/${encodeURIComponent(post.author.username)}`, { class: "author" }, avatar(post.author), h("strong", {}, post.author.username)),
    post.location?.name && h("span", { class: "muted small" }, post.location.name),
    post.suggested && h("span", { class: "badge" }, "Suggested"),
    h("span", { class: "spacer" }),
    link(`/p/${post.id}`, { class: "muted small", title: "Open post" }, time(post.createdAt)),
    mine && h("button", {
      type: "button", class: "text-button danger", "aria-label": "Delete post",
      onclick: (event) => busy(event.currentTarget, async () => {
        if (!confirm("Delete this post?")) return;
        await api(`/v1/posts/${post.id}`, { method: "DELETE" });
        toast("Post deleted.");
        card.remove();
        onDeleted?.(post);
      }),
    }, "Delete"));

  const likes = h("p", { class: "likes" }, likeText(post.likeCount));
  const like = h("button", {
    type: "button", class: "icon-button like", "aria-pressed": String(Boolean(post.isLiked)), "aria-label": "Like",
    onclick: () => toggleLike(post, like, likes),
  }, "♥");
  const actions = h("div", { class: "actions" },
    like,
    link(`/p/${post.id}`, { class: "icon-button", "aria-label": `Comments (${post.commentCount})` }, icon("comment")),
    h("span", { class: "muted small" }, post.commentCount ? `${count(post.commentCount)} comments` : ""));

  // Filtered: the DOM's own append would write the absent parts out as "false".
  card.append(...[header, carousel(post), actions, likes,
    post.caption && h("p", { class: "caption" }, link(`/u/${encodeURIComponent(post.author.username)}`, { class: "author-inline" }, post.author.username), " ", richText(post.caption)),
    post.status === "processing" && h("p", { class: "muted small", role: "status" }, "Processing…"),
    !full && post.commentCount > 0 && link(`/p/${post.id}`, { class: "muted small" }, `View all ${count(post.commentCount)} comments`)].filter(Boolean));
  return card;
}

const likeText = (n) => `${count(n)} ${n === 1 ? "like" : "likes"}`;

async function toggleLike(post, button, likes) {
  const liked = !post.isLiked;
  post.isLiked = liked;
  post.likeCount += liked ? 1 : -1;
  button.setAttribute("aria-pressed", String(liked));
  likes.textContent = likeText(post.likeCount);
  try {
    const result = await api(`/v1/posts/${post.id}/like`, { method: liked ? "POST" : "DELETE" });
    Object.assign(post, result);
  } catch (error) {
    post.isLiked = !liked;
    post.likeCount += liked ? -1 : 1;
    toast(error.message, "error");
  }
  button.setAttribute("aria-pressed", String(post.isLiked));
  likes.textContent = likeText(post.likeCount);
}

/** The post's photos, side by side in a scroll-snap strip with previous / next buttons and dots. */
export function carousel(post) {
  const media = post.media ?? [];
  const alt = (i) => `Photo ${media.length > 1 ? `${i + 1} of ${media.length} ` : ""}by ${post.author?.username}${post.caption ? `: ${post.caption.slice(0, 120)}` : ""}`;
  if (media.length === 0) return h("div", { class: "media placeholder" }, post.status === "processing" ? "Processing…" : "No photo");
  const strip = h("div", { class: "strip", tabindex: media.length > 1 ? "0" : undefined, "aria-label": media.length > 1 ? "Photos; use the arrow keys" : undefined },
    media.map((item, i) => (item.type === "video" ? video(item, alt(i).replace(/^Photo/, "Video")) : h("img", {
      src: item.variants?.medium ?? item.variants?.full, alt: alt(i), loading: "lazy", decoding: "async",
      srcset: [["small", 320], ["medium", 640], ["full", 1080]].filter(([name]) => item.variants?.[name]).map(([name, w]) => `${item.variants[name]} ${w}w`).join(", ") || undefined,
      sizes: "(max-width: 640px) 100vw, 600px",
      width: item.width || undefined, height: item.height || undefined,
    }))));
  if (media.length === 1) return h("div", { class: "media" }, strip);

  const dots = h("div", { class: "dots", "aria-hidden": "true" }, media.map(() => h("span")));
  const at = () => Math.round(strip.scrollLeft / strip.clientWidth);
  const go = (i) => strip.scrollTo({ left: Math.max(0, Math.min(media.length - 1, i)) * strip.clientWidth, behavior: "smooth" });
  const show = () => [...dots.children].forEach((dot, i) => dot.classList.toggle("on", i === at()));
  strip.addEventListener("scroll", show, { passive: true });
  strip.addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight") go(at() + 1);
    else if (event.key === "ArrowLeft") go(at() - 1);
    else return;
    event.preventDefault();
  });
  queueMicrotask(show);
  return h("div", { class: "media" }, strip,
    h("button", { type: "button", class: "nav prev", "aria-label": "Previous photo", onclick: () => go(at() - 1) }, "‹"),
    h("button", { type: "button", class: "nav next", "aria-label": "Next photo", onclick: () => go(at() + 1) }, "›"),
    dots);
}

/**
 * A video item: the HLS master playlist played by the browser itself (Chromium, Safari and Edge play HLS natively),
 * the poster until it starts, loaded only when asked (preload="none") so a feed of videos costs nothing until played.
 */
export function video(item, label) {
  return h("video", {
    class: "video", controls: true, playsInline: true, preload: "none", poster: item.posterUrl, src: item.playback?.hls,
    width: item.width || undefined, height: item.height || undefined, "aria-label": label,
  });
}
