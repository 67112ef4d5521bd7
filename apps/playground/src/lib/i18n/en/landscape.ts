/** English texts of the "landscape" namespace: the loss landscape panel and its lesson tasks. */
export default {
  toggle: 'Loss landscape',
  heading: 'Loss landscape',
  caption:
    'Each pixel is the training loss of a network whose weights are the current ones moved a little along two directions in weight space (α across, β up); darker is lower. The cross is where the network is now, the lines join points of equal loss. Beside it, the loss along the current gradient: the bowl of the lecture, for this network, with the step the learning rate takes.',
  directions: {
    label: 'Directions',
    random: 'Random (filter-normalised)',
    path: 'Main directions of the path so far',
    pathUnavailable: 'The path directions need the weights of earlier epochs of this run, which are not recorded yet: use random directions.',
    axisRandom1: 'random direction 1 (α)',
    axisRandom2: 'random direction 2 (β)',
    axisPath1: 'path direction 1 (α, {{share}} of the path)',
    axisPath2: 'path direction 2 (β, {{share}} of the path)',
  },
  span: {
    label: 'Span',
    hint: '1 = a step as long as the weights themselves',
    hintPath: '1 = as far as the path’s farthest point',
  },
  redraw: 'Redraw',
  drawing: 'Drawing…',
  whilePlaying: 'Drawn at {{epoch}} epochs; it is drawn again when training pauses.',
  drawnAt: 'Drawn at {{epoch}} epochs.',
  legend: {
    label: 'Training loss',
    low: 'low',
    high: 'high',
  },
  summary:
    'Heat map of the training loss on the plane: from {{min}} to {{max}}; the lowest point at α = {{alpha}}, β = {{beta}}; at the centre (the current weights) {{centre}}.',
  slice: {
    heading: 'Along the gradient',
    label:
      'The training loss along the negative gradient: {{centre}} at the current weights, {{step}} after a step of the learning rate {{rate}}.',
    axisT: 'distance t along −gradient',
    axisLoss: 'training loss',
    step: 'step η = {{rate}}',
    realStep: 'One real update on the whole training set gives {{loss}}.',
    flat: 'The gradient is 0 here: there is nowhere downhill to go.',
  },
  tool: {
    title: 'Loss landscape',
    open: 'Open the loss landscape',
  },
  tasks: {
    loss: 'Train a few epochs and pause. Open the loss landscape: the cross marks the current weights. Is the cross at the bottom of a valley? Look at the slice along the gradient: where does one step of the learning rate take the loss?',
    initialization:
      'Press Reset a few times; each time, redraw the landscape before training. Each start lands in a different place on a different landscape: train each a little and see which valley it slides into.',
  },
} as const;
