// One conversation: its messages oldest first in a scrolling log that loads older ones when scrolled to the top, a
// composer that sends each message exactly once however often a failed send is retried (the same clientMessageId),
// the conversation marked read up to the newest message shown, and new messages, read receipts and removals live from the hub.
// After every (re)connection the thread catches up with afterSeq; messages are kept by seq, so none shows twice.
import { api, newKey, query } from "../api.js";
import { listen } from "../realtime.js";
import { currentUser } from "../session.js";
import { avatar, busy, errorBox, h, link, loading, mount, time, toast } from "../dom.js";
import { onSubmit } from "../components/form-submit.js";
import { conversationTitle, findConversation, others, remember } from "../components/conversations.js";

const pageSize = 30;
const maxLength = 2200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function render(main, { conversationId }) {
  const base = `/v1/conversations/${encodeURIComponent(conversationId)}`;
  const me = currentUser();
  const page = h("section", { class: "page thread" }, loading());
  mount(main, page);

  let found;
  try {
    found = await findConversation(conversationId);
  } catch (error) {
    mount(page, errorBox(error));
    return undefined;
  }
  if (!page.isConnected) return undefined;
  const conversation = found?.conversation;
  const title = conversation ? conversationTitle(conversation) : "Conversation";
  document.title = `${title} · Messages · Instagram.Orleans`;
  const names = new Map((conversation?.participants ?? []).map((user) => [user.id, user.username]));

  const list = h("ol", { class: "messages" });
  const older = h("div", { class: "sentinel older" });
  const scroller = h("div", { class: "thread-scroll", role: "log", "aria-label": `Messages with ${title}`, tabindex: "0" }, older, list);
  const field = h("textarea", { name: "text", rows: 1, maxlength: maxLength, placeholder: "Message…", required: true });
  const form = h("form", { class: "message-composer" },
    h("label", { class: "message-field" }, h("span", { class: "visually-hidden" }, "Message"), field),
    h("button", { type: "submit", class: "primary small-button" }, "Send"));
  mount(page,
    h("header", { class: "thread-header" },
      link("/direct", { class: "text-button back", "aria-label": "Back to messages" }, "‹"),
      avatar(conversation ? others(conversation)[0] ?? me : null, 36),
      h("h1", {}, title)),
    found?.folder === "requests" && requestBanner(),
    scroller,
    form);

  const drawn = new Map();
  let newest = 0;
  let marked = 0;
  let seenUpTo = 0;
  let olderCursor = null;
  let loaded = false;
  let stopped = false;

  function requestBanner() {
    const accept = h("button", {
      type: "button", class: "primary small-button",
      onclick: () => busy(accept, async () => {
        await api(`${base}/accept`, { method: "POST" });
        remember(conversation, "inbox");
        banner.remove();
        toast("Moved to your inbox.");
        field.focus();
      }),
    }, "Accept");
    const banner = h("div", { class: "card request-banner" },
      h("p", {}, `${title} wants to send you messages. They won't know you've seen them until you reply or accept.`), accept);
    return banner;
  }

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const toBottom = () => { scroller.scrollTop = scroller.scrollHeight; };

  /** Draws a message once, in seq order; true when it is new here. */
  function place(message) {
    const seq = Number(message.seq);
    if (drawn.has(seq)) return false;
    const item = messageItem(message);
    drawn.set(seq, item);
    let before = null;
    for (let node = list.lastElementChild; node && Number(node.dataset.seq) > seq; node = node.previousElementSibling) before = node;
    list.insertBefore(item, before);
    newest = Math.max(newest, seq);
    return true;
  }

  function messageItem(message) {
    const mine = message.senderId === me.id;
    const sender = mine ? "You" : names.get(message.senderId) ?? "Someone";
    const variants = message.media?.variants;
    return h("li", { class: `message ${mine ? "mine" : "theirs"}`, dataset: { seq: String(message.seq) } },
      h("p", { class: "bubble" },
        h("span", { class: "visually-hidden" }, `${sender}: `),
        ...(message.removed ? [removedNote()] : [
          message.media && (variants?.small
            ? h("img", { src: variants.small, alt: `Photo from ${sender}`, loading: "lazy", width: 240 })
            : h("span", { class: "muted" }, "Sent an attachment")),
          message.text])),
      h("span", { class: "message-time muted small" }, time(message.createdAt)));
  }

  // An admin removed it: the message keeps its place (and seq), without what it said.
  function removedNote() {
    return h("em", { class: "removed" }, "Message removed");
  }

  function markRemoved(seq) {
    const bubble = drawn.get(seq)?.querySelector(".bubble");
    bubble?.replaceChildren(bubble.firstElementChild, removedNote());
  }

  // "Seen" under the caller's last message once someone else has read that far.
  function drawSeen() {
    list.querySelector(".seen")?.remove();
    const last = [...drawn.entries()].filter(([, item]) => item.classList.contains("mine")).at(-1);
    if (last && seenUpTo >= last[0]) last[1].append(h("span", { class: "seen muted small" }, "Seen"));
  }

  /** Draws fresh messages (newer than what is shown), keeps the view at the bottom when it was there, and marks them read. */
  function arrive(messages, { scroll = false } = {}) {
    const stay = scroll || nearBottom();
    const added = messages.filter(place);
    if (added.length === 0) return;
    page.querySelector(".thread-empty")?.remove();
    drawSeen();
    if (stay) toBottom();
    markRead();
  }

  async function markRead() {
    if (newest <= marked || document.hidden) return;
    marked = newest;
    try {
      await api(`${base}/read`, { method: "POST", body: { upToSeq: newest } });
    } catch {
      // Unread counts lag until the next time the thread is shown; nothing here depends on it.
    }
  }

  async function loadOlder() {
    if (!olderCursor || stopped) return;
    const cursor = olderCursor;
    olderCursor = null;
    older.replaceChildren(loading("Loading older messages…"));
    try {
      const result = await api(`${base}/messages${query({ cursor, limit: pageSize })}`);
      if (stopped) return;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      result.items.forEach(place);
      drawSeen();
      scroller.scrollTop = scroller.scrollHeight - fromBottom;
      olderCursor = result.nextCursor ?? null;
      older.replaceChildren();
    } catch (error) {
      olderCursor = cursor;
      older.replaceChildren(errorBox(error), h("button", { type: "button", class: "secondary", onclick: loadOlder }, "Try again"));
    }
  }

  // Everything after the newest message shown, page by page: after a reconnection, and instead of the hub when it is down.
  async function catchUp() {
    if (!loaded || stopped) return;
    let cursor = null;
    do {
      const result = await api(`${base}/messages${query(cursor ? { cursor, limit: 100 } : { afterSeq: newest, limit: 100 })}`);
      if (stopped) return;
      arrive(result.items);
      cursor = result.nextCursor;
    } while (cursor);
  }

  const stopListening = listen((event) => {
    if (event.type === "open") {
      catchUp().catch(() => {});
    } else if (event.payload?.conversationId !== conversationId) {
      // Another conversation's event.
    } else if (event.target === "message") {
      arrive([event.payload.message]);
    } else if (event.target === "messageRemoved") {
      markRemoved(Number(event.payload.seq));
    } else if (event.target === "read" && event.payload.userId !== me.id) {
      seenUpTo = Math.max(seenUpTo, Number(event.payload.upToSeq));
      drawSeen();
    }
  });
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) loadOlder();
  }, { root: scroller, rootMargin: "200px 0px 0px 0px" });
  const onVisible = () => markRead();
  document.addEventListener("visibilitychange", onVisible);
  const stop = () => {
    stopped = true;
    stopListening();
    observer.disconnect();
    document.removeEventListener("visibilitychange", onVisible);
  };

  form.append(onSubmit(form, () => sendFrom(field)));
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // Kept with its text until the API accepts it: sending the same text again after a failure reuses the id, so the
  // server answers with the stored message instead of storing it twice; changed text is a new message.
  let pending = null;
  async function sendFrom(input) {
    const text = input.value;
    if (!text.trim()) throw new Error("Write a message first.");
    if (pending?.text !== text) pending = { text, clientMessageId: newKey() };
    const message = await sendWithRetries({ clientMessageId: pending.clientMessageId, text });
    pending = null;
    input.value = "";
    arrive([message], { scroll: true });
    input.focus();
  }

  // A network failure (no answer at all) is retried twice with the same clientMessageId; refusals are shown at once.
  async function sendWithRetries(body) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await api(`${base}/messages`, { method: "POST", body });
      } catch (error) {
        if (error.status !== 0 || attempt >= 2) throw error;
        await sleep(1000 * 2 ** attempt);
      }
    }
  }

  try {
    const first = await api(`${base}/messages${query({ limit: pageSize })}`);
    if (stopped) return stop;
    loaded = true;
    olderCursor = first.nextCursor ?? null;
    arrive(first.items, { scroll: true });
    if (first.items.length === 0) list.before(h("p", { class: "empty thread-empty" }, `No messages yet. Say hello to ${title}.`));
    observer.observe(older);
  } catch (error) {
    stop();
    mount(page, errorBox(error));
    return undefined;
  }
  return stop;
}
