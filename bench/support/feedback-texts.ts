/** Feedback-like sentences assembled from parts written for this project: varied enough to exercise the classifier. */
const OPENERS = ['Since the last update', 'Every morning', 'On my second hub', 'In the greenhouse app', 'After pairing a new probe', 'Quick one:', 'Honestly,', 'For our school garden'];
const BODIES = [
  'the moisture graph stops refreshing and shows a gap',
  'it would be great to export readings as CSV with one click',
  'how do I reset the hub without losing my calibration?',
  'the battery gauge jumps between 20% and 80%',
  'we would like a quote for thirty more sensor kits',
  'the frost alert arrived three hours late and we lost seedlings',
  'thank you for the quick help yesterday, it works now',
  'please add a dark theme for the dashboard',
  'we are thinking about switching to another vendor',
  'the app crashes when I rename a garden bed',
  'can teachers share a read-only view with students?',
  'the new probe housing looks lovely in the garden',
];
const CLOSERS = ['', ' Any ideas?', ' This is urgent for us.', ' Thanks!', ' It happens on Android and iOS.', ' We have 40 greenhouses.'];

export function feedbackText(i: number): string {
  const opener = OPENERS[i % OPENERS.length];
  const body = BODIES[Math.floor(i / OPENERS.length) % BODIES.length];
  const closer = CLOSERS[Math.floor(i / (OPENERS.length * BODIES.length)) % CLOSERS.length];
  return `${opener} ${body}.${closer} (#${i})`;
}
