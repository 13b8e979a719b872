/** Short notices: a toast for a button's answer, a modal for an answer with show_alert. */
import { byId } from './dom.js';

const TOAST_MS = 3500;
let toastTimer;

export function showToast(text) {
  const toast = byId('toast');
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toast.hidden = true;
  }, TOAST_MS);
}

export function hideToast() {
  clearTimeout(toastTimer);
  byId('toast').hidden = true;
}

export function showAlert(text) {
  const dialog = byId('alert');
  byId('alert-text').textContent = text;
  if (!dialog.open) dialog.showModal();
}
