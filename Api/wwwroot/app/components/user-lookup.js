// A profile by username for the pages under /u/:username; an unknown (or blocked) name is a state, not an error.
import { api } from "../api.js";
import { link } from "../dom.js";
import { notice } from "./notice.js";

/** The full profile, or null when there is no such user for the caller (the API hides blocked accounts the same way). */
export async function findUser(username) {
  try {
    return await api(`/v1/users/${encodeURIComponent(username)}`);
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

export const missingUser = () => notice({
  level: "h1",
  icon: "missing",
  title: "This user does not exist",
  text: "The link may be broken, or the account may have been removed.",
  actions: [link("/search", { class: "button secondary" }, "Search for people")],
});
