import { ValidationError } from 'class-validator';
import { PRIVACY_CONSTRAINT } from '../privacy/free-text.decorator';
import { CommonErrors, DomainError, FieldError } from './domain-error';

interface ConstraintError extends FieldError {
  constraint: string;
}

/** Constraints that say what kind of value a field takes; when one fails, the others say nothing more. */
const TYPE_CONSTRAINTS = ['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject'];

/** One clear message per field for a wrong type (`capacity: "2"`), not every range it then misses. */
function ownConstraints(error: ValidationError): [string, string][] {
  const all = Object.entries(error.constraints ?? {});
  const type = all.find(([constraint]) => TYPE_CONSTRAINTS.includes(constraint));
  return type ? [type] : all;
}

function constraintErrors(errors: ValidationError[], parent = ''): ConstraintError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = ownConstraints(error).map(([constraint, message]) => ({
      field,
      constraint,
      message: constraint === 'whitelistValidation' ? 'is not an accepted field' : message,
    }));
    return own.concat(constraintErrors(error.children ?? [], field));
  });
}

/** Flattens class-validator's tree into one entry per field, with dotted paths (`items.0.quantity`). */
export function fieldErrors(errors: ValidationError[]): FieldError[] {
  return constraintErrors(errors).map(({ field, message }) => ({ field, message }));
}

/**
 * A request with only personal data wrong is 422 (the privacy guard); anything else malformed is
 * 400 and lists every problem, personal data included.
 */
export function validationFailed(errors: ValidationError[]): DomainError {
  const all = constraintErrors(errors);
  const plain = all.map(({ field, message }) => ({ field, message }));
  if (all.length > 0 && all.every((error) => error.constraint === PRIVACY_CONSTRAINT)) {
    return new DomainError(
      'personal_data',
      422,
      'The text carries personal details of a person. Describe needs with aggregate counts and age groups only.',
      plain,
    );
  }
  return CommonErrors.validation(plain);
}
