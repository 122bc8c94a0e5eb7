// The log-in and sign-up forms share their frame: labelled fields, one submit button, the API's refusal shown inline.
import { api } from "../api.js";
import { acceptTokens, setCurrentUser } from "../session.js";
import { h, link, mount } from "../dom.js";

export function authPage(main, { title, fields, submitLabel, endpoint, toBody, footer, context }) {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "primary wide" }, submitLabel);
  const form = h("form", { class: "card auth", novalidate: true },
    h("h1", { class: "brand big" }, "Instagram.Orleans"),
    h("p", { class: "muted" }, title),
    fields.map(({ name, label, type = "text", autocomplete, required = true, minlength }) =>
      h("label", { class: "field" }, h("span", {}, label),
        h("input", { name, type, autocomplete, required, minlength }))),
    error,
    button);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      const values = Object.fromEntries(new FormData(form));
      acceptTokens(await api(endpoint, { method: "POST", body: toBody(values) }));
      setCurrentUser(await api("/v1/users/me"));
      const next = context.query.get("next");
      context.navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  mount(main, h("section", { class: "page narrow" }, form, h("p", { class: "card center" }, footer)));
  form.querySelector("input").focus();
}

export const switchLink = (text, href, label) => [text, " ", link(href, {}, label)];
