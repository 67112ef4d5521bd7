/**
 * English texts of the "lessons" namespace: the lesson panel's own strings
 * (`panel`) and one LessonText per lesson (course/types.ts), keyed by lesson
 * id. Lesson strings use the markup of text/rich.ts: $inline maths$,
 * $$display maths$$, **emphasis** and `control names` (as the app labels
 * them). They contain no `{{`: i18next would read it as interpolation.
 *
 * Each task carries its own answer. What a task asks the student to find out
 * is in that answer only, never in the lesson's `idea` above the tasks.
 *
 * Figures quoted "in our runs" were measured with the presets of
 * course/lessons.ts on the WASM engine (first weights after loading the
 * preset, then new weights after each Reset); test/lessons.test.ts measures
 * the overfitting and learning-rate presets again.
 */
import type { LessonId, LessonText } from '../../course/types.js';

export default {
  panel: {
    heading: 'Lessons',
    lessonNumber: 'Lesson {{number}}',
    lessonHeading: 'Lesson {{number}}: {{title}}',
    // The picker's buttons show "6 Overfitting"; their names hold that text, then the title.
    lessonButton: 'Lesson {{number}} {{short}}: {{title}}',
    presetHint: 'Sets the playground to this starting point: data, network and settings.',
    applied: 'The playground was set to “{{name}}”.',
    copyLink: 'Link to this exercise (copy it to share)',
    tasks: 'Tasks',
    taskNumber: 'Task {{number}}',
    showAnswer: 'Show answer',
    hideAnswer: 'Hide answer',
    answerLabel: 'Answer to task {{number}}',
    note: 'My observation',
    noteLabel: 'My observation, task {{number}}',
    noteHint: 'Kept in this browser with your experiment log and exported with the homework.',
    previous: 'Previous',
    next: 'Next',
    wider: 'Wider panel',
    narrower: 'Narrower panel',
  },

  loss: {
    title: 'Reducing loss: gradient descent',
    short: 'Loss',
    idea: [
      'A network learns by trial and error, in a loop (see the figure below): the **model** makes a prediction $\\hat y$ for each training point, the **loss** measures how wrong it was, the weights are **updated** a little so that it is less wrong, and new data is fed in for the next round. One pass over all training points is called an **epoch**.',
      'The measure of how wrong the model is, is the **loss function**, which the lecture also calls the **cost function**: the same thing under two names. This app’s loss is half the squared error. For one point, $L=\\frac{1}{2}(\\hat y - y)^2$, where $y$ is the label (+1 for blue, −1 for orange) and $\\hat y$ the network’s output. The `Training loss` and `Test loss` readouts give its mean over each set: $L=\\frac{1}{N}\\sum_{i=1}^{N}\\frac{1}{2}(\\hat y_i - y_i)^2$.',
      'Picture the loss plotted against a single weight. For a simple model the curve is shaped like a **bowl** (a convex function): it has exactly one lowest point, where the slope is 0. Working out the loss for every possible weight would be hopeless. **Gradient descent** instead starts anywhere (zero, or a small random value), measures the slope there, called the **gradient** $\\frac{\\partial L}{\\partial w}$, and steps downhill, against the slope: $$w \\leftarrow w - \\eta\\,\\frac{\\partial L}{\\partial w}$$',
      'The gradient points the way the loss grows fastest, so the minus sign sends the weight the other way. The size of the step is the gradient times the **learning rate** $\\eta$. The lecture’s example: with a slope of 2.5 and a learning rate of 0.01 the weight moves $2.5 \\times 0.01 = 0.025$. A network has many weights: its gradient is the vector of all the partial derivatives, and every weight takes its own step.',
    ],
    tasks: [
      {
        text: 'Set up the exercise with the button above: two well-separated blobs, no hidden layer, only `X₁` and `X₂` as inputs, `Learning rate` 0.03. Before training, read `Training loss` and `Test loss`. Are they large or small, and why?',
        answer: [
          'Large. The first weights are random, so the model’s first predictions are guesses: in our runs with this preset both losses started at about 1.35. Answering 0 everywhere would score 0.5; these first weights do worse than that.',
        ],
      },
      {
        text: 'Press `Step` once (one epoch) and read the losses again, then press it a few more times. Watch the lines from `X₁` and `X₂` to the output: their thickness shows how large each weight is. How much does the first epoch change, and how much do the next ones?',
        answer: [
          'In our runs one `Step` brought both losses from about 1.35 to about 0.03, and after 10 epochs they were at 0.005 or below. The first epoch does most of the work; the later ones only polish.',
        ],
      },
      {
        text: 'In the small bowl below, set the learning rate to 0.01 and take one step. Read the slope at the starting point, and how far and which way the weight moved. Does it match the lecture’s example?',
        answer: [
          'In the bowl the weight starts at $w=-2$, where the slope is $-2.5$. The step is $-\\eta \\times (-2.5)$, a positive number, so the weight moves right, towards the minimum at $w=2$. With $\\eta = 0.01$ it moves $2.5 \\times 0.01 = 0.025$, to $-1.975$: the lecture’s example, with the sign added. The sign is the whole point: the gradient points uphill, the minus sign in the update sends the weight downhill.',
        ],
      },
      {
        text: 'Take more steps in the bowl, then press `Play` in the playground. When does each loss fall fast, and when does it slow down? Why?',
        answer: [
          'Both curves fall fast at first and then more and more slowly. Near the bottom of the bowl the slope is small, so the step, learning rate times slope, shrinks by itself: gradient descent slows down as it approaches the minimum although nobody changed the learning rate.',
          'For a bowl, the starting point hardly matters: from anywhere, steps against the slope lead to the same single minimum. Real networks are not bowls, and there the start does matter (lesson 8).',
        ],
      },
    ],
    presets: {
      watch: 'Two blobs: watch the loss fall',
    },
    figure: {
      label:
        'The training loop: the model predicts, the loss compares the prediction with the label, the weights are updated, new data is fed in, and the loop starts again.',
      model: 'Model',
      modelNote: 'predicts ŷ from x₁, x₂',
      loss: 'Loss (cost)',
      lossNote: 'compares ŷ with the label y',
      update: 'Update',
      updateNote: 'moves the weights downhill',
      data: 'New data',
      dataNote: 'the next batch of points',
    },
  },

  learningRate: {
    title: 'The learning rate',
    short: 'Learning rate',
    idea: [
      'The learning rate $\\eta$ (also called the step size) is a **hyperparameter**: a setting you choose, not something the network learns. It scales every step: $w \\leftarrow w - \\eta\\,\\frac{\\partial L}{\\partial w}$.',
      'If it is too small, every step is tiny and training takes a very long time. If it is too large, a step jumps over the minimum to the other side of the bowl, possibly higher than where it started; when each jump lands farther away than the last, the loss grows without limit and training **diverges**. Machine-learning practitioners spend a good deal of time tuning it.',
      'The lab below runs gradient descent on a bowl-shaped loss of one weight $w$, starting at $w=-2$. Each press of `One step` makes one update of the weight. The lab counts a run as converged once the weight is within 0.5 % of its starting distance from the minimum.',
    ],
    tasks: [
      {
        text: 'The lab’s table lists the lecture’s learning rates: 0.03, 0.06, 0.1, 0.3, 0.8, 1.2, 2.1, 2.6 and 3.5. Before you run any of them, write under **My guess** whether each converges and roughly how many updates it needs. Then run each rate, stepping until it settles or with `Run to the end`, and compare.',
        answer: [
          'Updates to converge in the lab: 0.03 → 280, 0.06 → 139, 0.1 → 83, 0.3 → 26, 0.8 → 8, 1.2 → 4, 2.1 → 5, 2.6 → 12. At 3.5 it never converges: it diverges.',
        ],
      },
      {
        text: 'Step through three rates by hand with the lab’s `One step` button: a small one (0.1), a middle one (2.1) and the largest (3.5). After each update, note on which side of the minimum the weight lands and whether it got closer.',
        answer: [
          'At 0.1 the weight creeps towards the minimum from the same side, a little closer after every update. At 2.1 it jumps over the minimum to the other side, but lands closer each time: it zig-zags in. At 3.5 every jump lands farther out than the one before: the weight flies off and the run diverges.',
        ],
      },
      {
        text: 'Find the ideal learning rate, the one that converges in a single update. Then find the largest rate that still converges.',
        answer: [
          'This bowl’s ideal learning rate is 1.6: from anywhere, one update lands exactly on the minimum $w^{*}$. Every update multiplies the distance to the minimum by the same factor: $$w_{t+1} - w^{*} = \\left(1 - \\frac{\\eta}{1.6}\\right)(w_t - w^{*})$$',
          'At exactly 1.6 the factor is 0, so one update lands on the minimum. Between 1.6 and 3.2 the factor is negative but less than 1 in size: each update overshoots, yet lands closer on the other side, so the weight zig-zags in (2.1 needs 5 updates, 2.6 needs 12, and more the closer the rate is to 3.2). At 3.2 the factor is −1 and the weight bounces between the same two points for ever. Above 3.2 (3.5 gives −1.19) every jump ends farther out than the one before and the run **diverges**. The largest rate that converges is therefore just below 3.2.',
        ],
      },
      {
        text: 'Describe the pattern: how does the number of updates change as the rate grows, and where does it stop converging?',
        answer: [
          'Below 1.6 the factor $1 - \\eta/1.6$ lies between 0 and 1: every update covers the same fraction of the remaining way, always from the same side. The smaller the rate, the smaller that fraction, so the updates needed grow roughly in inverse proportion: halving the rate from 0.06 to 0.03 doubles them, from 139 to 280. Above 1.6 they grow again, until the run stops converging at 3.2.',
          'The number of updates is the smallest $n$ with $\\left|1 - \\eta/1.6\\right|^{n} \\le 0.005$. For 0.03 that is $0.98125^{n} \\le 0.005$, which first holds at $n = 280$.',
          'What carries over to real networks: a rate somewhat above the ideal often still works, with some zig-zag, while about twice the ideal or more blows up. Real loss surfaces are not perfect bowls and their ideal rate is unknown, so in practice you try rates on a rough scale (0.001, 0.003, 0.01, 0.03, …) and keep the largest one that trains steadily.',
        ],
      },
    ],
    presets: {},
  },

  batch: {
    title: 'Batch, stochastic and mini-batch gradient descent',
    short: 'Batch size',
    idea: [
      'In gradient descent, a **batch** is the set of points used to compute one gradient, that is, for one update of the weights. So far we assumed the batch is the whole data set. That gives the exact gradient, but every single update then needs a pass over all the data, which becomes slow when there are many points.',
      '**Stochastic gradient descent** (SGD) goes to the other extreme: a batch size of 1, one point per update. “Stochastic” means that the points of each batch are picked at random. **Mini-batch** gradient descent lies in between, with typically 10 to 1,000 random points per update: $$w \\leftarrow w - \\eta\\,\\frac{1}{B}\\sum_{i=1}^{B}\\frac{\\partial L_i}{\\partial w}$$ where $B$ is the batch size and $L_i$ the loss of the batch’s $i$-th point.',
      'This playground, like TensorFlow Playground, shuffles the points once, when it makes the data, and then goes through them in that same order every epoch: each batch is a random sample of the points, but the same sample in every epoch.',
      'Two counts not to mix up: one **update** changes the weights once, after one batch; one **epoch** is one pass over all the training points, and that is what `Step` trains. One epoch therefore makes about $N/B$ updates, for $N$ training points and batch size $B$: with 100 training points, batch size 1 makes 100 updates per epoch and batch size 20 makes 5. Here `Batch size` goes from 1 to 30.',
    ],
    tasks: [
      {
        text: 'The lecture asks: is the learning rate a hyperparameter? Is the batch size? Decide before you read on.',
        answer: [
          'Both are. A hyperparameter is a setting you choose before training and the network does not learn: you set the learning rate with `Learning rate` and the batch size with `Batch size`, and gradient descent never changes either of them. What the network learns are its weights and biases.',
        ],
      },
      {
        text: 'Set up the exercise with the button above: the circle, one hidden layer of 4 tanh neurons, `Learning rate` 0.03. In the comparison below, press `Train all three`: the same network is trained from the same first weights with batch size 1, with 10, and with the whole training set, and the three loss curves are drawn on top of each other. Compare them at the same epoch: which one falls fastest per epoch, which is the smoothest, and where is the whole-set curve when the other two have levelled off?',
        answer: [
          'In our runs with this preset, batch size 1 brought the training loss from 0.59 to 0.23 in 10 epochs and to 0.02 in 50. Batch size 10 was still at 0.49 after 10 epochs, 0.17 after 50 and 0.05 after 100. The whole set (250 points, one update per epoch) had only got to 0.50 after 100 epochs and 0.41 after 500.',
          'Per epoch the small batch wins because it updates the weights many more times: 250 times per epoch against 25 and 1. As the lecture says, SGD works given enough updates but is very noisy: a single point can pull the weights the wrong way, so its curve jitters, and its test loss also stopped improving early (it stayed near 0.02 while its training loss went on down to 0).',
          'The whole batch follows the exact gradient, so its curve is the smoothest, but one update per epoch at a rate of 0.03 is very slow; it would need a much larger learning rate. Mini-batches combine the two, as the lecture puts it: they reduce the noise of SGD and are still more efficient than the full batch.',
        ],
      },
      {
        text: 'In the playground itself, train the network with `Batch size` 1 and then with 30, pressing `Reset` in between, and watch the loss chart. Which one is more jumpy, and why?',
        answer: [
          'Batch size 1 is more jumpy: every update follows the gradient of a single point, and each point pulls its own way. With 30 points per update the pulls are averaged first, so each update is smaller in its errors, and there are fewer of them per epoch.',
          'Every epoch is about the same amount of work in both cases, since each point is used once; what changes is how often the weights move. On real hardware a mini-batch is also processed in parallel, which is why mini-batch SGD is the usual choice.',
        ],
      },
    ],
    presets: {
      network: 'Circle: 4 tanh neurons',
    },
  },

  playgroundTasks: {
    title: 'Playground exercise: learning rate and convergence',
    short: 'Convergence',
    idea: [
      'Each playground exercise makes a data set whose points have one of two labels. Think of spam and not spam, or healthy and sick trees: blue points are +1, orange points −1. The goal is to adjust the hyperparameters until the model separates the two colours. Most data sets contain some noise, so classifying every point correctly is usually impossible.',
      'The buttons at the top: `Reset` (the circular arrow) draws new random weights and sets the epoch counter to 0. `Play` trains continuously until you press it again to pause. `Step` trains exactly one epoch; each click can change the model a little or a lot. `Regenerate`, under the data settings, draws a new data set without resetting the network.',
      '`Training loss` is the value of the loss function on the training points and should fall as the epochs go by. The lines from the inputs `X₁` and `X₂` to the output show the weights: the thicker the line, the larger the weight (blue positive, orange negative).',
    ],
    tasks: [
      {
        text: 'Set up the exercise with the button above: two blobs with a lot of noise (`Noise` 50), no hidden layer, `Batch size` 1. Look at `Learning rate` at the top: it is 3, which is very high. Press `Step` 10 to 20 times. After each click, notice how much the model changes: the background colours, the thickness of the lines from `X₁` and `X₂`, and the loss readouts. Does the model settle?',
        answer: [
          'With a rate of 3 the first `Step` does nearly everything at once. In our runs with this preset the two weights jumped from about 0.46 and −0.45 to about 11.8 and 10.2 in that one epoch, the lines became very thick, and the training loss fell from 0.711 to 0.069.',
          'After that the model does not settle. Every training point on the wrong side of the boundary, and at noise 50 there are many, yanks the weights by a large step, so they swing by several units from one epoch to the next (9.0 and 17.6 after the second step, 22.8 and 6.9 after the eighth). In the first 20 steps the training loss jumped between 0.061 and 0.138 and the test loss between 0.129 and 0.216, and the boundary visibly tilted back and forth.',
          'A model can also look converged and still be unstable: after two `Reset`s, the next weights sat at a training loss of 0.096 for about 45 epochs and then jumped to 0.122.',
        ],
      },
      {
        text: 'Press `Reset`, choose a lower `Learning rate` and press `Step` several times. Repeat with even lower rates (for example 0.1, 0.01 and 0.001), pressing `Reset` before each. How does a lower learning rate affect convergence? Look at the number of steps the model needs and at how smoothly and steadily it gets there. How low can the rate go before it stops being useful?',
        answer: [
          'Lower rates, all from the same new weights after one `Reset` (training loss 1.625), counting the steps until the training loss was below 0.07: 1 took 2 steps, 0.3 took 4, 0.1 took 6, 0.03 took 8, 0.01 took 23, 0.003 took 76 and 0.001 took 231. From 0.1 down the loss fell at every step without a single jump; at 0.3 it rose once, by 0.012, in the first steps. All of them ended near the same training loss (0.056 to 0.068 after 500 epochs): the noisy points set that floor, not the rate.',
          'The lecture’s answer: the playground is non-deterministic, so your numbers will differ, but around **0.1** the model converges efficiently. Lower rates only add time: at 0.001 it needs almost 40 times as many steps as at 0.1 (231 against 6), and below that the rate is too slow to be useful.',
        ],
      },
    ],
    presets: {
      rate3: 'Very noisy two blobs, learning rate 3',
    },
  },

  trainTest: {
    title: 'Training and test sets',
    short: 'Train and test',
    idea: [
      'A model is only useful if it does well on **new** data, drawn from the same distribution as the data it learned from (lesson 6 looks at this closely). To estimate that, we split the data: a **training set** (often 70–80 %) that the model learns from, and a **test set** (the rest) that it never trains on and that is used only to measure. The lecture calls the test data “evaluation data”; this app says test data throughout.',
      'If the test set is large enough and you do not tune against the same test set over and over, a good test loss is a fair forecast for new data. The test loss is usually a little higher than the training loss; the smaller the gap, the better the model generalizes.',
      'In the picture, blue and orange dots are the two classes, and the background colour shows what the model predicts at each spot. Training points have a **white** outline, test points a **black** one. Only the training points are shown until you tick `Show test data`. `Ratio of training to test data` sets the split.',
    ],
    tasks: [
      {
        text: 'Set up the exercise (noisy two blobs, no hidden layer, `Learning rate` 3, `Batch size` 1) and tick `Show test data`. Press `Play` and watch `Test loss` and `Training loss`. When they no longer change, or change only now and then, press the button again to pause. Is the difference between the two significant?',
        answer: [
          'Yes: at a rate of 3 the test loss ends up much larger than the training loss. In our runs with this preset: training loss 0.048, test loss 0.134 after 150–200 epochs. The training loss stopped changing after about 4 epochs; the test loss crept up slowly from 0.12. Steps this large make the weights big, so the model becomes very sure of itself almost everywhere, and every test point on the wrong side of its boundary costs close to the maximum loss of 2.',
        ],
      },
      {
        text: 'Press `Reset`, change `Learning rate`, press `Play` and train for at least 150 epochs (see the `Epoch` counter). Did the gap between test and training loss (the `Gap` readout) get smaller or larger? What happens when you change both `Learning rate` and `Batch size`?',
        answer: [
          'Lowering the rate brings the two losses close together. In our runs, rate 0.001 ended at training 0.055 and test 0.078, and rate 0.01 at 0.052 and 0.088. The training loss is a little higher than at rate 3, but the test loss, the one that matters, is much lower.',
          'Changing the batch size mostly made no real difference. At rate 3, batch sizes 10 to 30 ended at a test loss of 0.12–0.13 on most starts; on one start in five, a batch of 20 or 30 ended clearly lower (0.090–0.100). As the lecture notes, on a few runs a batch size of 20 or more brings the test loss slightly below the training loss; the data is random, so your results may differ.',
        ],
      },
      {
        text: 'Lower `Ratio of training to test data` from 50 % to 10 %. Try different learning rates and batch sizes again and note what you see. Does the best setting you found in task 2 change? If so, why?',
        answer: [
          'At 10 % only 50 of the 500 points are used for training. With so few points, a high learning rate (and a large batch) makes the model jump around the minimum. In our runs at rate 3 the training loss jumped up and down during the first 10–20 epochs (one start went from 0.105 up to 0.200 and stayed there for several epochs before dropping to 0.04), and where it ended depended on the start: with batch size 30, five starts ended with test losses from 0.083 to 0.161.',
          'With a low rate (0.01, batch size 10) the five starts agreed: test loss 0.067–0.085. So yes, the ratio changes the picture: each update now rests on fewer points, large steps are even less trustworthy, and the low learning rate of task 2 matters more.',
        ],
      },
    ],
    presets: {
      rate3: 'Noisy two blobs, learning rate 3',
    },
  },

  overfitting: {
    title: 'Generalization and overfitting',
    short: 'Overfitting',
    idea: [
      'The lecture’s example: every point is a tree in a forest, blue for a sick tree and orange for a healthy one. We only ever see a **sample** of the trees. We train a model on it, and then want it to tell sick from healthy trees it has never seen: **new data** from the same forest.',
      'A model **generalizes** when it fits such new data, drawn from the same distribution as the data used to make it. A model can instead fit the quirks of its particular sample, such as the points that happen to lie among the other colour: it has then **overfitted** the training data. An overfitted model has a low loss while it trains but predicts new data badly. The lecture’s rule of thumb: the less complex a model, the more likely a good result is due to the data and not to the quirks of the sample.',
      'Here the test set plays the new data: `Test loss` is the loss on points the model never trained on, and `Gap` shows the test loss minus the training loss. `Regenerate` draws a whole new sample from the same distribution, the lecture’s new data for a model that has already been trained.',
      'The preset makes overfitting easy to see: a noisy circle (`Noise` 50) with only 10 % of the 500 points, 50 of them, used for training, every input feature switched on, and four hidden layers of 8 tanh neurons. The test points are shown with a black outline.',
    ],
    tasks: [
      {
        text: 'Set up the exercise with the button above and press `Play`. Watch `Training loss`, `Test loss`, `Gap` and the loss chart for about 500 epochs (see the `Epoch` counter), then pause. What does each loss do as the epochs go by? At about which epoch was the test loss lowest?',
        answer: [
          'In our runs with this preset the test loss was lowest, 0.357, at epoch 44, with a training loss of 0.250 (a gap of 0.107). From there on the training loss kept falling, to 0.159 at epoch 300 and 0.100 at epoch 500, while the test loss rose, to 0.560 and 0.767: the gap grew from 0.107 to 0.667. After 1,000 epochs the training loss was 0.030 and the test loss 0.859.',
          'That is overfitting as the lecture describes it: a low loss in training, but poor predictions on new data. After its best epoch the model fits the 50 training points ever more closely, the noisy ones included, and gets worse on the 450 points it never saw. Four more starts (press `Reset`) did the same: the test loss was lowest between epochs 13 and 105 (at 0.346 to 0.415) and ended between 0.62 and 0.88 after 1,000 epochs.',
        ],
      },
      {
        text: 'Look at the map, where the test points are shown. Compare the boundary near the test loss’s lowest point with the boundary after several hundred epochs. Which points does the later boundary follow, and where do the test points fall?',
        answer: [
          'In our runs with this preset, at epoch 44 the map shows a pale blue blob in the centre, roughly the circle the data was drawn from, in faint colours: the model is not yet sure of itself. By epoch 300 the colours are deep and the blue region reaches out in a long arm across the orange ring, and by epoch 800 in several. The arms head for the few blue training points (white outline) that the noise put among the orange ones. They rest on a handful of the 50 training points, and many orange test points (black outline) now lie inside them, coloured wrongly: that is why the test loss rises.',
        ],
      },
      {
        text: 'Press `Regenerate`: the same trained model meets a new sample from the same forest (the lecture’s new data). Before you press `Play` again, read `Training loss`: how does the model do on its new training points? Then train on and watch both losses.',
        answer: [
          'In our runs, after 300 epochs (training loss 0.159, test loss 0.560), new data sent the training loss up to between 0.44 and 0.67 on five draws, about as high as the test loss had been; after 1,000 epochs (training loss 0.030) it went up to between 0.70 and 0.96. The model had learnt its sample, not the forest: on new trees it is no better than on the test set.',
          'Trained on, the model soon fits the new sample too (training loss 0.04–0.13 after 300 more epochs), while the test loss stays high (0.41–0.55). More epochs on a small sample do not cure overfitting.',
        ],
      },
      {
        text: 'Make the model simpler. Remove hidden layers until there are none left, press `Reset` and then `Play`. Does the test loss still rise, and how large is the gap? Then also switch off every input but `X₁²` and `X₂²` and try again.',
        answer: [
          'With no hidden layer (every feature still on), in our runs the test loss was lowest at 0.31–0.37 within 35 epochs and then rose only a little, to 0.38 after 1,000 epochs, while the training loss stopped at 0.21: the gap stayed near 0.17 instead of growing to 0.8. A model this simple cannot follow single points.',
          'With only `X₁²` and `X₂²`, the shape of the circle itself, the test loss settled at 0.311 with a training loss of 0.254: a gap of 0.057, the smallest of all. Simpler models in between still overfit, only more slowly: one hidden layer of 8 neurons had its best test loss, 0.365, at epoch 5, and 0.654 after 1,000 epochs. That is the lecture’s point: the less complex model does better on new data.',
        ],
      },
      {
        text: 'The lecture says a test result is a fair forecast for new data if the test set is large enough and is not used over and over. Suppose you stop training at the epoch where the test loss is lowest. Is that epoch’s test loss still a fair forecast?',
        answer: [
          'Not quite. Choosing the epoch by looking at the test loss uses the test set to pick the model, so the test loss at that epoch is the lowest of many tries and therefore a little optimistic. Doing this once with 450 test points changes little; doing it again and again (new data, new settings, each time keeping whatever looks best on the test set) is exactly the reuse the lecture warns against. In practice one keeps a third set, a validation set, for such choices and looks at the test set only at the end.',
        ],
      },
    ],
    presets: {
      overfit: 'A large network on 50 noisy points',
    },
  },

  nonlinear: {
    title: 'Non-linear models and activation functions',
    short: 'Activation',
    idea: [
      'A neuron computes a weighted sum of its inputs plus a bias, and passes that sum through an **activation function** before the next layer adds it up. With a **linear** activation the sum passes through unchanged. Network diagrams usually do not draw the activation as a separate step.',
      'Common activation functions: the **sigmoid** squeezes any sum into the range 0 to 1, $$\\sigma(x)=\\frac{1}{1+e^{-x}}$$ **tanh** has the same S shape with values from −1 to 1, $$\\tanh(x)=\\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}$$ and **ReLU** (rectified linear unit) gives 0 for negative inputs and the input itself otherwise: $$\\mathrm{ReLU}(x)=\\max(0,x)$$',
      'ReLU often works a little better than smooth functions such as the sigmoid and is much cheaper to compute. Its slope is 1 for every positive input, so gradients do not fade away through many layers the way they do where a sigmoid is flat (the **vanishing gradient** problem). In this app `Activation` sets the function of every hidden neuron; for classification the output neuron always uses tanh.',
    ],
    tasks: [
      {
        text: 'Set up `One linear neuron`: XOR data, one hidden layer with a single neuron, `Activation` Linear. The model combines the two input features into one neuron. Can it learn a non-linear boundary? Would more linear layers help? Guess first: write out what two linear neurons in a row compute from one input $x$ (weights $w_1$, $w_2$, biases $b_1$, $b_2$). Then press `Play` and check.',
        answer: [
          'No, and more linear layers do not help. Two linear neurons in a row compute $w_2(w_1 x + b_1) + b_2 = (w_2 w_1)\\,x + (w_2 b_1 + b_2)$: a weighted sum of weighted sums is again a weighted sum of the inputs. However many such layers you stack, the decision boundary stays a straight line, and no straight line separates XOR’s four quadrants.',
          'The loss stays very high: in our runs the training loss was 0.495 and the test loss 0.503 on every start, even after 1,000 epochs. That is no better than answering 0 everywhere. To model a curved boundary, every hidden neuron needs a non-linear activation; then extra layers do add power, and stacked non-linearities can model very complex relations between the inputs and the prediction.',
        ],
      },
      {
        text: 'Increase the hidden layer from 1 to 2 neurons (the + button above the layer) and change `Activation` from Linear to ReLU, or set up `Two ReLU neurons`. Can the model learn the non-linearity now? Train it several times, pressing `Reset` before each run: does it always end the same way?',
        answer: [
          'A non-linear activation function can learn non-linear boundaries. With only two ReLU neurons in the hidden layer, however, training is slow and fragile, and the playground is non-deterministic: some runs learn a good model and others do not. In our runs with this preset, 1 start out of 10 got the test loss below 0.177 within 1,000 epochs (0.169); the others stopped between 0.19 and 0.28, most of them with one whole quadrant coloured wrongly. The preset’s own first weights end at 0.25, and the next ones, after one `Reset`, at 0.169.',
          'The reason is known as **dying ReLU**. A ReLU neuron outputs 0 wherever its weighted sum is negative, and its slope there is 0 as well, so points on that side send it no gradient: it cannot learn from them (a neuron that is off for every point never learns again). In the eight starts that ended at 0.24–0.28, about half of the 250 training points (115 to 134) lay where both neurons were off. The network gives all of them the same output, so a whole quadrant (54 to 63 points) stays the wrong colour, and no gradient reaches either neuron to fix it. In the two better starts only 20 to 24 points lay there, none of them wrong. Which of these ends you reach depends on the first weights, so try several times.',
        ],
      },
      {
        text: 'Keep experimenting: add or remove hidden layers and neurons per layer, and change the learning rate and the other settings. What is the smallest number of neurons and layers that gives a `Test loss` of 0.177 or lower?',
        answer: [
          'Here the playground’s non-determinism really shows. The lecture found that three hidden layers with 3, 3 and 2 neurons reached a very low test loss on some runs, while another run with exactly the same settings ended with a high loss. In our runs we saw the same with ReLU and layers of 3, 3 and 2: 5 of 10 starts ended between 0.005 and 0.041, the other 5 between 0.24 and 0.33.',
          'Smaller networks can do it too. In our runs one hidden layer of 3 ReLU neurons got below 0.177 on 5 of 10 starts, 4 ReLU neurons on 9 of 10, and 3 tanh neurons on all 10 (mostly around 0.05). Even 2 tanh neurons slipped just under the line on 4 of 10 starts (0.172). The fewest nodes that get there reliably: one hidden layer of 3 to 4 neurons.',
        ],
      },
    ],
    presets: {
      linear: 'One linear neuron',
      relu2: 'Two ReLU neurons',
    },
  },

  initialization: {
    title: 'Initialization and repeatability',
    short: 'Initialization',
    idea: [
      'Training starts from random weights. For a bowl-shaped (convex) loss that does not matter, as lesson 1’s bowl showed: it has one single minimum, and every start rolls down into it. A neural network’s loss is **not convex**: it is not a single bowl.',
      'How far the results of the same model, on the same data and with the same settings, differ from run to run is called the **repeatability** of the training. You should know it before you trust any single run.',
      '`Reset` (the circular arrow left of `Play`) draws new random first weights and starts again from epoch 0 on the same data. The tool below does this five times at once and shows the five results side by side.',
    ],
    tasks: [
      {
        text: 'Set up `Small model: 3 neurons` (noisy XOR, one hidden layer of 3 tanh neurons). Run it 4 or 5 times, pressing `Reset` before each run to get new random weights, and train at least 500 epochs each time so that it converges; `Run 5 times` below does exactly this in one go. What shapes do the models converge to? How far apart are their test losses? What does that say about the role of initialization in non-convex optimization?',
        answer: [
          'The runs converged to differently shaped models, and the test losses varied a lot, the worst about twice the best. In our runs with this preset (5 starts, 500 epochs each) the test losses were 0.121, 0.189, 0.112, 0.214 and 0.100: from 0.100 to 0.214, a factor of 2.1. In the worse runs the boundary cuts into some of XOR’s quadrants. Training longer did not close the gap; after 1,000 epochs the spread was the same.',
          'A network’s loss has many valleys (local minima) and flat stretches, and where gradient descent ends up depends on where it starts. That is non-convex optimization in practice: the start decides which valley you reach, so a single run proves little. Train several times and judge a model by its typical result, not by its luckiest one.',
        ],
      },
      {
        text: 'Make the model slightly more complex: add a layer and a few more neurons, or set up `Larger model: 6 and 4 neurons` (layers of 6 and 4 neurons). Repeat task 1. Are the results more stable?',
        answer: [
          'Yes. With one more layer and more neurons the results were far more repeatable: each run ended with nearly the same shape, and the test losses varied much less. In our runs with layers of 6 and 4 neurons they went from 0.083 to 0.095 (the worst 1.1 times the best), all five better than the small model’s best run.',
          'A larger network has many good valleys and most starts find one; a small network has few ways to fit the data, so an unlucky start gets stuck more often. With a suitable number of layers and neurons, training repeats well whatever the initialization.',
        ],
      },
    ],
    presets: {
      small: 'Small model: 3 neurons',
      larger: 'Larger model: 6 and 4 neurons',
    },
  },

  circle: {
    title: 'A circular decision boundary',
    short: 'Circle',
    idea: [
      'This data set is a **noisy circle**: one class inside, the other in a ring around it. No straight line can separate them, so a linear model fails here, and even a network may have trouble closing the boundary.',
      'With only `X₁` and `X₂` as inputs (no squared features), the network has to build the round boundary out of its hidden neurons. Each neuron of the first hidden layer draws one straight line, and the following layers combine those lines. How many lines does it take to fence in a region?',
      'The noise gives some points near the boundary the label of the other class. No model can get those right on new data, so the test loss cannot reach 0.',
    ],
    tasks: [
      {
        text: 'Set up the exercise: the noisy circle (`Noise` 15), only `X₁` and `X₂` as inputs, one hidden layer of 2 neurons. Train it and note the `Test loss`. Can this network enclose the centre?',
        answer: [
          'No: two lines cannot enclose a region. In our runs it stayed at a training loss of 0.25 and a test loss of 0.24–0.29, even after 1,000 epochs.',
        ],
      },
      {
        text: 'Using only `X₁` and `X₂`, train the best model you can. Add or remove hidden layers and neurons, and change the learning rate, the batch size and the activation freely; press `Reset` after each change. How many neurons does it take at least?',
        answer: [
          'Three neurons are the minimum: three lines make a triangle around the centre. In our runs one hidden layer of 3 tanh neurons (learning rate 0.03, batch size 10) reached a test loss of about 0.06 within 200–300 epochs on all three starts we tried.',
        ],
      },
      {
        text: 'What is the best `Test loss` you can get? Watch `Training loss` as well: when it keeps falling while the test loss rises, the model has begun to overfit (lesson 6).',
        answer: [
          'More neurons round off the triangle. Our best: ReLU with layers of 6 and 4 neurons, learning rate 0.03, batch size 10, which reached a test loss of 0.047–0.051 after 1,000 epochs (training loss 0.023–0.031). One layer of 4 ReLU neurons with learning rate 0.1 and batch size 30 also got 0.045–0.054.',
          'We could not get much below 0.045: that is the noise floor of this data. Bigger networks push the training loss lower but not the test loss, and that growing gap is overfitting to the noisy points.',
        ],
      },
    ],
    presets: {
      start: 'Noisy circle, 2 neurons',
    },
  },

  spiral: {
    title: 'A spiral decision boundary',
    short: 'Spiral',
    idea: [
      'This data set is a **noisy spiral**: two arms winding around each other. A linear model clearly fails here, and building the boundary is hard, because it has to wind around the centre between the arms.',
      'With only `X₁` and `X₂`, the network builds the boundary itself: the first hidden layer draws straight lines, and each following layer combines the lines of the one before into bends. Networks that manage it often train slowly: the loss can sit on a plateau for hundreds of epochs before it suddenly drops.',
    ],
    tasks: [
      {
        text: 'Set up the exercise: the noisy spiral (`Noise` 15), only `X₁` and `X₂` as inputs, TF Playground’s default network (layers of 4 and 2 tanh neurons). Train it for a few hundred epochs and note the `Test loss`. Is this network big enough?',
        answer: [
          'No, it is far too small: in our runs its test loss was still 0.40–0.47 after 1,000 epochs.',
        ],
      },
      {
        text: 'Using only `X₁` and `X₂`, train the best model you can: add layers and neurons, try ReLU and tanh, other learning rates and batch sizes. Give each attempt at least 1,000 epochs before you judge it. What is the best `Test loss` you can get?',
        answer: [
          'What worked in our runs: ReLU with three hidden layers of 8, 8 and 4 neurons, learning rate 0.03, batch size 10. The loss stays high (around 0.3–0.4) for the first 200 epochs or so and then drops; after 1,000 epochs the test loss was 0.022–0.042 on all three starts (training loss 0.005–0.028). With learning rate 0.1 and batch size 30 the same network reached 0.028–0.045.',
        ],
      },
      {
        text: 'Which change made the biggest difference?',
        answer: [
          'Depth. Two layers of 8 and 6 ReLU neurons reached 0.04–0.11 on two starts but were stuck at 0.34 on the third; tanh with 8, 8 and 4 neurons was slower and less reliable (0.05–0.20 after 1,000 epochs). After about 1,000 epochs the test loss stopped improving, and on some runs it crept up while the training loss kept falling: overfitting to the noise.',
        ],
      },
    ],
    presets: {
      start: 'Noisy spiral, default network',
    },
  },

  homework: {
    title: 'Homework: find your best hyperparameters',
    short: 'Homework',
    idea: [
      'For each of the four data sets (two blobs, XOR, circle and spiral), find hyperparameters with which **both the training loss and the test loss are below 0.1**. Use 70 % of the points for training and noise 20.',
      'Record your results in a table like the lecture’s: data type, activation, batch size, number of hidden layers, neurons per layer, epochs, training loss and test loss. The lecture’s example row: ReLU, batch size 30, 2 hidden layers with 6 and 2 neurons, 156 epochs, training loss 0.05, test loss 0.09.',
      'Each preset starts one data set with that example network and learning rate 0.03. The tools below can pause training as soon as both losses are below 0.1, keep a run in the experiment log (`Record`) and build the homework table from your recorded runs.',
      'A word of honesty about these tools. Pausing as soon as both losses are below 0.1, and pressing `Regenerate` until a draw of the data gets there, both pick the result by looking at the test loss. That reuses the test set, which lesson 5 warns against, so a result found this way is an optimistic forecast for new data. The homework asks for this search, so the tools stay; the table counts how many draws of the data and of the first weights you tried, so that you can report it with your result.',
    ],
    tasks: [
      {
        text: 'Set up one data set with its button above (70 % training data, noise 20, ReLU, batch size 30, layers of 6 and 2 neurons, learning rate 0.03). The preset also switches on `Pause when both losses are below` at 0.1 (above the table). Press `Play`: does the example network get there?',
        answer: [
          'In our runs the example network itself reached the target with each preset’s data and first weights on two blobs (epoch 13, training loss 0.085, test loss 0.097), XOR (epoch 44) and the circle (epoch 47). On the spiral it never got there, on this draw or on 10 others. At noise 20 the two blobs hardly overlap, so nearly any network works there.',
        ],
      },
      {
        text: 'Where the example network does not get there, change the settings (`Activation`, `Learning rate`, `Batch size`, hidden layers and neurons), press `Reset` and try again. When both losses are below 0.1, press `Record`. Do this for all four data sets; the homework table fills itself in from your recorded runs.',
        answer: [
          'Settings that got both losses below 0.1 in our runs, with each preset’s data and first weights (training paused at the first epoch where both were below 0.1):',
          '**Two blobs**: ReLU, batch size 30, 2 hidden layers (6, 2), learning rate 0.03, which is the example network itself: epoch 13, training loss 0.085, test loss 0.097.',
          '**XOR**: tanh, batch size 10, 2 hidden layers (6, 2), learning rate 0.1: epoch 29, training loss 0.060, test loss 0.097.',
          '**Circle**: ReLU, batch size 10, 2 hidden layers (6, 4), learning rate 0.03: epoch 11, training loss 0.099, test loss 0.093.',
          '**Spiral**: ReLU, batch size 10, 3 hidden layers (8, 8, 4), learning rate 0.1: epoch 169, training loss 0.026, test loss 0.096.',
          'A caveat: these are single runs. On 10 other draws of the data (first weights only, at most 2,000 epochs), the same settings reached the target on 10 of 10 draws for two blobs, the circle and the spiral, and on 8 of 10 for XOR. One XOR draw never got there in five starts: 7.3 % of its test labels had been flipped by the noise. The example network reached the target on only 1 of 10 XOR draws and never on the spiral.',
        ],
      },
      {
        text: 'If a run stops improving above 0.1, check how many labels of this draw disagree with the clean rule (shown with the table). Why can a draw be out of reach whatever the network?',
        answer: [
          'On XOR and the circle, the noise does not move a point: it gives the point the label of a spot nearby, so some points near the boundary carry the other side’s label (about 5 % on XOR and 6 % on the circle, on average). Such a point can cost up to $\\frac{1}{2}(1-(-1))^2 = 2$, so 5 % of them alone can keep a loss near $0.05 \\times 2 = 0.1$.',
          'So if your draw will not go below 0.1 although these settings work elsewhere, the data is probably to blame, not your model, and `Regenerate` gives you a new draw. Say so in your hand-in, with the number of draws the table counted: a result reached after many draws is a luckier draw, not a better model. Your numbers will differ from ours, since the data and the first weights are random; that is why the table records the epochs and both losses of each run.',
        ],
      },
    ],
    presets: {
      gauss: 'Two blobs',
      xor: 'XOR',
      circle: 'Circle',
      spiral: 'Spiral',
    },
  },
} as const satisfies { readonly panel: Readonly<Record<string, string>> } & Readonly<Record<LessonId, LessonText>>;
