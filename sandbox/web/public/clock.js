/**
 * The sandbox clock panel: the sandbox's now in Beijing time (with the weekday), the next
 * reminder and deadline, and the jumps. A jump answers once the reminders it made due were
 * sent; they reach the chats as live events meanwhile.
 */
import { api } from './api.js';
import { byId } from './dom.js';
import { t } from './strings.js';
import { fromLocalInputValue, longDateTime, shortDateTime, toLocalInputValue } from './time.js';

/** The sandbox clock runs in real time between jumps: redraw now and then, ask again less often. */
const REDRAW_MS = 10_000;
const REFRESH_MS = 60_000;

export function createClockPanel({ onJumped }) {
  let state = null;
  let fetchedAt = 0;
  let busy = false;
  let status = '';
  const buttons = ['jump-reminder', 'jump-deadline', 'jump-day'].map(byId);
  const input = byId('jump-at');
  const form = byId('jump-form');

  const now = () => new Date(new Date(state.now).getTime() + (Date.now() - fetchedAt));
  const orNone = (iso) => (iso === null ? t('none') : shortDateTime(new Date(iso)));

  function render() {
    for (const button of [...buttons, ...form.querySelectorAll('button, input')]) button.disabled = busy || state === null;
    byId('clock-status').textContent = status;
    if (state === null) return;
    const current = now();
    const display = byId('clock-now');
    display.textContent = longDateTime(current);
    display.dateTime = current.toISOString();
    byId('clock-next-reminder').textContent = t('nextReminder', { time: orNone(state.nextReminder) });
    byId('clock-next-deadline').textContent = t('nextDeadline', { time: orNone(state.nextDeadline) });
    // Offer the current time as a starting point, unless someone is typing a date there.
    if (document.activeElement !== input) input.value = toLocalInputValue(current);
  }

  function accept(next) {
    state = next;
    fetchedAt = Date.now();
  }

  async function refresh() {
    try {
      accept(await api.clock());
    } catch (error) {
      status = t('error', { message: error.message });
    }
    render();
  }

  async function jump(body, nothingAhead) {
    busy = true;
    status = t('jumping');
    render();
    try {
      accept(await api.jump(body));
      status = t('jumped', { time: longDateTime(new Date(state.now)) });
      onJumped?.();
    } catch (error) {
      status = error.status === 409 && nothingAhead ? t(nothingAhead) : t('error', { message: error.message });
    } finally {
      busy = false;
      render();
    }
  }

  byId('jump-reminder').addEventListener('click', () => jump({ to: 'next-reminder' }, 'noReminderAhead'));
  byId('jump-deadline').addEventListener('click', () => jump({ to: 'next-deadline' }, 'noDeadlineAhead'));
  byId('jump-day').addEventListener('click', () => jump({ to: 'next-day' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value) void jump({ at: fromLocalInputValue(input.value) });
  });

  setInterval(render, REDRAW_MS);
  setInterval(() => void refresh(), REFRESH_MS);
  return { refresh, render };
}
