// `brier rescore --question ID | --all [--fix]`: recomputes the scores of resolved questions from
// their stored forecasts, shows a progress bar on stderr, and prints every difference from the
// stored scores on stdout. Exit 0 when all match, 1 when any differs (even after --fix, which
// replaces the differing questions' rows and refreshes the leaderboards).
import { type CliCommand, EXIT_SUCCESS, InputError, UsageError } from '../command.ts';

export const EXIT_DIFFERENCES = 1;

function formatValue(value: { score: number; coverage: number } | null): string {
  return value === null ? 'none' : `${value.score} (coverage ${value.coverage})`;
}

export const rescoreCommand: CliCommand = {
  name: 'rescore',
  options: {
    question: { type: 'string', valueName: 'ID' },
    all: { type: 'boolean' },
    fix: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0, name: 'no arguments' },
  async run({ options, io }) {
    const questionText = options.question;
    const isAll = options.all === true;
    if ((questionText === undefined) === !isAll) {
      throw new UsageError('give exactly one of --question ID and --all');
    }
    let questionId: number | null = null;
    if (questionText !== undefined) {
      if (typeof questionText !== 'string' || !/^[1-9]\d{0,15}$/.test(questionText)) {
        throw new UsageError('--question must be a question id (a positive integer)');
      }
      questionId = Number(questionText);
    }
    const { openDeps, readConfig } = await import('../../bootstrap.ts');
    const { migrateDatabase } = await import('../../services/maintenance/migrate-database.ts');
    const { DomainError } = await import('../../domain/errors.ts');
    const { listRescorableQuestionIds, rescoreQuestions } = await import(
      '../../services/standings/rescore-questions.ts'
    );
    const { SingleBar, Presets } = await import('cli-progress');
    const deps = await openDeps(readConfig(process.env));
    try {
      await migrateDatabase(deps);
      const ids = questionId === null ? await listRescorableQuestionIds(deps) : [questionId];
      const bar = new SingleBar(
        {
          stream: process.stderr,
          format: 'rescoring [{bar}] {value}/{total} questions',
          hideCursor: false,
          noTTYOutput: false,
        },
        Presets.legacy,
      );
      bar.start(ids.length, 0);
      let result: Awaited<ReturnType<typeof rescoreQuestions>>;
      try {
        result = await rescoreQuestions(deps, {
          questionIds: ids,
          fix: options.fix === true,
          onProgress: (done) => bar.update(done),
        });
      } finally {
        bar.stop();
      }
      for (const difference of result.differences) {
        io.writeStdout(
          `question ${difference.questionId} ${difference.who} ${difference.scoreType}: ` +
            `stored ${formatValue(difference.stored)}, recomputed ${formatValue(difference.recomputed)}\n`,
        );
      }
      const questions = new Set(result.differences.map((d) => d.questionId)).size;
      io.writeStdout(
        `${result.questionCount} question(s) rescored; ${result.differences.length} difference(s) ` +
          `in ${questions} question(s)` +
          (result.fixedQuestionIds.length > 0
            ? `; replaced the scores of ${result.fixedQuestionIds.length} question(s)\n`
            : '\n'),
      );
      return result.differences.length > 0 ? EXIT_DIFFERENCES : EXIT_SUCCESS;
    } catch (error) {
      if (error instanceof DomainError) throw new InputError(error.message);
      throw error;
    } finally {
      await deps.database.close();
    }
  },
};
