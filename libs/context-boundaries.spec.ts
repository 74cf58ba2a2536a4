import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Each context owns its tables: only its own library's SQL names them, and only it uses their
 * entities as values (queries, `new`). Others read through what the owner exports from its index
 * (query functions, SQL fragments, views). The table→context map is derived from the entities'
 * @Entity names, plus the few tables the owner reaches without an entity; it must cover every table
 * the migrations create, so a new table cannot go unowned.
 */
const LIBS = join(__dirname);
const CONTEXTS = ['core', 'identity', 'organizations', 'needs', 'volunteering', 'notifications', 'reports'];

/** Tables without an entity, and the context that owns each. */
const TABLES_WITHOUT_ENTITY: Record<string, string> = {
  account_tokens: 'identity',
  user_phones: 'identity',
  notification_deliveries: 'notifications',
  // The API's browse cache (apps/api/src/browse), bumped by triggers: no library reads it.
  read_versions: 'api',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Table name and entity class name → owning context, from every @Entity('table') class. */
function ownership() {
  const tables = new Map<string, string>(Object.entries(TABLES_WITHOUT_ENTITY));
  const entities = new Map<string, { context: string; table: string }>();
  for (const context of CONTEXTS) {
    for (const path of files(join(LIBS, context, 'src'))) {
      walk(parse(path), (node) => {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        for (const decorator of ts.getDecorators(node) ?? []) {
          const call = decorator.expression;
          if (!ts.isCallExpression(call) || call.expression.getText() !== 'Entity') continue;
          const [name] = call.arguments;
          if (!name || !ts.isStringLiteral(name)) continue;
          tables.set(name.text, context);
          entities.set(node.name!.text, { context, table: name.text });
        }
      });
    }
  }
  return { tables, entities };
}

function migratedTables(): string[] {
  const dir = join(LIBS, '..', 'migrations');
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    for (const match of readFileSync(join(dir, name), 'utf8').matchAll(
      /CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)/g,
    )) {
      found.add(match[1]!);
    }
  }
  return [...found].sort();
}

const SQL = /\b(SELECT|UPDATE|INSERT INTO|DELETE FROM|JOIN|FROM)\b/;

/** The text of every string and template part that reads as SQL. */
function sqlTexts(source: ts.SourceFile): string[] {
  const texts: string[] = [];
  walk(source, (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) return;
      if (SQL.test(node.text)) texts.push(node.text);
    }
  });
  return texts;
}

/** Tables an SQL text names: a table name as a whole word, not a column (`x.needs`) or a key. */
function tablesIn(text: string, tables: string[]): string[] {
  return tables.filter((table) => new RegExp(`(?<![.\\w'"])${table}(?![\\w'"(])`).test(text));
}

/** Names imported from another library's index that are entities, used as values. */
function entityValueUses(source: ts.SourceFile, entities: Map<string, { context: string }>, context: string) {
  const imported = new Set<string>();
  walk(source, (node) => {
    if (!ts.isImportDeclaration(node) || !ts.isStringLiteral(node.moduleSpecifier)) return;
    const from = /^@haven\/(\w+)$/.exec(node.moduleSpecifier.text)?.[1];
    if (!from || from === context || node.importClause?.isTypeOnly) return;
    const bindings = node.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) return;
    for (const element of bindings.elements) {
      const name = element.name.text;
      if (!element.isTypeOnly && entities.get(name)?.context === from) imported.add(name);
    }
  });
  const used = new Set<string>();
  walk(source, (node) => {
    if (!ts.isIdentifier(node) || !imported.has(node.text)) return;
    const parent = node.parent;
    if (ts.isImportSpecifier(parent) || ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent)) return;
    if (ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent)) return;
    if (ts.isQualifiedName(parent)) return;
    used.add(node.text);
  });
  return [...used];
}

function violations(): string[] {
  const { tables, entities } = ownership();
  const names = [...tables.keys()];
  const found = new Set<string>();
  for (const context of CONTEXTS) {
    for (const path of files(join(LIBS, context, 'src'))) {
      const source = parse(path);
      const file = relative(join(LIBS, '..'), path);
      for (const text of sqlTexts(source)) {
        for (const table of tablesIn(text, names)) {
          const owner = tables.get(table)!;
          if (owner !== context && owner !== 'core') found.add(`${file}: ${table}`);
        }
      }
      for (const entity of entityValueUses(source, entities, context)) found.add(`${file}: ${entity}`);
    }
  }
  return [...found].sort();
}

describe('context boundaries', () => {
  it('gives every table the migrations create one owning context', () => {
    const { tables } = ownership();
    expect(migratedTables().filter((table) => !tables.has(table))).toEqual([]);
    expect([...tables.keys()].filter((table) => !migratedTables().includes(table))).toEqual([]);
  });

  it('finds a foreign table in SQL and a foreign entity used as a value', () => {
    const { tables } = ownership();
    expect(tablesIn('SELECT t.id FROM tasks t JOIN camps c ON c.id = t.camp_id', [...tables.keys()])).toEqual(
      expect.arrayContaining(['tasks', 'camps']),
    );
    expect(
      tablesIn(`SELECT 1 FROM signups s WHERE s.needs = 'tasks'`, ['needs', 'tasks', 'signups']),
    ).toEqual(['signups']);
  });

  it('lets no library name another context’s table in SQL or use its entities', () => {
    expect(violations()).toEqual([]);
  });
});
