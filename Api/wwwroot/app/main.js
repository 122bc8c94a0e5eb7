// Boots the client: restores the session, draws the bars, and routes links and history to pages.
import { api } from "./api.js";
import { currentUser, hasSession, onSessionChange, refreshTokens, setCurrentUser } from "./session.js";
import { match } from "./routes.js";
import { errorBox, h, link, loading, mount } from "./dom.js";
import { icon } from "./icons.js";

const main = document.getElementById("main");
let cleanup = null;
let generation = 0;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  render();
}

async function render() {
  const mine = ++generation;
  cleanup?.();
  cleanup = null;
  const found = match(location.pathname);
  if (!found) {
    document.title = "Not found · Instagram.Orleans";
    mount(main, h("section", { class: "page narrow" }, h("h1", {}, "Page not found"), link("/", {}, "Go home")));
    return;
  }
  if (!found.route.public && !currentUser()) {
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    return;
  }
  document.title = `${found.route.title} · Instagram.Orleans`;
  mount(main, loading());
  try {
    const module = await found.route.page();
    if (mine !== generation) return;
    const result = await module.default(main, found.params, { navigate, query: new URLSearchParams(location.search) });
    if (mine !== generation) {
      result?.();
      return;
    }
    cleanup = typeof result === "function" ? result : null;
  } catch (error) {
    if (mine === generation) mount(main, h("section", { class: "page narrow" }, errorBox(error)));
  }
  highlightTab();
  main.focus({ preventScroll: true });
}

function drawBars(user) {
  mount(document.getElementById("topbar"),
    link("/", { class: "brand" }, "Instagram.Orleans"),
    user && h("div", { class: "topbar-actions" },
      link("/search", { class: "icon-button", "aria-label": "Search" }, icon("search")),
      link("/trending", { class: "text-button wide-only" }, "Trending"),
      h("button", { class: "text-button", type: "button", onclick: logout }, "Log out")));
  const tabs = document.getElementById("tabbar");
  if (!user) {
    tabs.replaceChildren();
    return;
  }
  mount(tabs,
    // The visible words are the links' names (a different aria-label would hide them from speech input).
    link("/", { class: "tab" }, icon("home"), h("span", {}, "Home")),
    link("/explore", { class: "tab" }, icon("explore"), h("span", {}, "Explore")),
    link("/reels", { class: "tab" }, icon("reels"), h("span", {}, "Reels")),
    link("/compose", { class: "tab" }, icon("compose"), h("span", {}, "Post")),
    link("/direct", { class: "tab" }, icon("messages"), h("span", {}, "Messages")),
    link("/notifications", { class: "tab" }, icon("heart"), h("span", {}, "Activity")),
    link(`/u/${encodeURIComponent(user.username)}`, { class: "tab" },
      h("span", { class: "avatar placeholder tab-avatar", "aria-hidden": "true" }, user.username.slice(0, 1).toUpperCase()),
      h("span", {}, "Profile")));
  highlightTab();
}

function highlightTab() {
  for (const tab of document.querySelectorAll("#tabbar a")) {
    // A tab stays current on the pages under it (a conversation under Messages).
    const href = tab.getAttribute("href");
    if (href === location.pathname || (href !== "/" && location.pathname.startsWith(`${href}/`))) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
}

async function logout() {
  const { clearSession } = await import("./session.js");
  try {
    await api("/v1/auth/logout", { method: "POST" });
  } catch {
    // Signed out locally either way; the server forgets the tokens when they expire.
  }
  clearSession();
  navigate("/login");
}

document.addEventListener("click", (event) => {
  const anchor = event.target.closest?.("a[data-link]");
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(anchor.getAttribute("href"));
});
window.addEventListener("popstate", render);
onSessionChange(drawBars);

async function boot() {
  if (hasSession() && (await refreshTokens())) {
    try {
      setCurrentUser(await api("/v1/users/me"));
    } catch {
      setCurrentUser(null);
    }
  } else {
    drawBars(null);
  }
  await render();
}

boot();
