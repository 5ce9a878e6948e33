/*
 * A stand-in for Stripe.js v3, served only by Billfold's test server and example host (the real script cannot be
 * loaded from Stripe here). It implements the part of Stripe's documented surface the elements use — Stripe(),
 * elements({ clientSecret }), create('payment').mount()/destroy(), confirmPayment, confirmSetup and
 * handleNextAction with redirect: 'if_required' — over the stand-in provider at /stand-in/stripe/*. Unlike Stripe's
 * iframes, the card fields are plain inputs; the 3-D Secure challenge is an overlay on the page, as Stripe's is.
 */
(() => {
  const base = `${new URL(document.currentScript.src).origin}/stand-in/stripe`;
  const post = (path, body) =>
    fetch(`${base}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.json());
  const messages = {
    card_declined: 'Your card was declined.',
    incorrect_number: 'Your card number is incorrect.',
    payment_intent_authentication_failure: 'We are unable to authenticate your payment method.',
  };
  const outcome = (reply, kind) =>
    reply.status === 'succeeded'
      ? { [kind]: { id: reply.id, status: 'succeeded' } }
      : {
          error: {
            type: reply.code === 'payment_intent_authentication_failure' ? 'invalid_request_error' : 'card_error',
            code: reply.code,
            message: messages[reply.code] ?? 'Something went wrong.',
          },
        };

  /** The 3-D Secure challenge: an overlay on the page with a complete and a fail button. */
  const challenge = (clientSecret) =>
    new Promise((resolve) => {
      const overlay = document.createElement('div');
      overlay.dataset.standIn = 'stripe-3ds';
      overlay.setAttribute('role', 'dialog');
      overlay.setAttribute('aria-modal', 'true');
      overlay.setAttribute('aria-labelledby', 'stand-in-3ds-title');
      overlay.style.cssText =
        'position:fixed;inset:0;z-index:2147483647;display:grid;place-items:center;background:rgb(0 0 0 / 0.6);font:16px system-ui';
      const panel = document.createElement('div');
      panel.style.cssText = 'background:#fff;color:#111;padding:24px;border-radius:8px;max-width:22rem';
      const title = document.createElement('h2');
      title.id = 'stand-in-3ds-title';
      title.textContent = '3-D Secure (stand-in)';
      const text = document.createElement('p');
      text.textContent = 'Confirm this payment with your bank.';
      const answer = (approved) => async () => {
        const reply = await post('authenticate', { clientSecret, approved });
        overlay.remove();
        resolve(reply);
      };
      const complete = document.createElement('button');
      complete.type = 'button';
      complete.textContent = 'Complete authentication';
      complete.addEventListener('click', answer(true));
      const fail = document.createElement('button');
      fail.type = 'button';
      fail.textContent = 'Fail authentication';
      fail.addEventListener('click', answer(false));
      panel.append(title, text, complete, ' ', fail);
      overlay.append(panel);
      document.body.append(overlay);
      complete.focus();
    });

  const field = (label, name, autocomplete) => {
    const wrapper = document.createElement('label');
    wrapper.style.cssText = 'display:block;margin:0 0 8px;font-weight:normal';
    wrapper.append(label);
    const input = document.createElement('input');
    input.name = name;
    input.autocomplete = autocomplete;
    input.inputMode = 'numeric';
    input.style.cssText = 'display:block;width:100%';
    wrapper.append(input);
    return { wrapper, input };
  };

  window.Stripe = (publishableKey) => {
    if (!publishableKey) throw new Error('Stripe(): a publishable key is required');
    const confirmWith = async (elements, kind) => {
      const first = await post('confirm', { clientSecret: elements.clientSecret, card: elements.cardNumber() });
      const reply = first.status === 'requires_action' ? await challenge(elements.clientSecret) : first;
      return outcome(reply, kind);
    };
    return {
      elements({ clientSecret }) {
        let number;
        return {
          clientSecret,
          cardNumber: () => number?.value ?? '',
          create(type) {
            if (type !== 'payment') throw new Error(`stand-in Stripe.js has no ${type} element`);
            const root = document.createElement('div');
            root.dataset.standIn = 'stripe-payment-element';
            const card = field('Card number', 'cardnumber', 'cc-number');
            const expiry = field('Expiry (MM / YY)', 'exp-date', 'cc-exp');
            const cvc = field('CVC', 'cvc', 'cc-csc');
            number = card.input;
            root.append(card.wrapper, expiry.wrapper, cvc.wrapper);
            return {
              mount: (target) => target.append(root),
              destroy: () => root.remove(),
            };
          },
        };
      },
      confirmPayment: ({ elements }) => confirmWith(elements, 'paymentIntent'),
      confirmSetup: ({ elements }) => confirmWith(elements, 'setupIntent'),
      handleNextAction: async ({ clientSecret }) => outcome(await challenge(clientSecret), 'paymentIntent'),
    };
  };
})();
