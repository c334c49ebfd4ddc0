// Sign in and register: plain HTML forms that work without JavaScript, errors beside each field.
import {
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from '../../domain/account-rules.ts';
import { type FieldErrors, FormAlert, PostForm, TextField } from '../components/form-fields.tsx';

export interface SignInForm {
  login: string;
  /** Where to go after signing in (a path on this site). */
  next: string;
  errors: FieldErrors;
  formError?: string;
}

export function SignInPage({ form }: { form: SignInForm }) {
  return (
    <div class="narrow">
      <h1>Sign in</h1>
      <div class="card">
        <FormAlert message={form.formError} />
        <PostForm action="/login">
          <input type="hidden" name="next" value={form.next} />
          <TextField
            name="login"
            label="Username or email"
            value={form.login}
            autocomplete="username"
            required
            error={form.errors.login}
          />
          <TextField
            name="password"
            type="password"
            label="Password"
            autocomplete="current-password"
            required
            error={form.errors.password}
          />
          <button type="submit" class="primary">
            Sign in
          </button>
        </PostForm>
      </div>
      <p class="muted">
        New here? <a href="/register">Create an account</a> ·{' '}
        <a href="/forgot-password">Forgot your password?</a>
      </p>
    </div>
  );
}

export interface RegisterForm {
  email: string;
  username: string;
  errors: FieldErrors;
  formError?: string;
}

export function RegisterPage({ form }: { form: RegisterForm }) {
  return (
    <div class="narrow">
      <h1>Create your account</h1>
      <p class="muted">Forecast on open questions, explain your reasoning, and get scored.</p>
      <div class="card">
        <FormAlert message={form.formError} />
        <PostForm action="/register">
          <TextField
            name="email"
            type="email"
            label="Email"
            value={form.email}
            autocomplete="email"
            required
            error={form.errors.email}
          />
          <TextField
            name="username"
            label="Username"
            hint={`${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits, “_” or “-”. Shown next to your forecasts.`}
            value={form.username}
            autocomplete="username"
            required
            error={form.errors.username}
          />
          <TextField
            name="password"
            type="password"
            label="Password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            autocomplete="new-password"
            required
            error={form.errors.password}
          />
          <button type="submit" class="primary">
            Create account
          </button>
        </PostForm>
      </div>
      <p class="muted">
        Already have an account? <a href="/login">Sign in</a>
      </p>
    </div>
  );
}

/** A short page that says what happened and where to go next (check your e-mail, done). */
export function MessagePage(props: {
  title: string;
  message: string;
  link?: { href: string; label: string };
}) {
  return (
    <div class="narrow stack">
      <h1>{props.title}</h1>
      <div class="card" role="status">
        <p>{props.message}</p>
        {props.link ? (
          <p>
            <a href={props.link.href}>{props.link.label}</a>
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function ForgotPasswordPage({ form }: { form: { email: string; errors: FieldErrors } }) {
  return (
    <div class="narrow">
      <h1>Forgot your password?</h1>
      <div class="card">
        <p class="muted">We will e-mail a link to choose a new one to your account's address.</p>
        <PostForm action="/forgot-password">
          <TextField
            name="email"
            type="email"
            label="Email"
            value={form.email}
            autocomplete="email"
            required
            error={form.errors.email}
          />
          <button type="submit" class="primary">
            Send the link
          </button>
        </PostForm>
      </div>
    </div>
  );
}

export function ResetPasswordPage({
  form,
}: {
  form: { token: string; errors: FieldErrors; formError?: string };
}) {
  return (
    <div class="narrow">
      <h1>Choose a new password</h1>
      <div class="card">
        <FormAlert message={form.formError} />
        <PostForm action="/reset-password">
          <input type="hidden" name="token" value={form.token} />
          <TextField
            name="password"
            type="password"
            label="New password"
            autocomplete="new-password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters. Every session of your account ends.`}
            required
            error={form.errors.password}
          />
          <button type="submit" class="primary">
            Set the new password
          </button>
        </PostForm>
      </div>
    </div>
  );
}

export function VerifyEmailPage({ token }: { token: string }) {
  return (
    <div class="narrow">
      <h1>Confirm your e-mail address</h1>
      <div class="card">
        <PostForm action="/verify-email">
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="primary">
            Confirm my address
          </button>
        </PostForm>
      </div>
    </div>
  );
}
