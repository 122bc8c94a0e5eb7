// A panel standing in for a page's content when there is none to show: locked, blocked, gone.
import { h } from "../dom.js";
import { icon as drawIcon } from "../icons.js";

export function notice({ title, text, icon, actions = [], level = "h2", ...attributes }) {
  return h("div", { class: "card notice", ...attributes },
    icon && h("p", { class: "notice-icon", "aria-hidden": "true" }, drawIcon(icon)),
    h(level, {}, title),
    text && h("p", { class: "muted" }, text),
    actions.length > 0 && h("p", { class: "notice-actions" }, actions));
}
