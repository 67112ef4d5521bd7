/**
 * English texts of the app's own controls (the "common" namespace), grouped
 * by the component that shows them. This file is the reference: every other
 * language has exactly these keys, with the same {{placeholders}}.
 *
 * The English accessible names ("Play", "Reset", "Epoch", ...) are what the
 * end-to-end tests look controls up by: change them here and there together.
 */
export default {
  app: {
    title: 'Neural network playground',
    tagline: 'Train a small neural network on 2-D data and watch it learn, right here in your browser.',
    showLessons: 'Show lessons',
    hideLessons: 'Hide lessons',
    networkHeading: 'Features and hidden layers',
    about: {
      heading: 'What you are looking at',
      points:
        'Each point is an example: its position is the input, its colour the label (orange −1, blue +1). The network turns the selected features of a point into one number; the big map shows that number everywhere in the plane, and the small squares show what each neuron computes. Press Play and the weights, drawn as links, change a little with every weight update to make the loss smaller.',
      engines:
        'Training runs in a background worker on a WebAssembly core; switch the engine to the TypeScript reference to compare their speed on the same network.',
    },
  },
  language: {
    label: 'Language',
  },

  /** TopBar: run controls, the epoch counter, the settings and the engine figures. */
  topBar: {
    label: 'Training controls',
    reset: 'Reset',
    resetTitle: 'Reset the network (new weights, epoch 0)',
    play: 'Play',
    playTitle: 'Run training',
    pause: 'Pause',
    pauseTitle: 'Pause training',
    step: 'Step',
    stepTitle: 'Train exactly one epoch',
    epoch: 'Epoch',
    learningRate: 'Learning rate',
    activation: 'Activation',
    regularization: 'Regularization',
    regularizationRate: 'Regularization rate',
    problem: 'Problem type',
    speed: 'Speed',
    engine: 'Engine',
    statsLabel: 'Measured speed of each engine',
    statsEngine: 'Engine',
    epochsPerSecond: 'epochs/s',
    msPerEpoch: 'ms/epoch',
    msPerFrame: 'ms/frame',
    drawRateTitle: 'Snapshots the page draws per second',
    drawRate: '{{fps}} fps',
  },

  /** The drop-downs' option texts. */
  options: {
    activations: {
      relu: 'ReLU',
      tanh: 'Tanh',
      sigmoid: 'Sigmoid',
      linear: 'Linear',
    },
    regularizations: {
      none: 'None',
      l1: 'L1',
      l2: 'L2',
    },
    problems: {
      classification: 'Classification',
      regression: 'Regression',
    },
    speeds: {
      '1': '1 epoch / frame',
      '10': '10 epochs / frame',
      '100': '100 epochs / frame',
      max: 'As fast as possible',
    },
    engines: {
      wasm: 'WASM core',
      reference: 'TypeScript reference',
    },
    /** Row headings of the engine figures. */
    enginesShort: {
      wasm: 'WASM',
      reference: 'TS',
    },
  },

  /** A problem type inside a sentence ("80 points (classification)"). */
  problemNames: {
    classification: 'classification',
    regression: 'regression',
  },

  /** DataPanel: the data sets, the sliders and the import of one's own points. */
  data: {
    heading: 'Data',
    which: 'Which data set do you want to use?',
    datasetButton: 'Data set: {{name}}',
    /** The thumbnails' names: the lessons call the data sets by these. */
    datasets: {
      circle: 'Circle',
      xor: 'XOR',
      gauss: 'Two blobs',
      spiral: 'Spiral',
      'reg-plane': 'Plane',
      'reg-gauss': 'Several blobs',
      blobs: 'Blobs',
      arms: 'Spiral arms',
      rings: 'Rings',
      sectors: 'Sectors',
    },
    ratio: 'Ratio of training to test data',
    noise: 'Noise',
    noiseImported: 'Noise is part of the generated data sets; imported points are used as they are.',
    batchSize: 'Batch size',
    regenerate: 'Regenerate',
    yourData: 'Your data:',
    importedSummary: ', {{points}} points ({{problem}}).',
    useGenerated: 'Use a generated set',
    importFile: 'Import points (CSV or JSON)',
    download: 'Download these points (CSV)',
  },

  /** OutputPanel: losses, the loss chart, the big map and its switches. */
  output: {
    heading: 'Output',
    testLoss: 'Test loss',
    trainLoss: 'Training loss',
    // The gap readout beside the two losses (lesson 6: overfitting).
    gap: 'Gap',
    gapNote: '(test − training loss)',
    testAccuracy: 'Test accuracy',
    trainAccuracy: 'Training accuracy',
    lossRising:
      'The training loss rose from {{from}} to {{to}}: the weight updates overshoot the minimum. A smaller learning rate usually helps.',
    hiddenNode: 'layer {{layer}}, neuron {{neuron}}',
    node: 'neuron {{neuron}}',
    featureMapLabel: 'Map of feature {{feature}}',
    outputMapLabel: 'Decision map of the network output',
    hiddenMapLabel: 'Map of hidden {{node}}',
    featureCaption: 'Showing feature {{feature}}',
    outputCaption: 'Output of the network',
    hiddenCaption: 'Showing hidden {{node}}',
    colorScale: 'Colour scale from -1 (orange) through 0 to 1 (blue)',
    legendNote: 'Colours show data, neuron and weight values: orange negative, blue positive.',
    showTestData: 'Show test data',
    discretize: 'Discretize output',
  },

  /** The input features, as screen readers and hover titles name them (the diagram shows X₁, X₂, …). */
  features: {
    x: 'x1',
    y: 'x2',
    xSquared: 'x1 squared',
    ySquared: 'x2 squared',
    xTimesY: 'x1 times x2',
    sinX: 'sin(x1)',
    sinY: 'sin(x2)',
  },

  /** NetworkView: layers, neurons, features, weights and biases. */
  network: {
    addLayer: 'Add a hidden layer',
    removeLayer: 'Remove a hidden layer',
    hiddenLayer: 'hidden layer',
    hiddenLayers: 'hidden layers',
    addNeuron: 'Add a neuron to hidden layer {{layer}}',
    addNeuronTitle: 'Add a neuron',
    removeNeuron: 'Remove a neuron from hidden layer {{layer}}',
    removeNeuronTitle: 'Remove a neuron',
    neuron: '{{n}} neuron',
    neurons: '{{n}} neurons',
    feature: 'Feature {{name}}',
    featureOn: '{{name}}: click to switch off',
    featureOff: '{{name}}: click to switch on',
    featureMap: 'Map of {{name}}',
    outputNode: 'the output node',
    hiddenNeuron: 'neuron {{neuron}} of hidden layer {{layer}}',
    nodeLabel: '{{node}}: show its map; Enter edits its weights',
    nodeOutput: 'Output of {{node}}',
    biasOf: 'bias of {{node}}',
    sourceNeuron: 'layer {{layer}}, neuron {{neuron}}',
    output: 'output',
    link: '{{from}} → {{to}}',
    weight: 'Weight',
    bias: 'Bias',
    clickToEdit: 'click to edit',
    editValue: '{{kind}} {{name}}',
    editNode: 'Edit {{node}}',
    close: 'Close',
    closeEditor: 'Close the editor',
    weightFrom: 'Weight from {{from}}',
    notANumber: 'Not a number, so the value stays {{value}}. Write it like 0.5 or 0,5.',
    weightName: 'Weight from {{from}} to {{to}}: {{value}}',
    biasName: 'Bias of {{node}}: {{value}}',
    paramsLayer: 'Weights and biases of hidden layer {{layer}}',
    paramsOutput: 'Weights and bias of the output node',
    paramsHint:
      'Each layer’s weights and biases are one stop of the Tab key: the arrow keys move between them, and Enter edits the one in focus.',
    enterToEdit: 'Enter to edit',
  },

  /** ClassroomPanel: the share link and the controls students see. */
  classroom: {
    summary: 'Share or use it in a classroom',
    intro:
      'This link reopens exactly this setup, data seed included. Untick a control to hide it from students who open the link.',
    linkLabel: 'Link to this setup',
    copy: 'Copy link',
    copied: 'Copied',
    legend: 'Controls students see',
    studentLink: {
      heading: 'A link for students',
      intro:
        'The link opens this exercise, data seed included, with what you choose below. Your own page does not change: open the link to see it as a student will.',
      lesson: 'Lesson the link opens',
      lastLesson: 'The one the student had open last',
      lessonOption: 'Lesson {{number}}: {{title}}',
      answers: 'Offer the answers (“Show answer” buttons)',
      panel: 'Show this panel to students',
      embed: 'Embed mode: only the playground, sized to its frame (for a slide or a web page)',
      open: 'Open as a student',
      willSee: 'Students will see',
      willNotSee: 'Students will not see',
      nothingHidden: 'Nothing is hidden.',
      seesLesson: 'Lesson {{number}} first: {{title}}',
      seesLastLesson: 'The lesson they had open last',
      seesAnswers: 'The answers, one task at a time',
      noAnswers: 'Any answer (not even in the page’s code)',
      seesPanel: 'This panel (they can make links too)',
      noPanel: 'This panel',
      embedded: 'The title, the lessons and everything below the playground (embed mode)',
      control: 'The control “{{name}}”',
    },
    controls: {
      showTestData: 'Show test data',
      discretize: 'Discretize output',
      playButton: 'Play button',
      stepButton: 'Step button',
      resetButton: 'Reset button',
      learningRate: 'Learning rate',
      activation: 'Activation',
      regularization: 'Regularization',
      regularizationRate: 'Regularization rate',
      problem: 'Problem type',
      dataset: 'Which data set',
      percTrainData: 'Ratio of training to test data',
      noise: 'Noise',
      batchSize: 'Batch size',
      numHiddenLayers: 'Number of hidden layers',
      optimizer: 'Optimizer',
      classes: 'Classes',
      loss: 'Loss',
    },
  },

  /** Notices: messages above the playground, including the ones built in playground.svelte.ts. */
  notices: {
    /** A text given as it is (not translated). */
    plain: '{{text}}',
    dismiss: 'Dismiss this message',
    divergedTitle: 'Training diverged.',
    divergedBody:
      'The loss is no longer a number: each weight update overshot the minimum by more than the last, until the weights overflowed. The learning rate ({{rate}}) is too high for this setup. Choose a smaller learning rate, then press Reset.',
    blownUpTitle: 'Training is not converging.',
    blownUpBody:
      'The training loss went from {{from}} up to {{to}} and stays there. At learning rate {{rate}} each weight update jumps past the minimum by more than the last, and the neurons end up saturated (their outputs stuck near −1 or +1), so they hardly learn any more. Play was paused so you can look; you may go on, or choose a smaller learning rate and press Reset.',
    resetNow: 'Reset now',
    workerStopped: 'The training worker stopped: {{reason}}.',
    workerNotLoaded: 'it could not be loaded',
    workerNotStarted: 'The training worker could not start: {{reason}}',
    workerDied: 'it is no longer running (the browser may have stopped it, for example when memory ran out)',
    workerSilent: 'it has not answered for several seconds',
    workerRestartHint: 'Press Reset or Restart training to start a new one with the current settings; reloading the page works too.',
    workerRestart: 'Restart training',
    trainingStopped: 'Training stopped because of an error: {{reason}}',
    noWasm: 'The WebAssembly core could not be loaded in this browser; training runs on the TypeScript reference engine.',
    needInput: 'The network needs at least one input: switch another feature on first.',
    trainer: {
      'diverged-play': 'The network diverged (its numbers overflowed), so it cannot train on: press Reset for new weights, and lower the learning rate.',
      'diverged-step': 'The network diverged (its numbers overflowed), so it cannot take a step: press Reset for new weights, and lower the learning rate.',
      'diverged-move': 'A diverged network cannot move to the other engine: press Reset first.',
      engineUnavailable: 'The {{engine}} engine is not available in this browser ({{reason}}).',
      noTrainingPoints: 'At this ratio no point is left for training: raise the ratio of training to test data.',
      runNoTrainingPoints: 'Run {{run}} has no training points: raise the ratio of training to test data.',
      runBatchAll: 'Run {{run}}: the whole training set ({{count}} points) is more than one batch can hold ({{max}}); lower the ratio of training to test data.',
      weightValue: 'A weight must be a finite number within ±3.4e38; got {{got}}.',
      biasValue: 'A bias must be a finite number within ±3.4e38; got {{got}}.',
      notReady: 'The trainer is still starting; try again in a moment.',
    },
    trainerRefused: 'The trainer refused: {{message}}',
    fileTooLarge:
      'Could not import {{name}}: the file is {{size}} MB; a data file for the playground holds at most 10,000 points, well under 2 MB.',
    fileUnreadable: 'Could not read {{name}}: {{reason}}',
    importFailed: 'Could not import {{name}}: {{reason}} Nothing was changed.',
    imported: 'Training on {{name}}: {{points}} points ({{problem}}). Imported points are not part of shared links.',
  },

  /** Values of a shared link that could not be used (state/hash.ts, by HashNotice code). */
  replay: {
    exact: 'Replayed exactly: same losses and weights as recorded (epoch {{epoch}}).',
    departed: 'Replayed, but not exactly as recorded: at epoch {{epoch}} the {{what}} is {{replayed}}, the record says {{claimed}}.',
    what: {
      trainLoss: 'training loss',
      testLoss: 'test loss',
      weights: 'weight {{at}} (engine order)',
      biases: 'bias {{at}} (engine order)',
      epochs: 'epoch reached',
      diverged: 'divergence',
      setting: 'engine',
    },
    missing: 'none',
    noRun:
      'This record was made before runs were recorded exactly: it reopens the settings and the seed, not the resets, learning-rate changes, regenerations or edits made during the run. Press Play to train it again.',
    otherVersion:
      'This record was made with version {{recorded}}; this is {{current}}: replayed as recorded, but the digits may differ if the engine changed.',
    refused: 'The recorded run could not be replayed ({{reason}}). Its settings and seed are open instead, from epoch 0.',
    fromLink: 'Opened the run from the link.',
    badLink: 'The link’s recorded run cannot be used: {{reason}}. The link’s settings are open instead, from epoch 0.',
    reasons: {
      empty: 'it is empty',
      'too-large': 'it is too large to be a record of this app',
      truncated: 'it is cut off (the end is missing)',
      damaged: 'it is damaged (not readable as a record of this app)',
      foreign: 'it is not a record of this app (format {{format}})',
      future: 'it was made by a newer version of this app (format version {{version}}; this one reads up to {{supported}})',
      invalid: 'a value in it is not valid ({{path}}: {{issue}})',
      'no-run': 'it was recorded before runs were recorded exactly, so there is nothing to replay',
      'replay-failed': 'it could not be trained again ({{message}})',
    },
  },
  hashNotices: {
    keyEncoding: '"{{key}}" is not valid percent-encoding; this setting is ignored',
    valueEncoding: '{{key}} "{{value}}" is not valid percent-encoding; using {{fallback}}',
    invalidValue: '{{key}} "{{value}}" is not {{expected}}; using {{fallback}}',
    unknownKey: '"{{pair}}" is not a setting of this page; it is ignored',
    moreIgnored: '{{more}} more settings of the link cannot be used and are ignored',
    noFeatures: 'no input feature is on; using x and y',
    hiddenFeatures: 'every input feature that is on is hidden ({{features}}); using x and y',
    newSeed: 'a new random seed {{seed}}',
    off: 'off',
    noHiddenLayers: '(no hidden layers)',
    /** What a key takes (HashExpectation). */
    expected: {
      activation: 'an activation ({{options}} or {{last}})',
      regularization: 'a regularization ({{options}} or {{last}})',
      batchSize: 'a batch size (a whole number from {{min}} to {{max}})',
      dataset: 'a classification data set ({{options}} or {{last}})',
      regDataset: 'a regression data set ({{options}} or {{last}})',
      learningRate: 'a learning rate from {{min}} to {{max}}',
      regularizationRate: 'a regularization rate from {{min}} to {{max}}',
      noise: 'a noise value from {{min}} to {{max}}',
      networkShape:
        'a network shape (up to {{maxLayers}} comma-separated layer sizes, each a whole number from 1 to {{maxNeurons}})',
      seed: "a seed (1 to {{maxLength}} letters, digits, '.', '-' or '_')",
      boolean: 'true or false',
      lesson: 'a lesson number from {{min}} to {{max}}',
      answers: '{{options}} or {{last}}',
      stopBelow: 'a loss target above {{min}} and at most {{max}}',
      pauseAt: 'an epoch to pause at (a whole number from {{min}} to {{max}})',
      percTrainData: 'a ratio of training to test data from {{min}} to {{max}} (percent for training)',
      tutorial: 'a tutorial name',
      problem: 'a problem type ({{options}} or {{last}})',
      engine: 'an engine ({{options}} or {{last}})',
      speed: 'a speed ({{options}} or {{last}})',
      optimizer: 'an optimizer ({{options}} or {{last}})',
      decay: 'a decay from {{min}} to less than {{max}}',
      epsilon: 'an epsilon above {{min}} and at most {{max}}',
    },
  },

  /** A file that could not be imported (DatasetError codes of @nn/datasets' parsePoints). */
  importErrors: {
    atLine: 'Line {{line}}: {{reason}}',
    atItem: 'Item {{item}}: {{reason}}',
    separators: {
      commas: 'commas',
      semicolons: 'semicolons',
      tabs: 'tabs',
    },
    codes: {
      missing: '{{column}} is missing.',
      notANumber: "{{column}} '{{value}}' is not a number.",
      tooLarge: "{{column}} '{{value}}' is too large to be a number here.",
      outside: '{{column}} = {{value}} is outside the playground, which spans -{{limit}} to {{limit}}.',
      classLabel: 'label {{value}} is not a class: with {{classes}} classes every label must be a whole number from 0 to {{last}}.',
      labelRange:
        'label {{value}} is outside -1 to 1. For classification every label must be -1 or 1 (or 0 or 1); for regression every label must be from -1 to 1.',
      tooMany:
        'The file has more than {{max, number}} points ({{found, number}} so far); at most {{max, number}} can be imported.',
      tooFew: 'The file has only {{found, number}} point; at least {{min, number}} are needed, some to train on and some to test with.',
      noPointsCsv: 'The file has no data points: write one point per line as x,y,label.',
      noPointsJson: 'The JSON array has no points.',
      headerColumn:
        "this looks like a header, but it has no '{{column}}' column. Name the columns x, y and label (found: {{found}}), or remove the header.",
      fieldCount: 'expected 3 values separated by {{separator}} (x, y, label), found {{found}}.',
      fieldCountHeader: 'expected {{expected}} values separated by {{separator}}, found {{found}}.',
      jsonNotANumber: '{{column}} {{value}} is not a number.',
      notFinite: '{{column}} is not a finite number.',
      invalidJson: 'The file is not valid JSON: {{detail}}',
      jsonNotArray: 'The JSON must be an array of points such as [{"x": 1.5, "y": -2, "label": 1}, ...].',
      itemLength: 'expected [x, y, label], found {{found}} values.',
      notAPoint: 'expected a point like {"x": 1.5, "y": -2, "label": 1}, found {{found}}.',
    },
  },
} as const;
