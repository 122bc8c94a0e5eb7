// The comments under a post: oldest first, each reply nested under the comment it answers (the API allows one level),
// and a form that posts a comment or a reply exactly once however often a failed send is retried.
import { api, newKey } from "../api.js";
import { currentUser } from "../session.js";
import { avatar, busy, count, h, link, richText, time, toast } from "../dom.js";
import { onSubmit } from "./form-submit.js";
import { confirmDialog } from "./modal.js";
import { pagedList } from "./paged-list.js";

const maxLength = 2200;
let sections = 0;

/** Appends the comments section of `post` to `container`; returns the function that stops its list. */
export function commentsSection(container, post) {
  const headingId = `comments-${++sections}`;
  const heading = h("h2", { id: headingId, tabindex: "-1" }, "Comments");
  const list = h("ul", { class: "comment-list" });
  const drawn = new Map();

  // Pages come oldest first, but a comment posted here may arrive before older pages do, and again in a later page.
  function place(comment) {
    if (drawn.has(comment.id)) return drawn.get(comment.id);
    const item = commentItem(comment, post, {
      onReply: form.replyTo,
      onDeleted: () => {
        drawn.delete(comment.id);
        heading.focus();
      },
    });
    drawn.set(comment.id, item);
    // A reply whose comment is not on the page (deleted) goes with the top-level comments, by its time.
    const replies = comment.parentId && drawn.get(comment.parentId)?.querySelector(":scope > .replies");
    insertByTime(replies || list, item);
    return item;
  }

  const form = commentForm(post, (comment) => {
    const item = place(comment);
    item.classList.add("fresh");
    item.scrollIntoView({ block: "nearest" });
  });
  container.append(h("section", { class: "card comments", "aria-labelledby": headingId }, heading, form.element, list));
  return pagedList(list, {
    path: `/v1/posts/${post.id}/comments`,
    limit: 20,
    emptyText: "No comments yet. Start the conversation.",
    renderItem: (comment) => {
      place(comment);
      return null;
    },
  });
}

// Ids are 64-bit and time-sortable, too big for a Number.
const later = (a, b) => BigInt(a) > BigInt(b);

function insertByTime(parent, item) {
  let before = null;
  for (let node = parent.lastElementChild; node && later(node.dataset.commentId, item.dataset.commentId); node = node.previousElementSibling) {
    before = node;
  }
  parent.insertBefore(item, before);
}

function commentItem(comment, post, { onReply, onDeleted }) {
  const me = currentUser();
  const { author } = comment;
  const canDelete = me && (me.id === author.id || me.id === post.author.id);
  const remove = canDelete && h("button", {
    type: "button", class: "text-button danger small", "aria-label": `Delete comment by ${author.username}`,
    onclick: () => busy(remove, async () => {
      const sure = await confirmDialog({
        title: "Delete comment?",
        text: comment.parentId ? "The reply will be removed for everyone." : "The comment and its replies will be removed for everyone.",
        confirmLabel: "Delete",
        danger: true,
      });
      if (!sure) return;
      await api(`/v1/posts/${post.id}/comments/${comment.id}`, { method: "DELETE" });
      item.remove();
      toast("Comment deleted.");
      onDeleted();
    }),
  }, "Delete");

  const item = h("li", { class: "comment", dataset: { commentId: comment.id } },
    h("div", { class: "comment-row" },
      avatar(author, 32),
      h("div", { class: "comment-main" },
        h("p", { class: "comment-text" },
          link(`/u/${encodeURIComponent(author.username)}`, { class: "author-inline" }, author.username),
          author.isVerified && h("span", { class: "verified", title: "Verified" }, " ✓"),
          " ", richText(comment.text)),
        h("p", { class: "comment-meta muted small" },
          time(comment.createdAt),
          Number(comment.likeCount) > 0 && h("span", {}, `${count(comment.likeCount)} ${Number(comment.likeCount) === 1 ? "like" : "likes"}`),
          h("button", { type: "button", class: "text-button small", "aria-label": `Reply to ${author.username}`, onclick: () => onReply(comment) }, "Reply"),
          remove))),
    comment.parentId ? null : h("ul", { class: "replies" }));
  return item;
}

function commentForm(post, onPosted) {
  let replyingTo = null;
  // Kept with the body it was made for until the API accepts it: resending the same comment after a lost answer
  // replays the first result instead of commenting twice, while a changed comment is a new one.
  let pending = null;

  const label = h("span", { class: "visually-hidden" }, "Add a comment");
  const counter = h("span", { class: "muted small counter", "aria-hidden": "true" });
  const textarea = h("textarea", { name: "text", rows: 2, maxlength: maxLength, placeholder: "Add a comment…", required: true });
  const replyLabel = h("strong");
  const replying = h("p", { class: "replying small", hidden: true }, "Replying to ", replyLabel,
    h("button", { type: "button", class: "text-button small", onclick: () => cancelReply(true) }, "Cancel reply"));
  const element = h("form", { class: "comment-form" },
    replying,
    h("div", { class: "comment-compose" },
      h("label", { class: "comment-field" }, label, textarea),
      h("button", { type: "submit", class: "primary small-button" }, "Post")),
    counter);

  const showCount = () => { counter.textContent = `${textarea.value.length} / ${maxLength}`; };
  textarea.addEventListener("input", showCount);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      element.requestSubmit();
    } else if (event.key === "Escape" && replyingTo) {
      cancelReply(true);
    }
  });

  function cancelReply(focus) {
    replyingTo = null;
    replying.hidden = true;
    label.textContent = "Add a comment";
    if (focus) textarea.focus();
  }

  function replyTo(comment) {
    // A reply to a reply answers the same thread: the API nests one level only.
    replyingTo = { id: comment.parentId ?? comment.id, username: comment.author.username };
    replyLabel.textContent = `@${comment.author.username}`;
    label.textContent = `Reply to @${comment.author.username}`;
    replying.hidden = false;
    const mention = `@${comment.author.username} `;
    if (!textarea.value.startsWith(mention)) textarea.value = mention + textarea.value;
    showCount();
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  element.append(onSubmit(element, async () => {
    const text = textarea.value;
    if (!text.trim()) throw new Error("Write a comment first.");
    const body = replyingTo ? { text, parentId: replyingTo.id } : { text };
    const signature = JSON.stringify(body);
    if (pending?.signature !== signature) pending = { signature, key: newKey() };
    const comment = await api(`/v1/posts/${post.id}/comments`, { method: "POST", body, headers: { "Idempotency-Key": pending.key } });
    pending = null;
    textarea.value = "";
    showCount();
    cancelReply(false);
    onPosted(comment);
  }));
  showCount();
  return { element, replyTo };
}

