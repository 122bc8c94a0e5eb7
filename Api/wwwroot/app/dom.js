// Small DOM helpers: elements from a tag, attributes and children; captions with linked #hashtags and @mentions;
// relative times; toasts; loading, empty and error states. Text is always set as text, never as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    // Through the CSSOM: the Content-Security-Policy refuses style="" attributes.
    else if (name === "style") Object.assign(element.style, value);
    else if (name in element && typeof value !== "string") element[name] = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A link handled by the client-side router. */
export const link = (href, attributes, ...children) => h("a", { href, "data-link": "", ...attributes }, ...children);

/** A caption as text with #hashtags and @mentions turned into links. */
export function richText(text) {
  const parts = [];
  let last = 0;
  for (const match of (text ?? "").matchAll(/([#@])([\p{L}\p{N}_.]+)/gu)) {
    parts.push(text.slice(last, match.index));
    const [whole, sigil, name] = match;
    const clean = name.replace(/\.+$/, "");
    parts.push(sigil === "#"
      ? link(`/tags/${encodeURIComponent(clean.toLowerCase())}`, { class: "tag" }, `#${clean}`)
      : link(`/u/${encodeURIComponent(clean)}`, { class: "mention" }, `@${clean}`));
    parts.push(name.slice(clean.length));
    last = match.index + whole.length;
  }
  parts.push((text ?? "").slice(last));
  return parts;
}

const units = [["y", 31_536_000], ["w", 604_800], ["d", 86_400], ["h", 3_600], ["m", 60]];

export function timeAgo(iso) {
  const seconds = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  for (const [unit, size] of units) {
    if (seconds >= size) return `${Math.floor(seconds / size)}${unit}`;
  }
  return "now";
}

/** A <time> with a relative label and the exact time as its title. */
export const time = (iso) => h("time", { datetime: iso, title: new Date(iso).toLocaleString() }, timeAgo(iso));

export function toast(message, kind = "info") {
  const item = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
  document.getElementById("toasts").append(item);
  setTimeout(() => item.remove(), kind === "error" ? 6000 : 3000);
}

export const loading = (label = "Loading…") => h("p", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), label);
export const empty = (message) => h("p", { class: "empty" }, message);
export const errorBox = (error) => h("p", { class: "error", role: "alert" }, error?.message ?? String(error));

export function avatar(user, size = 32) {
  const label = user?.username ?? "";
  return user?.avatarUrl
    ? h("img", { class: "avatar", src: user.avatarUrl, alt: `${label}'s profile picture`, width: size, height: size, loading: "lazy" })
    : h("span", { class: "avatar placeholder", style: { width: `${size}px`, height: `${size}px` }, "aria-hidden": "true" }, label.slice(0, 1).toUpperCase());
}

export const count = (n) => Intl.NumberFormat(undefined, { notation: "compact" }).format(n ?? 0);

/** Runs an async action from a button, disabling it meanwhile and showing failures as a toast. */
export async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } catch (error) {
    toast(error.message, "error");
    return undefined;
  } finally {
    button.disabled = false;
  }
}
