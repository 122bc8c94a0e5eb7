// The story viewer: one user's stories full screen, each for a few seconds with a progress bar per story on top.
// Tap the right or left half (or ArrowRight / ArrowLeft) to move; Escape or Close goes home. After the last story
// it moves on to the next user in the tray with something unseen. The author also gets Viewers and Delete.
import { api } from "../api.js";
import { pagedList } from "../components/paged-list.js";
import { loadTray, markViewed } from "../components/stories.js";
import { userRow } from "../components/user-row.js";
import { currentUser } from "../session.js";
import { avatar, busy, empty, h, link, mount, time, timeAgo, toast } from "../dom.js";

const storyMs = 5000;

export default async function render(main, { userId }, context) {
  const tray = await loadTray();
  const index = tray.findIndex((entry) => entry.user.id === userId);
  if (index < 0) {
    mount(main, h("section", { class: "page narrow" },
      h("h1", {}, "Stories"), empty("No stories to show: they may have expired, or you no longer follow this account."),
      link("/", {}, "Back to the feed")));
    return undefined;
  }
  const viewer = storyViewer(tray, index, context);
  mount(main, viewer.element);
  return viewer.close;
}

function storyViewer(tray, index, context) {
  const { user, stories } = tray[index];
  const mine = user.id === currentUser()?.id;
  // Open at the first unseen story, as where the viewer left off last time.
  let at = Math.max(0, stories.findIndex((story) => !story.seen));
  let elapsed = 0;
  let last = null;
  let frame = 0;
  let loaded = false;
  let pausedByUser = false;
  let finished = false;

  const bars = h("div", { class: "story-progress", "aria-hidden": "true" });
  const position = h("span", { class: "visually-hidden", role: "status" });
  const when = h("span", { class: "story-time" });
  const picture = h("div", { class: "story-media" });
  const pause = h("button", { type: "button", class: "story-button", onclick: () => setPaused(!pausedByUser) });
  const viewersDialog = mine ? viewersSheet(() => stories[at]) : null;
  const element = h("section", { class: "story-viewer", role: "dialog", "aria-modal": "true", "aria-label": `Stories by ${user.username}` },
    bars,
    h("header", { class: "story-header" },
      link(`/u/${encodeURIComponent(user.username)}`, { class: "author story-author" }, avatar(user, 32), h("strong", {}, user.username)),
      when, position,
      h("span", { class: "spacer" }),
      pause,
      h("button", { type: "button", class: "story-button", "aria-label": "Close stories", onclick: close }, "✕")),
    picture,
    h("button", { type: "button", class: "story-tap prev", "aria-label": "Previous story", onclick: () => go(at - 1) }),
    h("button", { type: "button", class: "story-tap next", "aria-label": "Next story", onclick: () => go(at + 1) }),
    mine && h("footer", { class: "story-footer" },
      h("button", { type: "button", class: "story-button text", onclick: () => viewersDialog.open() }, "Viewers"),
      h("button", { type: "button", class: "story-button text danger", onclick: (event) => busy(event.currentTarget, remove) }, "Delete")),
    viewersDialog?.element);

  function drawBars() {
    mount(bars, stories.map((_, i) => h("span", { class: "story-bar" },
      h("span", { class: "story-fill", style: { transform: `scaleX(${i < at ? 1 : 0})` } }))));
  }

  function show() {
    const story = stories[at];
    elapsed = 0;
    last = null;
    loaded = false;
    drawBars();
    mount(when, time(story.createdAt));
    position.textContent = `Story ${at + 1} of ${stories.length}`;
    const image = h("img", {
      src: story.media.variants.full ?? story.media.variants.medium,
      alt: `Story by ${user.username}, ${timeAgo(story.createdAt) === "now" ? "just now" : `${timeAgo(story.createdAt)} ago`}`,
      decoding: "async",
    });
    // The clock starts once the picture is there; a broken one still moves on rather than stalling the viewer.
    const ready = () => { loaded = true; };
    image.addEventListener("load", ready, { once: true });
    image.addEventListener("error", () => {
      ready();
      picture.append(h("p", { class: "story-missing" }, "This story's picture could not be loaded."));
    }, { once: true });
    mount(picture, image);
    if (!mine && !story.seen) {
      markViewed(story).catch((error) => toast(error.message, "error"));
    }
  }

  function go(next) {
    if (next < 0) {
      // Before the first story: start it over, as there is nothing earlier from this user.
      show();
      return;
    }
    if (next >= stories.length) {
      finish();
      return;
    }
    at = next;
    show();
  }

  // The next user in the tray with something unseen (after this one first, then from the start), else home.
  function finish() {
    if (finished) return;
    finished = true;
    tray[index].allSeen = true;
    const order = [...tray.slice(index + 1), ...tray.slice(0, index)];
    const next = order.find((entry) => !entry.allSeen);
    context.navigate(next ? `/stories/${encodeURIComponent(next.user.id)}` : "/", { replace: true });
  }

  function isPaused() {
    return pausedByUser || document.hidden || !loaded || viewersDialog?.isOpen();
  }

  function tick(now) {
    frame = requestAnimationFrame(tick);
    if (isPaused() || finished) {
      last = null;
      return;
    }
    // A long gap between frames (a background tab) counts as none: the story only runs while it is seen.
    if (last !== null) elapsed += Math.min(now - last, 100);
    last = now;
    const fill = bars.children[at]?.firstChild;
    if (fill) fill.style.transform = `scaleX(${Math.min(1, elapsed / storyMs)})`;
    if (elapsed >= storyMs) go(at + 1);
  }

  function setPaused(paused) {
    pausedByUser = paused;
    pause.textContent = paused ? "▶" : "❚❚";
    pause.setAttribute("aria-label", paused ? "Play stories" : "Pause stories");
    element.classList.toggle("paused", paused);
  }

  function onKey(event) {
    if (viewersDialog?.isOpen() || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") close();
    else if (event.key === "ArrowRight") go(at + 1);
    else if (event.key === "ArrowLeft") go(at - 1);
    else return;
    event.preventDefault();
  }

  async function remove() {
    if (!confirm("Delete this story?")) return;
    const story = stories[at];
    await api(`/v1/stories/${encodeURIComponent(story.id)}`, { method: "DELETE" });
    toast("Story deleted.");
    stories.splice(at, 1);
    if (stories.length === 0) {
      finished = true;
      context.navigate("/", { replace: true });
    } else {
      go(Math.min(at, stories.length - 1));
    }
  }

  function close() {
    finished = true;
    context.navigate("/", { replace: true });
  }

  // While the viewer covers the page, what is behind it is out of reach for the keyboard and screen readers.
  const behind = [...document.body.children].filter((child) => child.id !== "main" && child.id !== "toasts");
  for (const child of behind) child.inert = true;
  document.addEventListener("keydown", onKey);
  setPaused(false);
  show();
  frame = requestAnimationFrame(tick);
  // The router focuses <main> once the page is drawn; the close button is the place to start from.
  setTimeout(() => element.querySelector("[aria-label='Close stories']")?.focus(), 0);

  return {
    element,
    close: () => {
      finished = true;
      cancelAnimationFrame(frame);
      document.removeEventListener("keydown", onKey);
      for (const child of behind) child.inert = false;
    },
  };
}

/** The author's list of who saw the current story, in a modal <dialog> (Escape closes it natively). */
function viewersSheet(currentStory) {
  const list = h("ul", { class: "user-list" });
  let stop = null;
  const dialog = h("dialog", { class: "sheet", "aria-labelledby": "story-viewers-title" },
    h("header", { class: "sheet-header" },
      h("h2", { id: "story-viewers-title" }, "Viewers"),
      h("button", { type: "button", class: "story-button dark", "aria-label": "Close viewers", onclick: () => dialog.close() }, "✕")),
    list);
  dialog.addEventListener("close", () => {
    stop?.();
    stop = null;
  });
  return {
    element: dialog,
    isOpen: () => dialog.open,
    open() {
      list.replaceChildren();
      stop = pagedList(list, {
        path: `/v1/stories/${encodeURIComponent(currentStory().id)}/viewers`,
        limit: 30,
        renderItem: (viewer) => userRow(viewer),
        emptyText: "No one has seen this story yet.",
      });
      dialog.showModal();
    },
  };
}
