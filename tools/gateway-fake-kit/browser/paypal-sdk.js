/*
 * A stand-in for PayPal's JS SDK (Buttons component), served by the gateway fake kit's loopback PayPal at /sdk/js
 * (the real one loads from www.paypal.com, out of reach here). Its button calls createOrder (the host's server
 * creates the order at PayPal), then shows the buyer's approval — PayPal opens its own window; the stand-in opens a
 * modal dialog on the page whose Approve approves the order at the fake (as the buyer does on paypal.com) — and calls
 * onApprove (the host's server captures) or onCancel.
 */
(() => {
  const origin = new URL(document.currentScript.src).origin;

  const approval = (orderID, options) => {
    const dialog = document.createElement('dialog');
    dialog.dataset.fake = 'paypal-approval';
    dialog.setAttribute('aria-labelledby', 'fake-paypal-title');
    const title = document.createElement('h2');
    title.id = 'fake-paypal-title';
    title.textContent = 'PayPal (test)';
    const text = document.createElement('p');
    text.textContent = `Approve order ${orderID}?`;
    const close = () => {
      dialog.close();
      dialog.remove();
    };
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.textContent = 'Approve';
    yes.addEventListener('click', async () => {
      const answer = await fetch(`${origin}/fake/checkoutnow/${encodeURIComponent(orderID)}/approve`, {
        method: 'POST',
      });
      close();
      if (!answer.ok) {
        options.onError?.(new Error(`PayPal could not approve order ${orderID}`));
        return;
      }
      await options.onApprove({ orderID, payerID: 'FAKEPAYER' });
    });
    const no = document.createElement('button');
    no.type = 'button';
    no.textContent = 'Cancel';
    no.addEventListener('click', () => {
      close();
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
          button.dataset.fake = 'paypal-button';
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
