/** The runs feature's public surface for other features: the time a running experiment has left. */
export { formatDuration, TimeLeft } from './TimeLeft';
/** The learning-curve figure of one run, for the domain-adaptation preset's live curves (transfer feature). */
export { CurvesFigure } from './CurvesFigure';
export { DEFAULT_VIEW } from './curveSeries';
export { viewOfLive } from './runViews';
/** Resume / Run again for a stored run (the interrupted-runs notice), and what a resumed run kept. */
export { RestartRun, ResumedNote } from './RestartRun';
