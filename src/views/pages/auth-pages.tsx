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
        New here? <a href="/register">Create an account</a>
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
