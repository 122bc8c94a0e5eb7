// Messages: the caller's conversations, newest activity first, each with its last message and unread count, in two
// folders — the inbox, and requests (started by people the caller does not follow) that can be accepted into it.
// A message arriving over the hub redraws the open folder, so the conversation it bumps comes first.
import { api } from "../api.js";
import { listen } from "../realtime.js";
import { currentUser } from "../session.js";
import { avatar, busy, h, link, mount, time, toast } from "../dom.js";
import { pagedList } from "../components/paged-list.js";
import { segments } from "../components/segments.js";
import { conversationTitle, folders, others, remember } from "../components/conversations.js";

const emptyTexts = {
  inbox: "No messages yet. Open someone's profile and choose Message to start a conversation.",
  requests: "No message requests. Messages from people you don't follow wait here until you accept them.",
};

export default function render(main, _params, { query }) {
  let folder = query.get("folder") === "requests" ? "requests" : "inbox";
  const heading = h("h1", { tabindex: "-1" }, "Messages");
  const body = h("div", { class: "conversations" });
  mount(main, h("section", { class: "page direct" },
    heading,
    segments("Folder", folders, folder, (value) => {
      folder = value;
      history.replaceState(null, "", value === "inbox" ? "/direct" : "/direct?folder=requests");
      show();
    }),
    body));

  let stop = null;
  function show() {
    stop?.();
    const list = h("ul", { class: "conversation-list", "aria-label": folder === "inbox" ? "Inbox" : "Message requests" });
    mount(body, list);
    const shown = folder;
    stop = pagedList(list, {
      path: "/v1/conversations",
      params: { folder: shown },
      limit: 20,
      emptyText: emptyTexts[shown],
      renderItem: (conversation) => {
        remember(conversation, shown);
        return conversationRow(conversation, shown, heading);
      },
    });
  }

  show();
  const stopListening = listen((event) => {
    if (event.type === "event" && (event.target === "message" || event.target === "messageRemoved")) show();
  });
  return () => {
    stop?.();
    stopListening();
  };
}

function conversationRow(conversation, folder, heading) {
  const title = conversationTitle(conversation);
  const last = conversation.lastMessage;
  const unread = Number(conversation.unreadCount);
  const accept = folder === "requests" && h("button", {
    type: "button", class: "primary small-button", "aria-label": `Accept ${title}`,
    onclick: () => busy(accept, async () => {
      await api(`/v1/conversations/${encodeURIComponent(conversation.id)}/accept`, { method: "POST" });
      remember(conversation, "inbox");
      const list = row.parentElement;
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      toast(`Moved ${title} to your inbox.`);
      (next?.querySelector("a, button") ?? heading).focus();
      if (list && list.children.length === 0) list.after(h("p", { class: "empty" }, emptyTexts.requests));
    }),
  }, "Accept");
  const row = h("li", { class: `conversation-row${unread > 0 ? " unread" : ""}` },
    link(`/direct/${encodeURIComponent(conversation.id)}`, { class: "conversation-link" },
      avatar(others(conversation)[0] ?? currentUser(), 48),
      h("span", { class: "names" },
        h("strong", {}, title),
        h("span", { class: "muted small conversation-preview" }, preview(last), last && [" · ", time(last.createdAt)])),
      unread > 0 && h("span", { class: "unread-count" }, h("span", { "aria-hidden": "true" }, String(unread)),
        h("span", { class: "visually-hidden" }, `, ${unread} unread`))),
    accept);
  return row;
}

function preview(message) {
  if (!message) return "No messages yet";
  const body = message.removed ? "Message removed" : message.text ?? (message.media?.type === "video" ? "Sent a video" : "Sent a photo");
  return message.senderId === currentUser()?.id ? `You: ${body}` : body;
}
