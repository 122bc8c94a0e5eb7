// The HTTP API as this client uses it: JSON in and out, the bearer token, one silent refresh on a 401, a 429 waits for
// Retry-After (up to three times), and every refusal becomes an ApiError carrying the problem detail's text.
import { accessTokenNow, refreshTokens } from "./session.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function api(path, { method = "GET", body, headers = {}, retried = false, attempts = 0 } = {}) {
  const request = { method, headers: { accept: "application/json", ...headers } };
  if (body !== undefined) {
    request.headers["content-type"] = "application/json";
    request.body = JSON.stringify(body);
  }
  const token = accessTokenNow();
  if (token) request.headers.authorization = `Bearer ${token}`;

  let response;
  try {
    response = await fetch(path, request);
  } catch {
    throw new ApiError(0, { detail: "The server cannot be reached. Check your connection and try again." });
  }

  if (response.status === 401 && !retried && !path.startsWith("/v1/auth/") && (await refreshTokens())) {
    return api(path, { method, body, headers, retried: true, attempts });
  }
  if (response.status === 429 && attempts < 3) {
    const seconds = Number(response.headers.get("retry-after")) || 1;
    await sleep(Math.min(seconds, 30) * 1000);
    return api(path, { method, body, headers, retried, attempts: attempts + 1 });
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  if (response.status === 204) return null;
  const type = response.headers.get("content-type") || "";
  return type.includes("json") ? response.json() : null;
}

async function problemOf(response) {
  try {
    const problem = await response.json();
    if (!problem.detail && problem.errors) {
      problem.detail = Object.values(problem.errors).flat().join(" ");
    }
    return problem;
  } catch {
    return { title: response.statusText };
  }
}

/** Query string from an object, skipping empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A random key for a request that must happen once however often it is retried (Idempotency-Key, clientMessageId). */
export function newKey() {
  // crypto.randomUUID needs a secure context; a plain-http deployment still gets random keys.
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
