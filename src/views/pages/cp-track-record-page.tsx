// /track-record: the community prediction's own calibration over every resolved binary question.
import type { CpTrackRecord } from '../../domain/view-models/standings.ts';
import { CalibrationSection } from '../components/track-record.tsx';

export function CpTrackRecordPage({ model }: { model: CpTrackRecord }) {
  return (
    <div class="medium stack">
      <div class="page-header">
        <h1>The community prediction’s track record</h1>
      </div>
      <p class="lead">
        For each binary question resolved yes or no, the community prediction standing when the
        question closed: {model.questionCount} question{model.questionCount === 1 ? '' : 's'}.
      </p>
      <CalibrationSection
        bins={model.calibration}
        feedback={model.feedback}
        who="the community prediction’s"
        headingId="cp-calibration-heading"
        heading="Calibration"
      />
    </div>
  );
}
