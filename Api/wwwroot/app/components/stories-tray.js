// The stories tray (a helper fills this in: seen rings, unseen first, own story first).
import { h } from "../dom.js";

export function storiesTray() {
  return h("div", { class: "tray", hidden: true });
}
