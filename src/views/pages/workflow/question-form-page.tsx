// New question / edit draft: one plain form for every type. The type is a radio group; the
// fields of the other types hide through CSS (:has), so the form needs no script, and a browser
// without :has simply shows every section (the server reads only the chosen type's fields).
import type { QuestionType } from '../../../core/types.ts';
import type { QuestionFormField } from '../../../domain/question-form.ts';
import type { QuestionFormModel } from '../../../domain/view-models/workflow.ts';
import { FieldError, PostForm, TextAreaField, TextField } from '../../components/form-fields.tsx';

const TYPE_CHOICES: Array<{ type: QuestionType; label: string; hint: string }> = [
  { type: 'binary', label: 'Yes / no', hint: 'A probability that it happens.' },
  { type: 'multiple_choice', label: 'Scenarios', hint: 'Probabilities over a set of options.' },
  { type: 'numeric', label: 'Numeric', hint: 'A distribution over a range of numbers.' },
  { type: 'date', label: 'Date', hint: 'A distribution over a range of days.' },
  { type: 'discrete', label: 'Discrete', hint: 'A count: whole numbers in a range.' },
];

function TypeChoice({ value, error }: { value: string; error?: string }) {
  return (
    <fieldset class="field type-choice" aria-describedby={error ? 'field-type-error' : undefined}>
      <legend>Kind of question</legend>
      <div class="type-options">
        {TYPE_CHOICES.map((choice) => (
          <label class="type-option" key={choice.type}>
            <input
              type="radio"
              name="type"
              value={choice.type}
              id={`type-${choice.type}`}
              checked={value === choice.type}
            />
            <span>
              <strong>{choice.label}</strong>
              <span class="hint">{choice.hint}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id="field-type-error" error={error} />
    </fieldset>
  );
}

function Checkbox(props: { name: QuestionFormField; label: string; checked: boolean }) {
  return (
    <label class="checkbox-row">
      <input type="checkbox" name={props.name} checked={props.checked} />
      {props.label}
    </label>
  );
}

export function QuestionFormPage({ model }: { model: QuestionFormModel }) {
  const { values, errors } = model.form;
  const isNew = model.questionId === null;
  const action = isNew ? '/questions/new' : `/drafts/${model.questionId}/edit`;
  const value = (name: QuestionFormField) => values[name] ?? '';
  const text = (name: QuestionFormField) => ({ name, value: value(name), error: errors[name] });
  const errorCount = Object.keys(errors).length;
  return (
    <div class="form-page stack">
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href="/drafts">My drafts</a>
      </nav>
      <h1>{isNew ? 'New question' : 'Edit draft'}</h1>
      <p class="lead">
        A draft stays private until you submit it for review; a moderator then approves it and fixes
        its times, or sends it back with a note.
      </p>
      {model.reviewNote ? (
        <div class="alert alert-warning" role="note">
          <strong>Sent back by a moderator:</strong> {model.reviewNote}
        </div>
      ) : null}
      <PostForm
        action={action}
        class="form question-form"
        aria-label={isNew ? 'New question' : 'Edit draft'}
      >
        {errorCount > 0 ? (
          <div class="alert alert-error" role="alert">
            {errors.form ??
              `The draft was not saved: ${errorCount === 1 ? 'one field needs' : `${errorCount} fields need`} attention.`}
          </div>
        ) : null}
        <section class="card form-section" aria-labelledby="question-heading">
          <h2 id="question-heading">The question</h2>
          <TypeChoice value={value('type')} error={errors.type} />
          <TextField
            {...text('title')}
            label="Title"
            hint="A question with a clear answer, e.g. “Will the summit take place before 2028?”"
            required
            maxLength={200}
          />
          <TextAreaField
            {...text('description')}
            label="Background"
            rows={5}
            hint="Context for forecasters. **bold** and *italic* are shown as such."
          />
          <TextAreaField
            {...text('resolution_criteria')}
            label="Resolution criteria"
            rows={4}
            hint="Exactly what makes it resolve, and from which source. Needed before review."
          />
          <TextAreaField {...text('fine_print')} label="Fine print" rows={3} hint="Edge cases." />
        </section>

        <section class="card form-section" aria-labelledby="answers-heading">
          <h2 id="answers-heading">Answers</h2>
          <p class="muted" data-for="binary">
            Yes / no questions need nothing more: forecasters give the probability of yes.
          </p>
          <div data-for="multiple_choice">
            <TextAreaField
              {...text('options')}
              label="Options"
              rows={5}
              hint="One per line, at least two; the last one catches everything else (e.g. “Something else”). Add a definition after “|”."
            />
          </div>
          <div class="field-row" data-for="numeric discrete">
            <TextField {...text('range_min')} label="Lowest value" inputMode="decimal" />
            <TextField {...text('range_max')} label="Highest value" inputMode="decimal" />
            <TextField {...text('unit')} label="Unit (optional)" maxLength={40} />
          </div>
          <div class="field-row" data-for="date">
            <TextField {...text('date_min')} label="Earliest date" type="date" />
            <TextField {...text('date_max')} label="Latest date" type="date" />
          </div>
          <div data-for="numeric">
            <TextField
              {...text('zero_point')}
              label="Zero point (optional)"
              inputMode="decimal"
              hint="For a log scale: a value outside the range, e.g. 0 for quantities spanning orders of magnitude."
            />
          </div>
          <fieldset
            class="field"
            data-for="numeric date discrete"
            aria-describedby="field-bounds-hint"
          >
            <legend>Open bounds</legend>
            <p class="hint" id="field-bounds-hint">
              An open bound lets forecasters put probability beyond it (the answer may fall outside
              the range).
            </p>
            <Checkbox
              name="open_lower_bound"
              label="The answer may be below the range"
              checked={value('open_lower_bound') === 'on'}
            />
            <Checkbox
              name="open_upper_bound"
              label="The answer may be above the range"
              checked={value('open_upper_bound') === 'on'}
            />
          </fieldset>
        </section>

        <section class="card form-section" aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">Proposed schedule</h2>
          <p class="muted">
            Times in UTC. The moderator who approves the question confirms or changes them.
          </p>
          <div class="field-row">
            <TextField {...text('open_time')} label="Opens" type="datetime-local" />
            <TextField {...text('scheduled_close_time')} label="Closes" type="datetime-local" />
            <TextField {...text('scheduled_resolve_time')} label="Resolves" type="datetime-local" />
          </div>
        </section>

        <section class="card form-section" aria-labelledby="context-heading">
          <h2 id="context-heading">Tags and sources</h2>
          <TextField
            {...text('tags')}
            label="Tags"
            hint="Separated by commas, e.g. diplomacy, summits"
          />
          <TextAreaField
            {...text('sources')}
            label="Sources"
            rows={3}
            hint="One per line: a title, “|”, then the link."
          />
        </section>

        <div class="form-actions">
          <button type="submit" class="primary">
            {isNew ? 'Save draft' : 'Save changes'}
          </button>
          <a href="/drafts" class="button secondary">
            Cancel
          </a>
        </div>
      </PostForm>
    </div>
  );
}
