import { ExtractJwt } from 'passport-jwt';
import { Strategy } from 'passport-strategy';

type Verify = (token: string, done: (error: unknown, user?: unknown) => void) => void;

/**
 * A passport strategy for the `Authorization: Bearer` header alone (read as passport-jwt reads it),
 * leaving the token's check to `verify`: the access token service checks it and remembers tokens it
 * has checked (issue 14), where passport-jwt checked every token anew.
 */
export class BearerTokenStrategy extends Strategy {
  private readonly extract = ExtractJwt.fromAuthHeaderAsBearerToken();

  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Parameters<Strategy['authenticate']>[0]): void {
    const token = this.extract(request);
    if (!token) return this.fail(401);
    this.verify(token, (error, user) => {
      if (error) this.error(error as Error);
      else if (!user) this.fail(401);
      else this.success(user);
    });
  }
}
