import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type CompletedConfig,
  createFormatter,
  createParser,
  DEFAULT_CONFIG,
  type Schema,
  SchemaGenerator,
} from 'ts-json-schema-generator';
import ts from 'typescript';

/** The published SDK whose declarations the shapes are generated from. */
export const PUBLISHED_SDK = '@lavapayments/nodejs';

/**
 * JSON Schemas of what the published SDK declares its calls to answer, generated from the
 * package's own `.d.ts` (so they follow the installed version, never a copy).
 */
export interface PublishedShapes {
  /** `@lavapayments/nodejs@<version>`. */
  sdk: string;
  /** A JSON Schema (draft-07) whose `definitions` hold one schema per shape. */
  schema: Schema;
  /**
   * Each shape's name and what it is: every exported type of the SDK without type parameters
   * (`RestCustomer`: `RestCustomer`), and every call of its resources by `resource.method`
   * (`customers.list`: `ListResponse<RestCustomer>`, the type its promise resolves to).
   */
  shapes: Record<string, { definition: string; type: string }>;
}

/** The virtual module that names each shape as a type alias, for the generator to read. */
const SHAPES_FILE = join(process.cwd(), '__published_shapes__.ts');

/**
 * Reads the installed SDK's declarations with the TypeScript compiler and turns each type it
 * exports, and the answer of each of its calls, into a JSON Schema. Takes about a second:
 * generate once per test run (the node tests' global setup does) and share the result.
 */
export function generatePublishedShapes(): PublishedShapes {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${PUBLISHED_SDK}/package.json`);
  const { version, types } = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    version: string;
    types: string;
  };
  const declarations = join(dirname(packageJson), types);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    // The DOM's too: one of the SDK's types (RequestsListResponse) names the global Request.
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };

  // First pass: what the package exports, and what each of its calls resolves to.
  const sdkProgram = ts.createProgram([declarations], options);
  const checker = sdkProgram.getTypeChecker();
  const sdkFile = sdkProgram.getSourceFile(declarations);
  const sdkModule = sdkFile && checker.getSymbolAtLocation(sdkFile);
  if (!sdkModule) throw new Error(`Lava Checkout: cannot read ${declarations}.`);
  const exported = checker.getExportsOfModule(sdkModule).map((symbol) => ({
    name: symbol.name,
    target: symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
  }));
  const shapes: PublishedShapes['shapes'] = {};
  const aliases: string[] = [];
  const add = (name: string, type: string) => {
    const definition = `Shape${aliases.length}`;
    aliases.push(`export type ${definition} = ${type};`);
    shapes[name] = { definition, type };
  };
  for (const { name, target } of exported) {
    const declaration = target.declarations?.[0];
    const isPlainType =
      declaration &&
      (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) &&
      !declaration.typeParameters;
    if (isPlainType) add(name, name);
  }
  const lava = exported.find((entry) => entry.name === 'Lava')?.target;
  if (!lava) throw new Error(`Lava Checkout: ${PUBLISHED_SDK} no longer exports Lava.`);
  const client = checker.getDeclaredTypeOfSymbol(lava);
  for (const resource of client.getProperties()) {
    const resourceType = checker.getTypeOfSymbol(resource);
    for (const method of resourceType.getProperties()) {
      const declaration = method.valueDeclaration;
      if (!declaration || !ts.isMethodDeclaration(declaration)) continue;
      const modifiers = ts.getCombinedModifierFlags(declaration);
      if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      const [signature] = checker.getTypeOfSymbol(method).getCallSignatures();
      if (!signature || signature.typeParameters) continue;
      const answer = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
      if (!answer) continue;
      add(
        `${resource.name}.${method.name}`,
        checker.typeToString(answer, declaration, ts.TypeFormatFlags.NoTruncation),
      );
    }
  }

  // Second pass: the shapes as aliases of a virtual module that imports every export.
  const source = [
    `import type { ${exported.map((entry) => entry.name).join(', ')} } from ${JSON.stringify(declarations.replace(/\.d\.ts$/, '.js'))};`,
    ...aliases,
  ].join('\n');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) =>
    fileName === SHAPES_FILE
      ? ts.createSourceFile(fileName, source, language)
      : getSourceFile(fileName, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === SHAPES_FILE || fileExists(fileName);
  const program = ts.createProgram({
    rootNames: [SHAPES_FILE],
    options,
    host,
    oldProgram: sdkProgram,
  });
  const shapesFile = program.getSourceFile(SHAPES_FILE);
  if (!shapesFile) throw new Error('Lava Checkout: the shapes module did not compile.');
  const problems = ts.getPreEmitDiagnostics(program, shapesFile);
  if (problems.length > 0) {
    throw new Error(
      `Lava Checkout: the shapes of ${PUBLISHED_SDK} do not compile: ${ts.formatDiagnostics(problems, host)}`,
    );
  }
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    expose: 'export',
    topRef: true,
    jsDoc: 'none',
    skipTypeCheck: true,
    // What the SDK's types leave open: an answer may carry fields its types do not name.
    additionalProperties: true,
  };
  const generator = new SchemaGenerator(
    program,
    createParser(program, config),
    createFormatter(config),
    config,
  );
  const schema = generator.createSchemaFromNodes(
    shapesFile.statements.filter(ts.isTypeAliasDeclaration),
  );
  for (const [name, { definition }] of Object.entries(shapes)) {
    const generated = schema.definitions?.[definition];
    // The generator's word for a type it could not turn into a schema: it would accept anything.
    if (
      !generated ||
      (typeof generated === 'object' && generated.description?.startsWith('Failed'))
    ) {
      throw new Error(`Lava Checkout: no JSON Schema could be generated for ${name}.`);
    }
  }
  return { sdk: `${PUBLISHED_SDK}@${version}`, schema, shapes };
}
