// The real-time hub (/hubs/realtime) over a plain WebSocket, speaking SignalR's JSON protocol without its client
// library: a handshake record, then JSON records each ended by \u001e. Server events are invocations (type 1: target
// and arguments), pings are type 6, a close is type 7. Heartbeat() every 15 s keeps the user online and the connection
// alive. One connection for the whole client, open while anything listens, reopened with growing waits after a drop;
// listeners hear { type: "open" } after every (re)connection, so they can catch up on what they missed meanwhile.
import { accessTokenNow, refreshTokens } from "./session.js";

const separator = "\u001e";
const heartbeatMs = 15_000;
// Moving from one messages page to the next should not drop the connection in between.
const lingerMs = 10_000;
const listeners = new Set();
let socket = null;
let connecting = false;
let retry = null;
let linger = null;
let failures = 0;

/** Calls `listener({ type: "open" })` on each connection and `listener({ type: "event", target, payload })` on each server event. Returns the unsubscribe function. */
export function listen(listener) {
  listeners.add(listener);
  clearTimeout(linger);
  if (!socket && !connecting) connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) linger = setTimeout(disconnect, lingerMs);
  };
}

const emit = (event) => listeners.forEach((listener) => listener(event));
const record = (message) => JSON.stringify(message) + separator;

async function connect() {
  clearTimeout(retry);
  connecting = true;
  try {
    // After a failed attempt the access token may be the reason (it expired while the tab slept): refresh it first.
    if (failures > 0 || !accessTokenNow()) await refreshTokens().catch(() => false);
  } finally {
    connecting = false;
  }
  const token = accessTokenNow();
  if (listeners.size === 0 || !token || socket) return;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${location.host}/hubs/realtime?access_token=${encodeURIComponent(token)}`);
  socket = ws;
  let heartbeat = null;
  let handshaken = false;
  let buffer = "";

  ws.addEventListener("open", () => ws.send(record({ protocol: "json", version: 1 })));
  ws.addEventListener("message", (event) => {
    buffer += event.data;
    const records = buffer.split(separator);
    buffer = records.pop();
    for (const text of records) {
      const message = JSON.parse(text);
      if (!handshaken) {
        // The handshake answer: {} or {"error": "..."}.
        if (message.error) {
          ws.close();
          return;
        }
        handshaken = true;
        failures = 0;
        heartbeat = setInterval(() => send("Heartbeat"), heartbeatMs);
        send("Heartbeat");
        emit({ type: "open" });
      } else if (message.type === 1) {
        emit({ type: "event", target: message.target, payload: message.arguments?.[0] });
      } else if (message.type === 7) {
        // The server closes (its error, if any, is not the reader's business): reconnect as after a drop.
        ws.close();
      }
    }
  });
  ws.addEventListener("close", () => {
    clearInterval(heartbeat);
    if (socket !== ws) return;
    socket = null;
    if (listeners.size === 0) return;
    // 1 s, 2 s, 4 s ... up to 30 s, with some jitter so a restarted server is not met by every client at once.
    const wait = Math.min(30_000, 1000 * 2 ** failures++) * (0.75 + Math.random() / 2);
    retry = setTimeout(connect, wait);
  });
}

/** Invokes a hub method without waiting for its result (no invocation id: the server sends no completion). */
export function send(target, ...args) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(record({ type: 1, target, arguments: args }));
}

function disconnect() {
  if (listeners.size > 0) return;
  clearTimeout(retry);
  const ws = socket;
  socket = null;
  failures = 0;
  ws?.close();
}
