/*
 * A stand-in for PayPal's JS SDK (Buttons component), served only by Billfold's test server and example host. Its
 * button calls createOrder, then shows the approval step — PayPal opens a window; the stand-in opens a modal dialog
 * on the page — and calls onApprove or onCancel, approving the order at /stand-in/paypal/approve first.
 */
(() => {
  const base = `${new URL(document.currentScript.src).origin}/stand-in/paypal`;
  const approve = (orderId) =>
    fetch(`${base}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId }),
    });

  const approval = (orderID, options) => {
    const dialog = document.createElement('dialog');
    dialog.dataset.standIn = 'paypal-approval';
    dialog.setAttribute('aria-labelledby', 'stand-in-paypal-title');
    const title = document.createElement('h2');
    title.id = 'stand-in-paypal-title';
    title.textContent = 'PayPal (stand-in)';
    const text = document.createElement('p');
    text.textContent = `Approve order ${orderID}?`;
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.textContent = 'Approve';
    yes.addEventListener('click', async () => {
      await approve(orderID);
      dialog.close();
      dialog.remove();
      await options.onApprove({ orderID, payerID: 'PAYER-STANDIN' });
    });
    const no = document.createElement('button');
    no.type = 'button';
    no.textContent = 'Cancel';
    no.addEventListener('click', () => {
      dialog.close();
      dialog.remove();
      options.onCancel?.({ orderID });
    });
    dialog.append(title, text, yes, ' ', no);
    document.body.append(dialog);
    dialog.showModal();
    yes.focus();
  };

  window.paypal = {
    Buttons(options) {
      return {
        isEligible: () => true,
        render(target) {
          const button = document.createElement('button');
          button.type = 'button';
          button.dataset.standIn = 'paypal-button';
          button.textContent = 'PayPal';
          button.style.cssText =
            'background:#ffc439;color:#111;border:none;border-radius:4px;min-height:2.5rem;padding:0 2rem;font-weight:700';
          button.addEventListener('click', async () => {
            let orderID;
            try {
              orderID = await options.createOrder();
            } catch (error) {
              options.onError?.(error);
              return;
            }
            approval(orderID, options);
          });
          target.append(button);
          return Promise.resolve();
        },
      };
    },
  };
})();
