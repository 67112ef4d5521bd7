/**
 * English texts of the "lessons" namespace: the lesson panel's own strings
 * (`panel`) and one LessonText per lesson (course/types.ts), keyed by lesson
 * id. Lesson strings use the markup of text/rich.ts: $inline maths$,
 * $$display maths$$, **emphasis** and `control names` (as the app labels
 * them). They contain no `{{`: i18next would read it as interpolation.
 *
 * Figures marked "on our runs" were measured with the presets of
 * course/lessons.ts on the app's engine (first weights after loading the
 * preset, then new weights after each Reset).
 */
import type { LessonId, LessonText } from '../../course/types.js';

export default {
  panel: {
    heading: 'Lessons',
    lessonNumber: 'Lesson {{number}}',
    presetHint: 'Sets the playground to this starting point: data, network and settings.',
    applied: 'The playground was set to “{{name}}”.',
    copyLink: 'Link to this exercise (copy it to share)',
    tasks: 'Tasks',
    showAnswer: 'Show the answer',
    hideAnswer: 'Hide the answer',
    previous: 'Previous',
    next: 'Next',
    wider: 'Wider panel',
    narrower: 'Narrower panel',
  },

  loss: {
    title: 'Reducing loss: gradient descent',
    idea: [
      'A network learns by trial and error. It makes a prediction $\\hat y$ for each training point, measures how wrong it was (the **loss**), changes its weights a little so that it is less wrong, and repeats. One pass over all training points is called an **epoch**.',
      'This app’s loss is half the squared error. For one point, $L=\\frac{1}{2}(\\hat y - y)^2$, where $y$ is the label (+1 for blue, −1 for orange) and $\\hat y$ the network’s output. The `Training loss` and `Test loss` readouts give its mean over each set: $L=\\frac{1}{N}\\sum_{i=1}^{N}\\frac{1}{2}(\\hat y_i - y_i)^2$.',
      'Picture the loss plotted against a single weight. For a simple model the curve is shaped like a **bowl** (a convex function): it has exactly one lowest point, where the slope is 0. Working out the loss for every possible weight would be hopeless. **Gradient descent** instead starts anywhere (zero, or a small random value), measures the slope there, called the **gradient** $\\frac{\\partial L}{\\partial w}$, and steps downhill, against the slope: $$w \\leftarrow w - \\eta\\,\\frac{\\partial L}{\\partial w}$$',
      'The gradient points the way the loss grows fastest, so the minus sign sends the weight the other way. The size of the step is the gradient times the **learning rate** $\\eta$: with a slope of 2.5 and a learning rate of 0.01 the weight moves $2.5 \\times 0.01 = 0.025$. A network has many weights: its gradient is the vector of all the partial derivatives, and every weight takes its own step.',
    ],
    tasks: [
      'Set up the exercise with the button above: two well-separated blobs, no hidden layer, only `X₁` and `X₂` as inputs, `Learning rate` 0.03.',
      'Before training, read `Training loss` and `Test loss`. The first weights are random, so both are large.',
      'Press `Step` once (one epoch) and read the losses again, then press it a few more times. Watch the lines from `X₁` and `X₂` to the output: their thickness shows how large each weight is.',
      'In the small bowl below, set the learning rate to 0.01 and take one step. Check the lecture’s example: how large is the slope at the starting point, and how far does the weight move?',
      'Take more steps in the bowl and then press `Play` in the playground. When does each loss fall fast, and when does it slow down?',
    ],
    answer: [
      'The loss starts high because the first weights are random: on our runs with this preset both losses were about 1.35. One `Step` brought them to about 0.03, and after 10 epochs they were at 0.005 or below.',
      'In the bowl the weight starts at $w=-2$, where the slope is $-2.5$. The step is $-\\eta \\times (-2.5)$, a positive number, so the weight moves right, towards the minimum at $w=2$. With $\\eta = 0.01$ it moves $2.5 \\times 0.01 = 0.025$, to $-1.975$. The sign is the whole point: the gradient points uphill, the minus sign in the update sends the weight downhill.',
      'Both curves fall fast at first and then more and more slowly. Near the bottom of the bowl the slope is small, so the step, learning rate times slope, shrinks by itself: gradient descent slows down as it approaches the minimum although nobody changed the learning rate.',
      'For a bowl, the starting point hardly matters: from anywhere, steps against the slope lead to the same single minimum. Real networks are not bowls, and there the start does matter (lesson 7).',
    ],
    presets: {
      watch: 'Two blobs: watch the loss fall',
    },
  },

  learningRate: {
    title: 'The learning rate',
    idea: [
      'The learning rate $\\eta$ (also called the step size) is a **hyperparameter**: a setting you choose, not something the network learns. It scales every step: $w \\leftarrow w - \\eta\\,\\frac{\\partial L}{\\partial w}$.',
      'If it is too small, every step is tiny and training takes a very long time. If it is too large, a step jumps over the minimum to the other side of the bowl, possibly higher than where it started; when each jump lands farther away than the last, the loss grows without limit and training **diverges**. Somewhere in between is a rate that gets there in a few steps. Machine-learning practitioners spend a good deal of time tuning it.',
      'The lab below runs gradient descent on a bowl-shaped loss of one weight. This bowl’s ideal learning rate is 1.6: from anywhere, one step lands exactly on the minimum $w^{*}$. Every step multiplies the distance to the minimum by the same factor: $$w_{t+1} - w^{*} = \\left(1 - \\frac{\\eta}{1.6}\\right)(w_t - w^{*})$$ The lab counts a run as converged once the weight is within 0.5 % of its starting distance from the minimum.',
    ],
    tasks: [
      'The lab’s table lists the lecture’s learning rates: 0.03, 0.06, 0.1, 0.3, 0.8, 1.2, 2.1, 2.6 and 3.5. Cover the table’s two result columns and guess for each rate whether it converges and roughly how many steps it needs; then compare.',
      'Step through three rates by hand with the lab’s `One step` button: a small one (0.1), one a little above 1.6 (2.1) and the largest (3.5). After each step, note on which side of the minimum the weight lands and whether it got closer.',
      'Find the ideal learning rate, the one that converges in a single step. Then find the largest rate that still converges.',
      'Describe the pattern: how does the number of steps change as the rate grows, and where does it stop converging?',
    ],
    answer: [
      'Steps to converge in the lab: 0.03 → 280, 0.06 → 139, 0.1 → 83, 0.3 → 26, 0.8 → 8, 1.2 → 4, 2.1 → 5, 2.6 → 12. At 3.5 it never converges: it diverges.',
      'Below 1.6 the factor $1 - \\eta/1.6$ lies between 0 and 1: every step covers the same fraction of the remaining way, always from the same side. The smaller the rate, the smaller that fraction, so the steps needed grow roughly in inverse proportion: halving the rate from 0.06 to 0.03 doubles them, from 139 to 280.',
      'At exactly 1.6 the factor is 0, so one step lands on the minimum. Between 1.6 and 3.2 the factor is negative but less than 1 in size: each step overshoots, yet lands closer on the other side, so the weight zig-zags in (2.1 needs 5 steps, 2.6 needs 12, and more the closer the rate is to 3.2). At 3.2 the factor is −1 and the weight bounces between the same two points for ever. Above 3.2 (3.5 gives −1.19) every jump ends farther out than the one before: the weight flies off and the run **diverges**.',
      'The number of steps is the smallest $n$ with $\\left|1 - \\eta/1.6\\right|^{n} \\le 0.005$. For 0.03 that is $0.98125^{n} \\le 0.005$, which first holds at $n = 280$.',
      'What carries over to real networks: a rate somewhat above the ideal often still works, with some zig-zag, while about twice the ideal or more blows up. Real loss surfaces are not perfect bowls and their ideal rate is unknown, so in practice you try rates on a rough scale (0.001, 0.003, 0.01, 0.03, …) and keep the largest one that trains steadily.',
    ],
    presets: {},
  },

  batch: {
    title: 'Batch, stochastic and mini-batch gradient descent',
    idea: [
      'In gradient descent, a **batch** is the set of points used to compute one gradient, that is, for one update of the weights. So far we assumed the batch is the whole data set. That gives the exact gradient, but every single update then needs a pass over all the data, which becomes slow when there are many points.',
      '**Stochastic gradient descent** (SGD) goes to the other extreme: a batch size of 1, one randomly chosen point per update. Given enough updates it works, but each gradient is a rough guess from a single point, so the path is very noisy. “Stochastic” means that the points of each batch are picked at random.',
      '**Mini-batch** gradient descent is the usual compromise: typically 10 to 1,000 random points per update. It averages away much of the noise of SGD and is still far cheaper per update than the full batch: $$w \\leftarrow w - \\eta\\,\\frac{1}{B}\\sum_{i=1}^{B}\\frac{\\partial L_i}{\\partial w}$$ where $B$ is the batch size and $L_i$ the loss of the batch’s $i$-th point.',
      'In this app `Batch size` goes from 1 to 30 and an epoch is always one pass over the training points, so a smaller batch means more updates per epoch: with 250 training points, batch size 1 makes 250 updates per epoch, 10 makes 25, and the whole set makes 1. Both the learning rate and the batch size are hyperparameters.',
    ],
    tasks: [
      'Set up the exercise with the button above: the circle, one hidden layer of 4 tanh neurons, `Learning rate` 0.03.',
      'In the comparison below, press `Train all three`. The same network is trained from the same first weights with batch size 1, with 10, and with the whole training set, and the three loss curves are drawn on top of each other.',
      'Compare the curves at the same epoch. Which one falls fastest per epoch? Which is the smoothest? Where is the whole-set curve when the other two have levelled off?',
      'In the playground itself, train the network with `Batch size` 1 and then with 30, pressing `Reset` in between, and watch the loss chart. Which one is more jumpy?',
    ],
    answer: [
      'On our runs with this preset, batch size 1 brought the training loss from 0.59 to 0.23 in 10 epochs and to 0.02 in 50. Batch size 10 was still at 0.49 after 10 epochs, 0.17 after 50 and 0.05 after 100. The whole set (250 points, one update per epoch) had only got to 0.50 after 100 epochs and 0.41 after 500.',
      'Per epoch the small batch wins because it updates the weights many more times. Each of those updates is noisy, since a single point can pull the weights the wrong way, so its curve jitters; its test loss also stopped improving early (it stayed near 0.02 while its training loss went on down to 0).',
      'The whole batch follows the exact gradient, so its curve is smooth, but one step per epoch at a rate of 0.03 is very slow; it would need a much larger learning rate. Mini-batches combine the two: most of the speed of small batches with far less noise.',
      'Every epoch is about the same amount of work here, since each point is used once; what changes is how often the weights move. On real hardware a mini-batch is also processed in parallel, which is why mini-batch SGD is the usual choice.',
    ],
    presets: {
      network: 'Circle: 4 tanh neurons',
    },
  },

  playgroundTasks: {
    title: 'Playground exercise: learning rate and convergence',
    idea: [
      'Each playground exercise makes a data set whose points have one of two labels. Think of spam and not spam, or healthy and sick trees: blue points are +1, orange points −1. The goal is to adjust the hyperparameters until the model separates the two colours. Most data sets contain some noise, so classifying every point correctly is usually impossible.',
      'The buttons at the top: `Reset` (the circular arrow) draws new random weights and sets the epoch counter to 0. `Play` trains continuously until you press it again to pause. `Step` trains exactly one epoch; each click can change the model a little or a lot. `Regenerate`, under the data settings, draws a new data set without resetting the network.',
      '`Training loss` is the value of the loss function on the training points and should fall as the epochs go by. The lines from the inputs `X₁` and `X₂` to the output show the weights: the thicker the line, the larger the weight (blue positive, orange negative).',
    ],
    tasks: [
      '**Task 1.** Set up the exercise with the button above. Look at `Learning rate` at the top: it is 3, which is very high.',
      'Press `Step` 10 to 20 times. After each click, notice how much the model changes: the background colours, the thickness of the lines from `X₁` and `X₂`, and the loss readouts. A model can look converged and still be unstable.',
      '**Task 2.** Press `Reset`, choose a lower `Learning rate` and press `Step` several times. Repeat with even lower rates (for example 0.1, 0.01 and 0.001), pressing `Reset` before each.',
      'How does a lower learning rate affect convergence? Look at the number of steps the model needs and at how smoothly and steadily it gets there. How low can the rate go before it stops being useful?',
    ],
    answer: [
      'With a rate of 3 the first `Step` does nearly everything at once. On our runs with this preset the weights jumped from about −0.1 and −0.3 to about 5.5 and 4.7 in that one epoch, the two lines became very thick, and the training loss fell from 1.35 to 0.000. On these two clean, well-separated blobs little visible happens after that, because points far from the boundary give almost no gradient.',
      'Still, the weights are about seven times larger than the ones a rate of 0.1 reaches in 20 steps. As soon as some points lie on the wrong side (more `Noise`, or lesson 5), each of them yanks the boundary hard at this rate, so the model keeps jumping even after it looked settled.',
      'Lower rates, all from the same new weights after one `Reset` (training loss 1.37), counting the steps until the training loss was below 0.01: 0.1 took 1 step, 0.03 took 3, 0.01 took 8, 0.003 took 27 and 0.001 took 81. Every one of them converged smoothly, without overshooting.',
      'The lecture’s answer: the playground is non-deterministic, so your numbers will differ, but around **0.1** the model converges efficiently. Lower rates only add time; at 0.001 it needs about 80 times as many steps as at 0.1, and below that the rate is too slow to be useful.',
    ],
    presets: {
      rate3: 'Two blobs, learning rate 3',
    },
  },

  trainTest: {
    title: 'Training and test sets',
    idea: [
      'A model is only useful if it does well on **new** data drawn from the same distribution as the data it learned from. That is called **generalization**. A model that follows the quirks of its particular training points too closely is **overfitting**: its training loss is low, but it predicts new points badly. The less complex a model, the less likely it is to overfit.',
      'So we split the data: a **training set** (often 70–80 %) that the model learns from, and a **test set** (the rest) that it never trains on and that is used only to measure. If the test set is large enough and you do not tune against it over and over, a good test loss is a fair forecast for new data. The test loss is usually a little higher than the training loss; the smaller the gap, the better the model generalizes.',
      'In the picture, blue and orange dots are the two classes, and the background colour shows what the model predicts at each spot. Training points have a **white** outline, test points a **black** one. Only the training points are shown until you tick `Show test data`. `Ratio of training to test data` sets the split.',
    ],
    tasks: [
      '**Task 1.** Set up the exercise (noisy two blobs, no hidden layer, `Learning rate` 3, `Batch size` 1) and tick `Show test data`.',
      'Press `Play` and watch `Test loss` and `Training loss`. When they no longer change, or change only now and then, press the button again to pause. Is the difference between the two significant?',
      '**Task 2.** Press `Reset`, change `Learning rate`, press `Play` and train for at least 150 epochs (see the `Epoch` counter). Did the gap between test and training loss get smaller or larger? What happens when you change both `Learning rate` and `Batch size`?',
      '**Task 3.** Lower `Ratio of training to test data` from 50 % to 10 %. Try different learning rates and batch sizes again and note what you see. Does the best setting you found in task 2 change? If so, why?',
    ],
    answer: [
      '**Task 1.** At a rate of 3 the test loss ends up much larger than the training loss. On our runs with this preset: training loss 0.048, test loss 0.134 after 150–200 epochs. The training loss stopped changing after about 4 epochs; the test loss crept up slowly from 0.12. Steps this large make the weights big, so the model becomes very sure of itself almost everywhere, and every test point on the wrong side of its boundary costs close to the maximum loss of 2.',
      '**Task 2.** Lowering the rate brings the two losses close together. At 0.001 our runs ended at training 0.055 and test 0.078; at 0.01, at 0.052 and 0.088. The training loss is a little higher than at rate 3, but the test loss, the one that matters, is much lower.',
      'Changing the batch size mostly made no real difference. At rate 3, batch sizes 10 to 30 ended at a test loss of 0.12–0.13 on most starts; on one start in five, a batch of 20 or 30 ended clearly lower (0.090–0.100). As the lecture notes, on a few runs a batch size of 20 or more brings the test loss slightly below the training loss; the data is random, so your results may differ.',
      '**Task 3.** At 10 % only 50 of the 500 points are used for training. With so few points, a high learning rate (and a large batch) makes the model jump around the minimum. On our runs at rate 3 the training loss jumped up and down during the first 10–20 epochs (one start went from 0.105 up to 0.200 and stayed there for several epochs before dropping to 0.04), and where it ended depended on the start: with batch size 30, five starts ended with test losses from 0.083 to 0.161.',
      'With a low rate (0.01, batch size 10) the five starts agreed: test loss 0.067–0.085. So yes, the ratio changes the picture: each update now rests on fewer points, large steps are even less trustworthy, and the low learning rate of task 2 matters more.',
    ],
    presets: {
      rate3: 'Noisy two blobs, learning rate 3',
    },
  },

  nonlinear: {
    title: 'Non-linear models and activation functions',
    idea: [
      'A neuron computes a weighted sum of its inputs plus a bias. If that is all it does, stacking layers does not help: a weighted sum of weighted sums is again a weighted sum of the inputs. With one input, $w_2(w_1 x + b_1) + b_2 = (w_2 w_1)\\,x + (w_2 b_1 + b_2)$. However many such layers you stack, the decision boundary stays a straight line.',
      'To model curved boundaries, every hidden neuron passes its sum through a non-linear function, the **activation function**, before the next layer adds it up. Now extra layers do add power: stacked non-linearities can model very complex relations between the inputs and the prediction. Network diagrams usually do not draw the activation as a separate step.',
      'Common activation functions: the **sigmoid** squeezes any sum into the range 0 to 1, $$\\sigma(x)=\\frac{1}{1+e^{-x}}$$ **tanh** has the same S shape with values from −1 to 1, $$\\tanh(x)=\\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}$$ and **ReLU** (rectified linear unit) gives 0 for negative inputs and the input itself otherwise: $$\\mathrm{ReLU}(x)=\\max(0,x)$$',
      'ReLU often works a little better than smooth functions such as the sigmoid and is much cheaper to compute. Its slope is 1 for every positive input, so gradients do not fade away through many layers the way they do where a sigmoid is flat (the **vanishing gradient** problem). In this app `Activation` sets the function of every hidden neuron; for classification the output neuron always uses tanh.',
    ],
    tasks: [
      '**Task 1.** Set up `One linear neuron`: XOR data, one hidden layer with a single neuron, `Activation` Linear. The model combines the two input features into one neuron. Can it learn a non-linear boundary? Guess first, then press `Play` and check.',
      '**Task 2.** Increase the hidden layer from 1 to 2 neurons (the + button above the layer) and change `Activation` from Linear to ReLU, or set up `Two ReLU neurons`. Can the model learn the non-linearity now? Train it several times, pressing `Reset` before each run: does it always end the same way?',
      '**Task 3.** Keep experimenting: add or remove hidden layers and neurons per layer, and change the learning rate and the other settings. What is the smallest number of neurons and layers that gives a `Test loss` of 0.177 or lower?',
    ],
    answer: [
      '**Task 1.** No. With a linear activation the model can only draw a straight line, and no straight line separates XOR’s four quadrants. The loss stays very high: on our runs the training loss was 0.495 and the test loss 0.503 on every start, even after 1,000 epochs. That is no better than answering 0 everywhere.',
      '**Task 2.** A non-linear activation function can learn non-linear boundaries. With only two ReLU neurons in the hidden layer, however, training is slow and fragile, and the playground is non-deterministic: some runs learn a good model and others do not. On our runs with this preset, 1 start out of 10 got the test loss below 0.177 within 1,000 epochs (0.169); the others stopped between 0.19 and 0.28, most of them with one whole quadrant coloured wrongly. The preset’s own first weights end at 0.25, and the next ones, after one `Reset`, at 0.169. Which local minimum gradient descent ends in depends on where it starts, so try several times.',
      '**Task 3.** Here the playground’s non-determinism really shows. The lecture found that three hidden layers with 3, 3 and 2 neurons reached a very low test loss on some runs, while another run with exactly the same settings ended with a high loss. We saw the same with ReLU and layers of 3, 3 and 2: 5 of 10 starts ended between 0.005 and 0.041, the other 5 between 0.24 and 0.33.',
      'Smaller networks can do it too. On our runs one hidden layer of 3 ReLU neurons got below 0.177 on 5 of 10 starts, 4 ReLU neurons on 9 of 10, and 3 tanh neurons on all 10 (mostly around 0.05). Even 2 tanh neurons slipped just under the line on 4 of 10 starts (0.172). The fewest nodes that get there reliably: one hidden layer of 3 to 4 neurons.',
    ],
    presets: {
      linear: 'One linear neuron',
      relu2: 'Two ReLU neurons',
    },
  },

  initialization: {
    title: 'Initialization and repeatability',
    idea: [
      'Training starts from random weights. For a bowl-shaped (convex) loss that does not matter, since every start rolls down into the same single minimum. A neural network’s loss is **not convex**: it has many valleys (local minima) and flat stretches, and where gradient descent ends up depends on where it starts.',
      'So the same model, on the same data, with the same settings, can give a different result on each run: a differently shaped boundary and a different test loss. How much the runs differ tells you how **repeatable** the training is, which you should know before trusting any single run.',
      '`Reset` (the circular arrow left of `Play`) draws new random first weights and starts again from epoch 0 on the same data. The tool below does this five times at once and shows the five results side by side.',
    ],
    tasks: [
      '**Task 1.** Set up `Small model: 3 neurons` (noisy XOR, one hidden layer of 3 tanh neurons). Run it 4 or 5 times, pressing `Reset` before each run to get new random weights, and train at least 500 epochs each time so that it converges. `Run 5 times` below does exactly this in one go.',
      'What shapes do the models converge to? How far apart are their test losses? What does that say about the role of initialization in non-convex optimization?',
      '**Task 2.** Make the model slightly more complex: add a layer and a few more neurons, or set up `Larger model: 6 and 4 neurons` (layers of 6 and 4 neurons). Repeat task 1. Are the results more stable?',
    ],
    answer: [
      '**Task 1.** The runs converged to differently shaped models, and the test losses varied a lot, the worst about twice the best. On our runs with this preset (5 starts, 500 epochs each) the test losses were 0.121, 0.189, 0.112, 0.214 and 0.100: from 0.100 to 0.214, a factor of 2.1. In the worse runs the boundary cuts into some of XOR’s quadrants. Training longer did not close the gap; after 1,000 epochs the spread was the same.',
      'That is non-convex optimization in practice: the start decides which minimum you reach, so a single run proves little. Train several times and judge a model by its typical result, not by its luckiest one.',
      '**Task 2.** With one more layer and more neurons the results were far more repeatable: each run ended with nearly the same shape, and the test losses varied much less. On our runs with layers of 6 and 4 neurons they went from 0.083 to 0.095 (the worst 1.1 times the best), all five better than the small model’s best run.',
      'A larger network has many good valleys and most starts find one; a small network has few ways to fit the data, so an unlucky start gets stuck more often. With a suitable number of layers and neurons, training repeats well whatever the initialization.',
    ],
    presets: {
      small: 'Small model: 3 neurons',
      larger: 'Larger model: 6 and 4 neurons',
    },
  },

  circle: {
    title: 'A circular decision boundary',
    idea: [
      'This data set is a **noisy circle**: one class inside, the other in a ring around it. No straight line can separate them, so a linear model fails here, and even a network may have trouble closing the boundary.',
      'With only `X₁` and `X₂` as inputs (no squared features), the network has to build the round boundary out of its hidden neurons. Each neuron of the first hidden layer draws one straight line, and the following layers combine those lines. How many lines does it take to fence in a region?',
      'The noise gives some points near the boundary the label of the other class. No model can get those right on new data, so the test loss cannot reach 0.',
    ],
    tasks: [
      'Set up the exercise: the noisy circle (`Noise` 15), only `X₁` and `X₂` as inputs, one hidden layer of 2 neurons. Train it and note the `Test loss`.',
      'Using only `X₁` and `X₂`, train the best model you can. Add or remove hidden layers and neurons, and change the learning rate, the batch size and the activation freely; press `Reset` after each change.',
      'What is the best `Test loss` you can get? Watch `Training loss` as well: when it keeps falling while the test loss rises, the model has begun to overfit.',
    ],
    answer: [
      'The starting model cannot do it, because two lines cannot enclose a region. On our runs it stayed at a training loss of 0.25 and a test loss of 0.24–0.29, even after 1,000 epochs.',
      'Three neurons are the minimum: three lines make a triangle around the centre. On our runs one hidden layer of 3 tanh neurons (learning rate 0.03, batch size 10) reached a test loss of about 0.06 within 200–300 epochs on all three starts we tried.',
      'More neurons round off the triangle. Our best: ReLU with layers of 6 and 4 neurons, learning rate 0.03, batch size 10, which reached a test loss of 0.047–0.051 after 1,000 epochs (training loss 0.023–0.031). One layer of 4 ReLU neurons with learning rate 0.1 and batch size 30 also got 0.045–0.054.',
      'We could not get much below 0.045: that is the noise floor of this data. Bigger networks push the training loss lower but not the test loss, and that growing gap is overfitting to the noisy points.',
    ],
    presets: {
      start: 'Noisy circle, 2 neurons',
    },
  },

  spiral: {
    title: 'A spiral decision boundary',
    idea: [
      'This data set is a **noisy spiral**: two arms winding around each other. A linear model clearly fails here, and building the boundary is hard, because it has to wind around the centre between the arms.',
      'With only `X₁` and `X₂`, a network needs several layers: the first draws lines, the next combine them into bends, and only a deep enough stack can follow the turns. Such networks also train slowly; the loss can sit on a plateau for hundreds of epochs before it suddenly drops.',
    ],
    tasks: [
      'Set up the exercise: the noisy spiral (`Noise` 15), only `X₁` and `X₂` as inputs, TF Playground’s default network (layers of 4 and 2 tanh neurons). Train it for a few hundred epochs and note the `Test loss`.',
      'Using only `X₁` and `X₂`, train the best model you can: add layers and neurons, try ReLU and tanh, other learning rates and batch sizes. Give each attempt at least 1,000 epochs before you judge it.',
      'What is the best `Test loss` you can get? Which change made the biggest difference?',
    ],
    answer: [
      'The default network is far too small: on our runs its test loss was still 0.40–0.47 after 1,000 epochs.',
      'What worked on our runs: ReLU with three hidden layers of 8, 8 and 4 neurons, learning rate 0.03, batch size 10. The loss stays high (around 0.3–0.4) for the first 200 epochs or so and then drops; after 1,000 epochs the test loss was 0.022–0.042 on all three starts (training loss 0.005–0.028). With learning rate 0.1 and batch size 30 the same network reached 0.028–0.045.',
      'Depth made the biggest difference. Two layers of 8 and 6 ReLU neurons reached 0.04–0.11 on two starts but were stuck at 0.34 on the third; tanh with 8, 8 and 4 neurons was slower and less reliable (0.05–0.20 after 1,000 epochs). After about 1,000 epochs the test loss stopped improving, and on some runs it crept up while the training loss kept falling: overfitting to the noise.',
    ],
    presets: {
      start: 'Noisy spiral, default network',
    },
  },

  homework: {
    title: 'Homework: find your best hyperparameters',
    idea: [
      'For each of the four data sets (two blobs, XOR, circle and spiral), find hyperparameters with which **both the training loss and the test loss are below 0.1**. Use 70 % of the points for training and noise 20.',
      'Record your results in a table like the lecture’s: data type, activation, batch size, number of hidden layers, neurons per layer, epochs, training loss and test loss. The lecture’s example row: ReLU, batch size 30, 2 hidden layers with 6 and 2 neurons, 156 epochs, training loss 0.05, test loss 0.09.',
      'Each preset starts one data set with that example network and learning rate 0.03. The tools below can pause training as soon as both losses are below 0.1, keep a run in the experiment log (`Record`) and build the homework table from your recorded runs.',
      'On XOR and the circle, the noise does not move a point: it gives the point the label of a spot nearby, so some points near the boundary carry the other side’s label (about 5 % on XOR and 6 % on the circle, on average). Such a point can cost up to $\\frac{1}{2}(1-(-1))^2 = 2$, so 5 % of them alone can keep a loss near $0.05 \\times 2 = 0.1$. If a draw will not get below 0.1 whatever you do, press `Regenerate` for new points and try again.',
    ],
    tasks: [
      'Set up one data set with its button above (70 % training data, noise 20, ReLU, batch size 30, layers of 6 and 2 neurons, learning rate 0.03).',
      'The preset also switches on `Pause when both losses are below` at 0.1 (above the table). Press `Play` and see whether the run gets there. If it does not, change the settings (`Activation`, `Learning rate`, `Batch size`, hidden layers and neurons), press `Reset` and try again.',
      'When both losses are below 0.1, press `Record`. Do this for all four data sets; the homework table fills itself in from your recorded runs.',
      'If a run stops improving above 0.1, check how many labels of this draw disagree with the clean rule (shown with the table). Press `Regenerate` for a new draw and train again.',
    ],
    answer: [
      'Settings that got both losses below 0.1 on our runs, with each preset’s data and first weights (training paused at the first epoch where both were below 0.1):',
      '**Two blobs**: ReLU, batch size 30, 2 hidden layers (6, 2), learning rate 0.03, which is the example network itself: epoch 13, training loss 0.085, test loss 0.097. At noise 20 the two blobs hardly overlap, so nearly any network works.',
      '**XOR**: tanh, batch size 10, 2 hidden layers (6, 2), learning rate 0.1: epoch 29, training loss 0.060, test loss 0.097.',
      '**Circle**: ReLU, batch size 10, 2 hidden layers (6, 4), learning rate 0.03: epoch 11, training loss 0.099, test loss 0.093.',
      '**Spiral**: ReLU, batch size 10, 3 hidden layers (8, 8, 4), learning rate 0.1: epoch 169, training loss 0.026, test loss 0.096.',
      'A caveat: these are single runs. On 10 other draws of the data (first weights only, at most 2,000 epochs), the same settings reached the target on 10 of 10 draws for two blobs, the circle and the spiral, and on 8 of 10 for XOR. One XOR draw never got there in five starts: 7.3 % of its test labels had been flipped by the noise. The example network also works on this preset’s XOR data (epoch 44) and circle (epoch 47), but it reached the target on only 1 of 10 XOR draws and never on the spiral.',
      'So if your draw will not go below 0.1 although these settings work elsewhere, the data is probably to blame, not your model: press `Regenerate` and try again. Your numbers will differ from ours, since the data and the first weights are random; that is why the table records the epochs and both losses of each run.',
    ],
    presets: {
      gauss: 'Two blobs',
      xor: 'XOR',
      circle: 'Circle',
      spiral: 'Spiral',
    },
  },
} as const satisfies { readonly panel: Readonly<Record<string, string>> } & Readonly<Record<LessonId, LessonText>>;
