/**
 * The emulator's live events (Server-Sent Events): new, edited and deleted messages, answers
 * to pressed buttons, "typing…". EventSource reconnects by itself; `onOpen` runs on every
 * (re)connection so the page can reload what it may have missed.
 */
const STREAM = '/sandbox/api/events';
const EVENTS = ['message', 'callbackAnswer', 'chatAction'];

export function connectEvents(handlers) {
  const source = new EventSource(STREAM);
  source.addEventListener('open', () => handlers.onOpen?.());
  source.addEventListener('error', () => handlers.onError?.());
  for (const name of EVENTS) {
    source.addEventListener(name, (event) => handlers[name]?.(JSON.parse(event.data)));
  }
  return source;
}
