import { Client } from 'pg';

/** Statements PostgreSQL can prepare; utility commands (BEGIN, SET, DDL…) run as they are. */
const PREPARABLE = /^\s*(select|with|insert|update|delete)\b/i;
/** Bounds on what one connection prepares: statements with generated IN-lists must not pile up. */
const MAX_STATEMENTS_PER_CONNECTION = 500;
const MAX_TEXT_LENGTH = 16_000;

type QueryCallback = (...args: unknown[]) => void;

/**
 * A `pg` client that runs every data statement as a named (prepared) statement, so PostgreSQL
 * parses and plans each statement text once per connection instead of on every execution (planning
 * was most of the cost of Haven's hot reads). Statement texts are Haven's own — parameters always
 * travel separately — so the set is small; the bounds above keep it so if a text is generated
 * (an IN-list of varying length): past them a statement runs unnamed, as before.
 */
export class PreparingClient extends Client {
  private readonly statementNames = new Map<string, string>();

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && text.length <= MAX_TEXT_LENGTH && PREPARABLE.test(text)) {
      let name = this.statementNames.get(text);
      if (!name && this.statementNames.size < MAX_STATEMENTS_PER_CONNECTION) {
        name = `haven_${this.statementNames.size}`;
        this.statementNames.set(text, name);
      }
      if (name) {
        const parameters = Array.isArray(values) ? values : undefined;
        const done = (typeof values === 'function' ? values : callback) as QueryCallback | undefined;
        return (super.query as (...a: unknown[]) => never)({ name, text, values: parameters }, done);
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
