// One post with its comments, and who liked it.
import { api } from "../api.js";
import { errorBox, h, link, loading, mount } from "../dom.js";
import { commentsSection } from "../components/comments.js";
import { notice } from "../components/notice.js";
import { postCard } from "../components/post-card.js";
import { userListDialog } from "../components/user-list.js";

export default async function render(main, { postId }, context) {
  const page = h("section", { class: "page post-page" }, loading());
  mount(main, page);
  let post;
  try {
    post = await api(`/v1/posts/${encodeURIComponent(postId)}`);
  } catch (error) {
    if (!page.isConnected) return undefined;
    // A malformed id (400) is as unavailable as a deleted or hidden post (404).
    mount(page, error.status === 404 || error.status === 400
      ? notice({
        level: "h1", icon: "missing", title: "Post not available",
        text: "It may have been deleted, or its author may have limited who can see it.",
        actions: [link("/", { class: "button secondary" }, "Go home")],
      })
      : errorBox(error));
    return undefined;
  }
  if (!page.isConnected) return undefined;

  document.title = `Post by @${post.author.username} · Instagram.Orleans`;
  let closeLikes = null;
  const likedBy = h("button", {
    type: "button", class: "text-button liked-by", "aria-haspopup": "dialog",
    onclick: () => {
      closeLikes = userListDialog({ title: "Liked by", path: `/v1/posts/${post.id}/likes`, emptyText: "No likes yet." });
    },
  }, "Liked by…");
  mount(page,
    h("h1", { class: "visually-hidden" }, `Post by ${post.author.username}`),
    postCard(post, { full: true, onDeleted: () => context.navigate("/") }),
    likedBy);
  const stop = commentsSection(page, post);
  return () => {
    stop();
    closeLikes?.();
  };
}
