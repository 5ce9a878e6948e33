/** The element that has focus, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/**
 * Opens a native modal `<dialog>` (the browser traps focus and makes the page inert) and gives focus back to the
 * control that opened it when it closes, even from inside a shadow root.
 */
export function openModal(dialog: HTMLDialogElement | null | undefined): void {
  if (!dialog || dialog.open) return;
  const opener = deepActiveElement();
  const restore = () => {
    // A close while the dialog is open again is whileNonModal switching modality, not the end.
    if (dialog.open) return;
    dialog.removeEventListener('close', restore);
    if (opener?.isConnected) opener.focus();
  };
  dialog.addEventListener('close', restore);
  dialog.showModal();
}

/**
 * Runs a payment provider's step that may put up its own overlay (Stripe's 3-D Secure challenge) with the dialog
 * non-modal meanwhile: a modal dialog makes everything outside it inert, the provider's overlay included. The
 * dialog's `close` listeners see it open again (`dialog.open`) and must ignore those closes.
 */
export async function whileNonModal<T>(dialog: HTMLDialogElement | null, step: () => Promise<T>): Promise<T> {
  if (dialog?.open) {
    dialog.close();
    dialog.show();
  }
  try {
    return await step();
  } finally {
    if (dialog?.open) {
      dialog.close();
      dialog.showModal();
    }
  }
}

/** Whether a `close` event is a real close rather than {@link whileNonModal} switching modality. */
export function reallyClosed(event: Event): boolean {
  return !(event.target as HTMLDialogElement).open;
}
