import { join, relative } from 'node:path';
import ts from 'typescript';

/** A type that an entry point's public API names but no entry point of the package exports. */
export interface UnexportedType {
  /** The entry point's source file, relative to the package (`src/index.ts`). */
  readonly entry: string;
  readonly name: string;
  /** Where it is declared, relative to the package. */
  readonly declaredIn: string;
  /** The exported name it was reached from, and the types in between (`Billing.SubscriptionService`). */
  readonly via: string;
}

/** A member documented `@internal`: left out of the API docs, and not for users to name. */
const isInternal = (node: ts.Node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');

const isHiddenMember = (member: ts.ClassElement) =>
  (member.name !== undefined && ts.isPrivateIdentifier(member.name)) ||
  (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Private) !== 0 ||
  isInternal(member);

/** The parts of a declaration a user's code can see: signatures and types, never bodies or hidden members. */
function publicParts(declaration: ts.Declaration): ts.Node[] {
  if (ts.isFunctionDeclaration(declaration)) {
    return [...declaration.parameters, ...(declaration.type ? [declaration.type] : [])];
  }
  if (ts.isVariableDeclaration(declaration)) return declaration.type ? [declaration.type] : [];
  if (ts.isClassDeclaration(declaration)) {
    return [
      ...(declaration.heritageClauses ?? []),
      ...declaration.members
        .filter((member) => !isHiddenMember(member))
        .flatMap((member) => {
          if (ts.isFunctionLike(member)) return [...member.parameters, ...(member.type ? [member.type] : [])];
          return ts.isPropertyDeclaration(member) && member.type ? [member.type] : [];
        }),
    ];
  }
  return [declaration];
}

/** The program over a package's entry points, with the package's own compiler options. */
function packageProgram(packageDir: string, rootNames: readonly string[]): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(join(packageDir, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error(`cannot read ${packageDir}/tsconfig.json`);
  return ts.createProgram({ rootNames, options: { ...config.options, composite: false, noEmit: true } });
}

/**
 * The types that a package's entry points name in their public signatures (parameters, results, properties,
 * members of exported interfaces, followed transitively) but that no entry point of the package exports by
 * name, so a user cannot write them down (`CreateSubscriptionInput` behind `billing.subscriptions.create`).
 * A type may come from any entry point (type imports cost a bundle nothing). Private and `@internal` members,
 * type-level computation (constraints, conditional types, the object of an indexed access), types from
 * dependencies and `typeof` references to values are not followed.
 * @param packageDir the package folder, with its `tsconfig.json`
 * @param entries the entry points' source files, relative to `packageDir`
 */
export function unexportedPublicTypes(packageDir: string, entries: readonly string[]): UnexportedType[] {
  const rootNames = entries.map((entry) => join(packageDir, entry));
  const program = packageProgram(packageDir, rootNames);
  const checker = program.getTypeChecker();
  const sourceDir = join(packageDir, 'src');
  const target = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const exportsOf = (rootName: string) => {
    const source = program.getSourceFile(rootName);
    const module = source && checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`${rootName} is not a module`);
    return checker.getExportsOfModule(module).map(target);
  };
  const exportedAnywhere = new Set(rootNames.flatMap(exportsOf));
  const found: UnexportedType[] = [];
  const reported = new Set<ts.Symbol>();

  rootNames.forEach((rootName, index) => {
    const exported = exportsOf(rootName);
    const seen = new Set<ts.Symbol>(exported);
    const visitDeclaration = (declaration: ts.Declaration, via: string) => {
      const visit = (node: ts.Node): void => {
        if (ts.isTypeElement(node) && isInternal(node)) return;
        // Type-level computation: constraints, conditional types and the object an indexed access reads from
        // shape a result type but are never written by users, who get the computed type.
        if (ts.isTypeParameterDeclaration(node) || ts.isConditionalTypeNode(node)) return;
        if (ts.isIndexedAccessTypeNode(node)) {
          visit(node.indexType);
          return;
        }
        const reference = ts.isTypeReferenceNode(node)
          ? node.typeName
          : ts.isExpressionWithTypeArguments(node)
            ? node.expression
            : undefined;
        const symbol = reference && checker.getSymbolAtLocation(reference);
        const resolved = symbol && target(symbol);
        const declared = resolved?.declarations?.[0];
        if (resolved && declared?.getSourceFile().fileName.startsWith(sourceDir)) {
          const missing = !(resolved.flags & ts.SymbolFlags.TypeParameter) && !exportedAnywhere.has(resolved);
          if (missing && !reported.has(resolved)) {
            reported.add(resolved);
            found.push({
              entry: entries[index] as string,
              name: resolved.name,
              declaredIn: relative(packageDir, declared.getSourceFile().fileName),
              via,
            });
          }
          if (!seen.has(resolved)) {
            seen.add(resolved);
            for (const inner of resolved.declarations ?? []) visitDeclaration(inner, `${via}.${resolved.name}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      for (const part of publicParts(declaration)) visit(part);
    };
    for (const symbol of exported) {
      for (const declaration of symbol.declarations ?? []) visitDeclaration(declaration, symbol.name);
    }
  });
  return found;
}
