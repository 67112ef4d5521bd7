/**
 * English texts of the "output" namespace: what the output panel shows of a
 * classifier beyond TF's map: the classes' names and colours, the legend of
 * a probability, and the confusion matrices.
 */
export default {
  classes: {
    /** The name of class n (1-based) of a problem with three or more classes. */
    name: 'Class {{n}}',
    /** The two classes of a two-class problem, by their label and colour. */
    negative: 'Orange (−1)',
    positive: 'Blue (+1)',
    legend: 'Colours of the classes: {{names}}. The paler a colour on the map, the less sure the network is.',
    legendNote: 'Each point and each area of the map has the colour of its class; pale areas are where the network is unsure.',
    mapLabel: 'Decision map of the network output: the most probable class at each point',
    outputNode: 'Probability of {{name}}',
    probabilityScale: 'Colour scale of the probability of blue (+1): 0 (orange) through 0.5 to 1 (blue)',
    probabilityNote: 'The map shows the probability of blue (+1): orange near 0, blue near 1.',
  },
  confusion: {
    heading: 'Confusion matrix',
    note: 'Rows are the true classes, columns the classes the network predicts; the diagonal counts the points classified right.',
    train: 'Training data',
    test: 'Test data',
    trueClass: 'True class',
    predictedClass: 'Predicted class',
    trueName: 'true {{name}}',
    predictedName: 'predicted {{name}}',
  },
};
