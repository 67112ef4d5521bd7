/**
 * English texts of the "lab" namespace: the learning-rate lab
 * (course/LearningRateLab.svelte and course/lab/). Strings may use the markup
 * of text/rich.ts ($maths$, **emphasis**, `control`); `{{formula}}` is a
 * formula the component writes, already in $…$.
 *
 * Nothing here gives an answer away before the student has run a rate: the
 * ideal rate and the factor each step multiplies the distance by belong to
 * lesson 2's answers (lessons.ts), not to the lab's texts.
 */
export default {
  label: 'Learning-rate lab',
  curve: 'The loss curve: {{formula}}. Its lowest point is at $w = {{minimum}}$.',
  rule: 'One step of gradient descent updates the weight: {{formula}}, where $\\eta$ is the learning rate.',
  lastStep: 'Last step: {{formula}}',
  chart: {
    label: 'Loss curve L(w) with the weight after {{step}} steps at w = {{weight}}',
    weightAxis: 'weight w',
    lossAxis: 'loss L(w)',
    minimum: 'minimum',
    offChart: 'w = {{weight}} is off the chart',
  },
  rate: {
    label: 'Learning rate $\\eta$',
  },
  stepButton: 'One step',
  runButton: 'Run to the end',
  stopButton: 'Stop',
  resetButton: 'Reset graph',
  readout: {
    step: 'Steps',
    weight: 'Weight $w$',
    loss: 'Loss $L(w)$',
    gradient: 'Last gradient $\\frac{dL}{dw}$',
  },
  status: {
    ready: 'Press `One step` to take one step of gradient descent from $w = {{weight}}$, or `Run to the end` to watch the whole run.',
    going:
      'Step {{step}}: the weight is {{distance}} away from the minimum. Not converged yet; keep stepping.',
    goingAway:
      'Step {{step}}: the weight is {{distance}} away from the minimum, farther than before: the step jumped too far past it.',
    running: 'Running…',
    converged: 'Converged at step {{step}}: the weight is within 0.5% of its starting distance from the minimum.',
    convergedZigzag:
      'Converged at step {{step}}. Each step jumped across the minimum, but by less every time, so it settled.',
    convergedIdeal:
      'Converged in one step: {{rate}} is the ideal learning rate for this curve. A single step lands right on the minimum.',
    diverged:
      'Diverged at step {{step}}: each step overshoots the minimum by more than the one before, so the weight flies away. Lower the learning rate.',
    tooSlow:
      'Not converged after {{step}} steps: the learning rate is too small, so every step is tiny. Raise the learning rate.',
    oscillating:
      'Not converged after {{step}} steps: the weight jumps back and forth across the minimum without getting closer. Lower the learning rate a little.',
  },
  errors: {
    empty: 'Enter a learning rate.',
    notANumber: 'That is not a number. Write it like 0.3 or 1e-3.',
    notPositive: 'The learning rate must be greater than 0.',
    tooLarge: 'Use a learning rate of at most {{max}}.',
    duplicate: '{{rate}} is already in the table.',
    full: 'The table holds at most {{max}} rates of your own. Remove one first.',
  },
  table: {
    instructions:
      'Guess first: for each rate, write under **My guess** how many steps it needs to converge, or that it diverges. Then click the rate to load it into the lab and take steps until the run settles, or press `Run to the end`: its row fills in. A **?** is a rate you have not run yet.',
    caption: 'Steps to converge from $w = {{start}}$ (at most {{max}} steps)',
    rate: 'Learning rate',
    guess: 'My guess',
    guessLabel: 'My guess for learning rate {{rate}}',
    steps: 'Steps to converge',
    outcome: 'Converged?',
    load: 'Try learning rate {{rate}} in the lab',
    remove: 'Remove',
    removeLabel: 'Remove learning rate {{rate}}',
    own: 'yours',
    fill: 'Fill the whole table',
  },
  outcome: {
    converged: 'converged',
    diverged: 'diverged',
    notConverged: 'not converged',
  },
  add: {
    label: 'Your own learning rate',
    button: 'Add',
    added: '{{rate}} added to the table.',
  },
} as const;
