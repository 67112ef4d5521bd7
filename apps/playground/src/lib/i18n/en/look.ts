/**
 * English texts of the "look" namespace: the theme and projector-mode
 * controls (lib/look/), the printed worksheets and short announcements for
 * screen readers.
 */
export default {
  theme: {
    label: 'Theme',
    options: {
      system: 'System',
      light: 'Light',
      dark: 'Dark',
      contrast: 'High contrast',
    },
  },
  projector: {
    label: 'Projector mode',
    hint: 'Larger type and maps for a projector or a big screen; the speed figures are hidden.',
  },
  runs: {
    ready_one: 'Done: {{count}} result below.',
    ready_other: 'Done: {{count}} results below.',
  },
  worksheet: {
    label: 'Worksheets to print',
    name: 'Name',
    group: 'Class',
    date: 'Date',
    kicker: 'Worksheet',
    observation: 'My observation',
    rates: {
      title: 'The learning-rate table',
      intro:
        'In the learning-rate lab every run starts at w = −2. First write under “My guess” how many steps each rate needs to converge, or that it diverges. Then run it in the lab until it settles (at most 1,000 steps) and write down what happened.',
      own: 'A rate of your own',
    },
    homework: {
      title: 'The homework table',
      best: 'For each data set, write your best run: the hyperparameters you used and the two losses when you stopped.',
    },
  },
} as const;
