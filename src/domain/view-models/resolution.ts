// What the question page's "Resolution" section and the moderators' resolution queue show (built
// by services/pages/resolution-model.ts, rendered by views/pages/question/resolution-section.tsx).

export interface ScoreCell {
  score: number;
  coverage: number;
}

export interface ResolutionScoresModel {
  /** The viewer's scores (null: not signed in, or no forecast that counted). */
  mine: Partial<Record<string, ScoreCell>> | null;
  /** The community prediction scored as a forecaster. */
  crowd: Partial<Record<string, ScoreCell>> | null;
  /** Score types shown, in column order. */
  types: string[];
}

export interface ProposalModel {
  resolution: string;
  kind: 'proposal' | 're_resolution' | 'annulment' | 'conditional';
  status: 'pending' | 'finalized' | 'withdrawn' | 'superseded';
  proposedBy: string | null;
  proposedAt: Date;
  windowEndsAt: Date;
  decidedAt: Date | null;
  evidence: Array<{ url: string; note: string }>;
  note: string;
  disputes: Array<{ username: string; reason: string; createdAt: Date }>;
}

export interface ResolutionFormState {
  /** Which form failed: propose, dispute, decide. */
  form: 'propose' | 'dispute' | 'decide';
  error: string;
  values: Record<string, string>;
}

export interface ResolutionSectionModel {
  questionId: number;
  status: string;
  resolution: string | null;
  resolvedAt: Date | null;
  actualCloseTime: Date | null;
  scheduledResolveTime: Date | null;
  disputeWindowHours: number;
  /** The pending proposal, else the final one in force. */
  current: ProposalModel | null;
  /** Earlier proposals (withdrawn, superseded), newest first. */
  earlier: ProposalModel[];
  scores: ResolutionScoresModel | null;
  /** What the viewer may do now. */
  can: {
    propose: boolean;
    dispute: boolean;
    /** Finalise or withdraw the pending proposal (admins). */
    decide: boolean;
    /** The viewer already disputed the pending proposal. */
    hasDisputed: boolean;
  };
  /** The outcomes the propose form offers (binary: yes/no; MC: the labels); null = free text. */
  outcomeChoices: string[] | null;
  /** How to write a free-text outcome (continuous types). */
  outcomeHint: string;
  /** Form actions (page routes). */
  actions: { propose: string; dispute: string; finalize: string; withdraw: string };
  form: ResolutionFormState | null;
}

export interface ResolutionQueueItem {
  questionId: number;
  title: string;
  path: string;
  status: string;
  scheduledResolveTime: Date | null;
  proposal: { resolution: string; windowEndsAt: Date; disputeCount: number } | null;
}
