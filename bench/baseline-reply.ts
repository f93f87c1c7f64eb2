/** What the baseline bot answers; the bench checks for it, so it knows which bot it is talking to. */
export const BASELINE_REPLY = 'baseline: fixed reply';
export const BASELINE_CLICKED = 'baseline: fixed answer';
export const BASELINE_BUTTON = 'baseline:answer';
