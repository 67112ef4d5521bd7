/** English texts of the "timeline" namespace: the training timeline under the loss chart, and two runs side by side. */
export default {
  timeline: {
    label: 'Timeline',
    valueText: 'epoch {{epoch}}',
    valuePresent: 'epoch {{epoch}} (now)',
    viewing: 'Viewing epoch {{epoch}} of {{present}}. Play goes back to the present.',
    present: 'Drag back to see the network at an earlier epoch.',
    kept: '{{n}} epochs kept, every {{spacing}}.',
    continueHere: 'Continue from here',
    backToPresent: 'Back to the present',
    branch: 'A branch from epoch {{from}} reaches epoch {{epoch}}.',
    toBranch: 'Back to the branch',
    discardBranch: 'Discard branch',
  },
} as const;
