// Form building blocks: every control has a real <label>, its error sits right below it (linked
// with aria-describedby and marked aria-invalid), and every POST form carries the CSRF token.
import type { ComponentChildren } from 'preact';
import { usePageContext } from './page-context.tsx';

/** Field errors by field name, as pages pass them back after a failed post. */
export type FieldErrors = Partial<Record<string, string>>;

/** The hidden `_csrf` field; renders nothing for guests (who have no session to protect). */
export function CsrfField() {
  const { viewer } = usePageContext();
  return viewer ? <input type="hidden" name="_csrf" value={viewer.csrfToken} /> : null;
}

export interface PostFormProps {
  action: string;
  class?: string;
  children: ComponentChildren;
  'aria-label'?: string;
  id?: string;
  onSubmit?: (event: SubmitEvent) => void;
  /**
   * Islands pass the session's token themselves (from their props): in the browser there is no
   * page context to read it from. Undefined: read it from the page context (server pages).
   */
  csrfToken?: string | null;
}

/** A POST form with the CSRF field already in it. */
export function PostForm(props: PostFormProps) {
  const token = props.csrfToken;
  return (
    <form
      method="post"
      action={props.action}
      class={props.class ?? 'form'}
      aria-label={props['aria-label']}
      id={props.id}
      onSubmit={props.onSubmit as never}
      noValidate
    >
      {token === undefined ? (
        <CsrfField />
      ) : token === null ? null : (
        <input type="hidden" name="_csrf" value={token} />
      )}
      {props.children}
    </form>
  );
}

export function FieldError(props: { id: string; error: string | undefined }) {
  return props.error ? (
    <p class="field-error" id={props.id}>
      {props.error}
    </p>
  ) : null;
}

/** The attributes our fields pass through to their control. */
interface ControlAttributes {
  value?: string;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  minLength?: number;
  placeholder?: string;
}

export interface TextFieldProps extends ControlAttributes {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'url' | 'datetime-local' | 'date';
  error?: string;
  hint?: string;
  step?: string;
  min?: string;
  max?: string;
  inputMode?: 'decimal' | 'numeric' | 'text' | 'email';
}

/** The id of a field's control, e.g. `field-email`. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField({ name, label, error, hint, type, ...rest }: TextFieldProps) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        {...rest}
        // Preact's types pair each input type with its own attribute set; ours all fit 'text's.
        type={(type ?? 'text') as 'text'}
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export interface TextAreaFieldProps extends ControlAttributes {
  rows?: number;
  name: string;
  label: string;
  error?: string;
  hint?: string;
}

export function TextAreaField({ name, label, error, hint, ...rest }: TextAreaFieldProps) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        {...rest}
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export interface SelectFieldProps {
  required?: boolean;
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string;
  error?: string;
  hint?: string;
}

export function SelectField({
  name,
  label,
  options,
  value,
  error,
  hint,
  ...rest
}: SelectFieldProps) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        {...rest}
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option value={option.value} selected={option.value === value} key={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A summary at the top of a failed form, for errors that belong to no one field. */
export function FormAlert(props: { message: string | undefined }) {
  return props.message ? (
    <div class="alert alert-error" role="alert">
      {props.message}
    </div>
  ) : null;
}
