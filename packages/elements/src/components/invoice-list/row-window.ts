import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows rendered beyond each edge of the scroll box, so a short scroll shows rows already there. */
const OVERSCAN = 10;
/** The row height assumed until a row has been measured (a table row with a button, at the default tokens). */
const ESTIMATED_ROW_PX = 45;

/** Which rows of a list to render. */
export interface RowRange {
  /** The first row rendered. */
  readonly start: number;
  /** One past the last row rendered. */
  readonly end: number;
}

/** What the window needs of its element: Lit's update cycle and the shadow root it renders into. */
type WindowHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * Renders only the rows of a long table that are in or near its scroll box (`.viewport`, rows `tr[data-index]`),
 * sizing the two spacer rows around them (`tr.spacer`) so the scroll height stays true; the rows' elements are
 * reused as the window moves. It also gives the table its keyboard: ArrowUp/ArrowDown, PageUp/PageDown, Home and End
 * move focus across every row, rendered or not, scrolling the row into view (one row at a time is in the tab order).
 * Before printing it renders every row, after printing it windows again. Row heights are measured from the rendered rows (their average), so
 * rows of unequal height still scroll, with the scroll bar an estimate.
 */
export class RowWindow implements ReactiveController {
  readonly #host: WindowHost;
  #count = 0;
  #windowed = false;
  #start = 0;
  #end = 0;
  #rowHeight = ESTIMATED_ROW_PX;
  #active = 0;
  #printing = false;
  #moving = false;
  #resize: ResizeObserver | undefined;
  #observed: Element | undefined;
  readonly #print = (event: Event) => {
    this.#printing = event.type === 'beforeprint';
    this.#host.requestUpdate();
  };

  constructor(host: WindowHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The row that takes focus when the table is tabbed into (roving tabindex). */
  get active(): number {
    return this.#active;
  }

  /** The page is being printed: render every row. */
  get printing(): boolean {
    return this.#printing;
  }

  /** The rows to render of `count`; every row when `windowed` is false. Called from the host's render. */
  range(count: number, windowed: boolean): RowRange {
    if (count !== this.#count || windowed !== this.#windowed) {
      this.#count = count;
      this.#windowed = windowed;
      this.#active = Math.min(this.#active, Math.max(0, count - 1));
      this.#place(true);
    }
    return { start: this.#start, end: this.#end };
  }

  /** Starts over at the top (another filter or another list). */
  reset(): void {
    this.#active = 0;
    this.#count = -1;
    const view = this.#viewport();
    if (view) view.scrollTop = 0;
  }

  /** The scroll box scrolled: move the window once the rows in view are not all rendered. */
  readonly onScroll = (): void => {
    if (this.#windowed && this.#place(false)) this.#host.requestUpdate();
  };

  /** Focus entered a row (or a control in it): it becomes the row the keys move from. */
  readonly onFocusIn = (event: FocusEvent): void => {
    const row = (event.composedPath()[0] as Element).closest?.('tr[data-index]');
    const index = row instanceof HTMLElement ? Number(row.dataset.index) : Number.NaN;
    if (Number.isNaN(index) || index === this.#active) return;
    this.#active = index;
    this.#host.requestUpdate();
  };

  /** Arrow keys, Page Up/Down, Home and End move focus from row to row (an open menu keeps its own keys). */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || this.#count === 0) return;
    const target = event.composedPath()[0] as Element;
    if (target.closest?.('[role="menu"], select')) return;
    const view = this.#viewport();
    const page = Math.max(1, Math.floor((view?.clientHeight ?? innerHeight) / this.#rowHeight) - 1);
    const to = {
      ArrowDown: this.#active + 1,
      ArrowUp: this.#active - 1,
      PageDown: this.#active + page,
      PageUp: this.#active - page,
      Home: 0,
      End: this.#count - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    void this.#focusRow(Math.min(this.#count - 1, Math.max(0, to)));
  };

  /** Scrolls row `index` into view, renders it and focuses it. */
  async #focusRow(index: number): Promise<void> {
    this.#active = index;
    const view = this.#viewport();
    if (this.#windowed && view) {
      // Below the sticky header and above the box's bottom edge.
      const head = view.querySelector('thead')?.offsetHeight ?? 0;
      const top = head + index * this.#rowHeight;
      if (top < view.scrollTop + head) view.scrollTop = top - head;
      else if (top + this.#rowHeight > view.scrollTop + view.clientHeight) {
        view.scrollTop = top + this.#rowHeight - view.clientHeight;
      }
      this.#place(false);
    }
    this.#moving = true;
    this.#host.requestUpdate();
    try {
      await this.#host.updateComplete;
    } finally {
      this.#moving = false;
    }
    this.#host.renderRoot.querySelector<HTMLElement>(`tr[data-index="${index}"]`)?.focus();
  }

  hostConnected(): void {
    addEventListener('beforeprint', this.#print);
    addEventListener('afterprint', this.#print);
  }

  hostDisconnected(): void {
    removeEventListener('beforeprint', this.#print);
    removeEventListener('afterprint', this.#print);
    this.#resize?.disconnect();
    this.#observed = undefined;
  }

  hostUpdated(): void {
    if (!this.#windowed) return;
    const view = this.#viewport();
    if (view === undefined) return;
    if (this.#observed !== view) {
      this.#resize ??= new ResizeObserver(() => this.#settle());
      this.#resize.disconnect();
      this.#resize.observe(view);
      this.#observed = view;
    }
    this.#keepFocusTrue(view);
    this.#settle();
  }

  /** A focused row's element now shows another invoice (scrolled away and reused): the scroll box takes focus. */
  #keepFocusTrue(view: HTMLElement): void {
    if (this.#moving) return;
    const focused = (this.#host.renderRoot as ShadowRoot).activeElement;
    const row = focused === view ? null : focused?.closest('tr[data-index]');
    if (row instanceof HTMLElement && view.contains(row) && Number(row.dataset.index) !== this.#active) {
      view.focus({ preventScroll: true });
    }
  }

  /** Measures the rendered rows, sizes the spacers, and renders again when the rows in view are not all there. */
  #settle(): void {
    const view = this.#viewport();
    if (!this.#windowed || view === undefined) return;
    const rows = view.querySelectorAll('tbody tr[data-index]');
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first && last) {
      const height = (last.getBoundingClientRect().bottom - first.getBoundingClientRect().top) / rows.length;
      if (height > 0) this.#rowHeight = height;
    }
    const [before, after] = view.querySelectorAll<HTMLElement>('tr.spacer td');
    if (before) before.style.height = `${Math.round(this.#start * this.#rowHeight)}px`;
    if (after) after.style.height = `${Math.round((this.#count - this.#end) * this.#rowHeight)}px`;
    if (this.#place(false)) this.#host.requestUpdate();
  }

  /** Sets the rows to render around the rows in view; says whether they changed (`force`: always re-centre). */
  #place(force: boolean): boolean {
    if (!this.#windowed) {
      this.#start = 0;
      this.#end = this.#count;
      return false;
    }
    // Until the box is laid out as a scroll box (first render, just after printing) the window is a guess.
    const view = this.#viewport();
    const box = view?.classList.contains('windowed') ? view : undefined;
    const top = box?.scrollTop ?? 0;
    const height = box?.clientHeight || innerHeight;
    const first = Math.min(this.#count, Math.floor(top / this.#rowHeight));
    const last = Math.min(this.#count, Math.ceil((top + height) / this.#rowHeight));
    if (!force && first >= this.#start && last <= this.#end) return false;
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(this.#count, last + OVERSCAN);
    if (start === this.#start && end === this.#end) return false;
    this.#start = start;
    this.#end = end;
    return true;
  }

  #viewport(): HTMLElement | undefined {
    return this.#host.renderRoot.querySelector<HTMLElement>('.viewport') ?? undefined;
  }
}
