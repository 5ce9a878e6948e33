/*
 * A stand-in for Stripe.js v3, served by the gateway fake kit's loopback Stripe at /v3/ (the real script loads from
 * js.stripe.com, out of reach here). It implements the part of Stripe's documented surface Billfold's elements use —
 * Stripe(publishableKey), elements({ clientSecret }), create('payment').mount()/destroy(), confirmPayment,
 * confirmSetup and handleNextAction with redirect: 'if_required' — and talks to the fake's API as Stripe.js talks to
 * api.stripe.com: with the publishable key, it creates a card PaymentMethod (POST /v1/payment_methods), confirms the
 * PaymentIntent or SetupIntent with its client secret (POST /v1/…/{id}/confirm), and for a `use_stripe_sdk`
 * next action shows the 3-D Secure challenge, whose answer goes to the challenge link the fake handed out, then reads
 * the PaymentIntent back. Unlike Stripe's iframes, the card fields are plain inputs (expiry and CVC prefilled: any
 * future date and any CVC do in test mode); the challenge is an overlay on the page, as Stripe's is.
 */
(() => {
  const api = new URL(document.currentScript.src).origin;

  /** A form body in Stripe's encoding (flat keys, brackets for nested ones). */
  const form = (fields) => new URLSearchParams(Object.entries(fields).filter(([, value]) => value !== undefined));

  const call = async (key, method, path, fields) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(fields ? { body: form(fields) } : {}),
    });
    const body = await response.json();
    return response.ok
      ? { object: body }
      : { error: body.error ?? { type: 'api_error', message: 'Something went wrong.' } };
  };

  const intentId = (clientSecret) => clientSecret.split('_secret_')[0];

  /** The 3-D Secure challenge: an overlay with a complete and a fail button; the answer goes to the bank (the fake). */
  const challenge = (link, clientSecret) =>
    new Promise((resolve) => {
      const overlay = document.createElement('div');
      overlay.dataset.fake = 'stripe-3ds';
      overlay.setAttribute('role', 'dialog');
      overlay.setAttribute('aria-modal', 'true');
      overlay.setAttribute('aria-labelledby', 'fake-3ds-title');
      overlay.style.cssText =
        'position:fixed;inset:0;z-index:2147483647;display:grid;place-items:center;background:rgb(0 0 0 / 0.6);font:16px system-ui';
      const panel = document.createElement('div');
      panel.style.cssText = 'background:#fff;color:#111;padding:24px;border-radius:8px;max-width:22rem';
      const title = document.createElement('h2');
      title.id = 'fake-3ds-title';
      title.textContent = '3-D Secure (test)';
      const text = document.createElement('p');
      text.textContent = 'Confirm this payment with your bank.';
      const answer = (outcome) => async () => {
        await fetch(link, { method: 'POST', body: form({ client_secret: clientSecret, outcome }) });
        overlay.remove();
        resolve();
      };
      const complete = document.createElement('button');
      complete.type = 'button';
      complete.textContent = 'Complete authentication';
      complete.addEventListener('click', answer('complete'), { once: true });
      const fail = document.createElement('button');
      fail.type = 'button';
      fail.textContent = 'Fail authentication';
      fail.addEventListener('click', answer('fail'), { once: true });
      panel.append(title, text, complete, ' ', fail);
      overlay.append(panel);
      document.body.append(overlay);
      complete.focus();
    });

  const field = (label, name, autocomplete, value) => {
    const wrapper = document.createElement('label');
    wrapper.style.cssText = 'display:block;margin:0 0 8px;font-weight:normal';
    wrapper.append(label);
    const input = document.createElement('input');
    input.name = name;
    input.autocomplete = autocomplete;
    input.inputMode = 'numeric';
    input.value = value;
    input.style.cssText = 'display:block;width:100%';
    wrapper.append(input);
    return { wrapper, input };
  };

  window.Stripe = (publishableKey) => {
    if (!publishableKey) throw new Error('Stripe(): a publishable key is required');
    const stripe = (method, path, fields) => call(publishableKey, method, path, fields);

    /** Where a PaymentIntent stands after confirmation: the challenge first when the card asks for it. */
    const settle = async (intent, clientSecret) => {
      let current = intent;
      const action = current.next_action;
      if (current.status === 'requires_action' && action?.type === 'use_stripe_sdk') {
        await challenge(action.use_stripe_sdk.stripe_js, clientSecret);
        const reread = await stripe(
          'GET',
          `/v1/payment_intents/${intentId(clientSecret)}?${form({ client_secret: clientSecret })}`,
        );
        if (reread.error) return { error: reread.error };
        current = reread.object;
      }
      if (current.status === 'requires_payment_method' && current.last_payment_error) {
        return { error: { ...current.last_payment_error, payment_intent: current } };
      }
      return { paymentIntent: current };
    };

    /** A card PaymentMethod from the fields, as Stripe.js makes one before confirming. */
    const cardMethod = (elements) => {
      const { number, expiry, cvc } = elements.cardFields();
      const [month = '', year = ''] = expiry.split('/').map((part) => part.trim());
      return stripe('POST', '/v1/payment_methods', {
        type: 'card',
        'card[number]': number.replace(/\s+/g, ''),
        'card[exp_month]': month,
        'card[exp_year]': year.length === 2 ? `20${year}` : year,
        'card[cvc]': cvc,
      });
    };

    /** Confirms a PaymentIntent or SetupIntent (`intents`) with a card PaymentMethod made from the fields. */
    const confirmWithCard = async (elements, intents, confirmParams) => {
      const method = await cardMethod(elements);
      if (method.error) return method;
      const secret = elements.clientSecret;
      return stripe('POST', `/v1/${intents}/${intentId(secret)}/confirm`, {
        client_secret: secret,
        payment_method: method.object.id,
        return_url: confirmParams?.return_url,
      });
    };

    return {
      elements({ clientSecret }) {
        let fields;
        return {
          clientSecret,
          cardFields: () => ({
            number: fields?.number.value ?? '',
            expiry: fields?.expiry.value ?? '',
            cvc: fields?.cvc.value ?? '',
          }),
          create(type) {
            if (type !== 'payment') throw new Error(`stand-in Stripe.js has no ${type} element`);
            const root = document.createElement('div');
            root.dataset.fake = 'stripe-payment-element';
            const number = field('Card number', 'cardnumber', 'cc-number', '');
            const expiry = field('Expiry (MM / YY)', 'exp-date', 'cc-exp', '12 / 30');
            const cvc = field('CVC', 'cvc', 'cc-csc', '123');
            fields = { number: number.input, expiry: expiry.input, cvc: cvc.input };
            root.append(number.wrapper, expiry.wrapper, cvc.wrapper);
            return {
              mount: (target) => target.append(root),
              destroy: () => root.remove(),
            };
          },
        };
      },
      async confirmPayment({ elements, confirmParams }) {
        const confirmed = await confirmWithCard(elements, 'payment_intents', confirmParams);
        return confirmed.error ? { error: confirmed.error } : settle(confirmed.object, elements.clientSecret);
      },
      async confirmSetup({ elements, confirmParams }) {
        const confirmed = await confirmWithCard(elements, 'setup_intents', confirmParams);
        return confirmed.error ? { error: confirmed.error } : { setupIntent: confirmed.object };
      },
      async handleNextAction({ clientSecret }) {
        const read = await stripe(
          'GET',
          `/v1/payment_intents/${intentId(clientSecret)}?${form({ client_secret: clientSecret })}`,
        );
        return read.error ? { error: read.error } : settle(read.object, clientSecret);
      },
    };
  };
})();
