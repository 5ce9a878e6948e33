/**
 * Reading ISO 20022 elements by local name, with the path and line of each for error messages.
 * @internal
 */
import type { BillingError } from '../errors/billing-error';
import { statementError } from './statement-amount';
import type { XmlElement } from './xml-reader';

/** An element and where it sits: the error path (`["statement", "Stmt", 0, "Ntry", 2]`) from the root. */
export interface Located {
  readonly element: XmlElement;
  readonly path: readonly (string | number)[];
}

/** The first child named `name`, or undefined. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child named `name`, each with its path (`[...path, name, index]`). */
export function located(parent: Located, name: string): Located[] {
  const found: Located[] = [];
  for (const element of parent.element.children) {
    if (element.name === name) found.push({ element, path: [...parent.path, name, found.length] });
  }
  return found;
}

/** The trimmed text at the end of a chain of first children (`text(entry, 'BookgDt', 'Dt')`), or undefined. */
export function text(element: XmlElement | undefined, ...names: string[]): string | undefined {
  let at = element;
  for (const name of names) at = child(at, name);
  const value = at?.text.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** The words of an error about `names` below `at`: `line 37 (Stmt[0]/Ntry[2]/Amt)`. */
export function describe(at: Located, names: readonly string[], line = at.element.line): string {
  const steps: string[] = [];
  for (let i = 1; i < at.path.length; i++) {
    const step = at.path[i];
    if (typeof step === 'number') steps[steps.length - 1] += `[${step}]`;
    else steps.push(String(step));
  }
  return `statement line ${line} (${[...steps, ...names].join('/')})`;
}

/** An `invalid_input` error about `names` below `at`. */
export function invalidAt(at: Located, names: readonly string[], message: string): BillingError {
  let line = at.element.line;
  let element: XmlElement | undefined = at.element;
  for (const name of names) {
    element = child(element, name);
    if (element !== undefined) line = element.line;
  }
  return statementError([...at.path, ...names], describe(at, names, line), message);
}

/** The text at `names` below `at`, or an error naming it when it is missing. */
export function requireText(at: Located, ...names: string[]): string {
  const value = text(at.element, ...names);
  if (value === undefined) throw invalidAt(at, names, `${names.join('/')} is required`);
  return value;
}
