import { ValidationError } from 'class-validator';
import { CommonErrors, DomainError, FieldError } from './domain-error';

/** Flattens class-validator's tree into one entry per field, with dotted paths (`items.0.quantity`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not an accepted field' : message,
    }));
    return own.concat(fieldErrors(error.children ?? [], field));
  });
}

export function validationFailed(errors: ValidationError[]): DomainError {
  return CommonErrors.validation(fieldErrors(errors));
}
