// The signed-in session. The access token lives in memory only; the refresh token is kept in localStorage so a
// reload stays signed in (the page's Content-Security-Policy admits no script but this origin's own modules).
// Tokens are refreshed a minute before the access token expires, and on a 401, one refresh at a time.

const refreshKey = "instagram.refreshToken";
const listeners = new Set();
let accessToken = null;
let me = null;
let refreshTimer = null;
let refreshing = null;

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const currentUser = () => me;
export const accessTokenNow = () => accessToken;
export const hasSession = () => accessToken !== null || localStorage.getItem(refreshKey) !== null;

export function setCurrentUser(user) {
  me = user;
  listeners.forEach((listener) => listener(me));
}

/** Stores a token pair from login, register or refresh, and schedules the next silent refresh. */
export function acceptTokens({ accessToken: access, refreshToken }) {
  accessToken = access;
  localStorage.setItem(refreshKey, refreshToken);
  clearTimeout(refreshTimer);
  const expiresAt = expiryOf(access);
  if (expiresAt) {
    const wait = Math.max(5_000, expiresAt - Date.now() - 60_000);
    refreshTimer = setTimeout(() => refreshTokens().catch(() => {}), wait);
  }
}

export function clearSession() {
  accessToken = null;
  clearTimeout(refreshTimer);
  localStorage.removeItem(refreshKey);
  setCurrentUser(null);
}

/** Spends the refresh token for a new pair; concurrent callers share one request. False when signed out. */
export function refreshTokens() {
  refreshing ??= (async () => {
    const refreshToken = localStorage.getItem(refreshKey);
    if (!refreshToken) return false;
    const response = await fetch("/v1/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) {
      if (response.status === 400 || response.status === 401) clearSession();
      return false;
    }
    acceptTokens(await response.json());
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

function expiryOf(jwt) {
  try {
    const payload = JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return typeof payload.exp === "number" ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
