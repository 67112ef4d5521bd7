/**
 * "Export to Python": one short NumPy script that builds a saved model's
 * network with its weights, biases, dead links and batch in progress, and
 * trains it on with TensorFlow Playground's rule (the reference engine's,
 * packages/engine/src/reference.ts): every training point in order, forward
 * and backward; the gradients summed and applied as their mean every
 * `batchSize` points counted from each epoch's start, an unfinished batch
 * carried over; L1/L2 after the step, L1 killing a weight it pushes across 0.
 * The step is the model's optimizer's (SGD, momentum, RMSProp or Adam, as in
 * the README's "Optimizers"), continuing from the optimizer state saved in
 * the model. It prints both losses after each epoch, in f64 like the
 * reference engine.
 *
 * The loss is the output layer's (see @nn/engine's OutputActivation): TF's
 * squared error on a tanh or linear output; binary cross-entropy on a sigmoid
 * (labels -1/+1, y = (label + 1) / 2); categorical cross-entropy on a softmax
 * of one node per class (the CSV's labels are the class numbers 0..k-1).
 * Cross-entropy per point is -ln(max(q, 1e-7)) and its dE/dz is p - y.
 *
 * The points go into the script as CSV text (not a second download): one
 * file is all a student uploads to Colab or opens in Jupyter, browsers ask
 * before a page downloads two files at once, and a zip needs a library.
 * The script shows how to write them out as CSV files.
 */
import { generatePlaygroundData, splitPlaygroundPoints, type Example2D, type FeatureId } from '@nn/datasets';
import { CE_EPSILON, DEFAULT_OPTIMIZER, RMSPROP_RHO, type OutputActivation } from '@nn/engine';
import type { ModelFile } from './model.js';

export type ScriptLanguage = 'en' | 'ko';

export interface PythonExport {
  readonly model: ModelFile;
  /** The language of the comments (the page's). */
  readonly lang: ScriptLanguage;
  /** Epochs the script trains (default 100). */
  readonly epochs?: number;
}

/** The file name beside the model's: "model-xor-epoch-120.py". */
export function pythonFileName(model: ModelFile): string {
  const name = model.data.source === 'imported' ? model.data.name : model.data.dataset;
  const part = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `model-${part ? `${part}-` : ''}epoch-${model.epoch}.py`;
}

/** The training and test points a model trains on: generated, or its imported ones, split with its seed (as the trainer does). */
export function modelPoints(model: ModelFile): { train: Example2D[]; test: Example2D[] } {
  const { data } = model;
  const split =
    data.source === 'imported'
      ? splitPlaygroundPoints(data.points, data.problem, { trainRatio: data.percTrainData, seed: data.seed })
      : generatePlaygroundData({ dataset: data.dataset, noise: data.noise, trainRatio: data.percTrainData, seed: data.seed });
  return { train: split.train, test: split.test };
}

/** A number as Python reads it back to the same double (-0 kept). */
function py(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** Python's expression for each feature of the points (x1, x2). */
const FEATURE_PY: Record<FeatureId, string> = {
  x: 'x1',
  y: 'x2',
  xSquared: 'x1 * x1',
  ySquared: 'x2 * x2',
  xTimesY: 'x1 * x2',
  sinX: 'np.sin(x1)',
  sinY: 'np.sin(x2)',
};

const ACTIVATION_PY: Record<string, { f: string; d: string }> = {
  tanh: { f: 'np.tanh(z)', d: '1 - out * out' },
  relu: { f: 'np.maximum(0.0, z)', d: 'np.where(z <= 0, 0.0, 1.0)' },
  sigmoid: { f: '1 / (1 + np.exp(-z))', d: 'out * (1 - out)' },
  linear: { f: 'z', d: 'np.ones_like(z)' },
  leakyrelu: { f: 'np.where(z < 0, 0.01 * z, z)', d: 'np.where(z <= 0, 0.01, 1.0)' },
  elu: { f: 'np.where(z < 0, np.expm1(np.minimum(z, 0.0)), z)', d: 'np.where(z <= 0, out + 1, 1.0)' },
  swish: { f: 'z / (1 + np.exp(-z))', d: '(1 / (1 + np.exp(-z))) * (1 + z * (1 - 1 / (1 + np.exp(-z))))' },
  sine: { f: 'np.sin(z)', d: 'np.cos(z)' },
};

const TEXT = {
  en: {
    title: 'A neural network from the playground, ready to train on in Python with NumPy.',
    run: 'Run it with "python3 {file}" or paste it into a Jupyter or Colab cell.',
    same: 'It trains exactly as the playground does (in 64-bit numbers, like its reference engine):',
    rule1: 'every training point in order: forward pass, backward pass, gradients added up;',
    rule2: 'every BATCH_SIZE points (counted from the start of each epoch) the weights take one step',
    rule3: 'along the mean gradient; an unfinished batch carries over into the next epoch.',
    points: 'The points: x1, x2 and the label (-1 or 1 for classification, a value for regression).',
    csv: 'To keep them as CSV files: open("train.csv", "w").write(TRAIN_CSV)',
    readPoints: 'Reads CSV text into three arrays: x1, x2, label.',
    features: 'The input features the network sees, one column each.',
    shape: 'Neurons per layer: inputs, hidden layers, one output.',
    settings: 'Training settings.',
    weights: 'W[l][j, i] is the weight of the link from neuron i of layer l to neuron j of layer l + 1; b[l][j] its bias.',
    dead: 'dead[l][j, i] is True for a link L1 regularisation set to zero: it is never trained again.',
    batch: 'The batch in progress when the model was saved: gradients summed over acc_count points.',
    activation: 'The activation function of the hidden neurons and its derivative (given z and its output).',
    output: 'The output neuron: tanh for classification, linear (identity) for regression.',
    forward: 'Forward pass for one point: every layer\'s total input z and output a.',
    loss: 'The loss: mean over the points of (output - label)^2 / 2.',
    backward: 'Backward pass for one point: adds dE/dW and dE/db to the batch (E = (output - label)^2 / 2).',
    delta: 'dE/dz of this layer\'s neurons',
    toPrev: 'dE/da of the layer before, through the weights as they are now',
    update: 'One step: the mean gradient of the batch, then regularisation (as in TensorFlow Playground).',
    l1: 'L1 pushed the weight across zero: it becomes 0 and the link is dead from now on.',
    optimizer: 'The optimizer: how the mean gradient g of a batch moves each weight and bias.',
    optimizerState: 'The optimizer\'s state when the model was saved, in the layout of W and b (a dead link\'s never changes).',
    momentum: 'Momentum: v = MOMENTUM * v + g; the step is LEARNING_RATE * v.',
    rmsprop: 'RMSProp: s = RHO * s + (1 - RHO) * g^2; the step is LEARNING_RATE * g / (sqrt(s) + EPSILON).',
    adam: 'Adam: t += 1; m = BETA1 * m + (1 - BETA1) * g; v = BETA2 * v + (1 - BETA2) * g^2;',
    adam2: 'the step is LEARNING_RATE * (m / (1 - BETA1^t)) / (sqrt(v / (1 - BETA2^t)) + EPSILON).',
    live: 'live is False for dead links: their state stays as it is.',
    train: 'Training: one epoch = every training point once.',
    epochs: 'Epochs to train (change it as you like).',
    start: 'start',
    print: 'The losses after each epoch:',
    pointsClasses: 'The points: x1, x2 and the label (the number of its class, 0 to {last}).',
    shapeClasses: 'Neurons per layer: inputs, hidden layers, one output per class.',
    outputSigmoid: 'The output neuron: a sigmoid, p = 1 / (1 + e^-z), the probability that the label is 1.',
    outputSoftmax: 'The output layer: a softmax over one neuron per class, p_c = e^(z_c - m) / sum_j e^(z_j - m), m = max_j z_j.',
    lossSigmoid: 'The loss: cross-entropy, the mean over the points of -ln(q), q the probability given to the right label (p for 1, 1 - p for -1), taken as at least 1e-7.',
    lossSoftmax: 'The loss: cross-entropy, the mean over the points of -ln(p[label]), p[label] taken as at least 1e-7.',
    targetSigmoid: 'The answer the output should give: y = (label + 1) / 2, 0 for label -1 and 1 for label 1.',
    targetSoftmax: 'The answer the output should give: 1 at the label\'s class, 0 at every other class.',
    backwardCE: 'Backward pass for one point: adds dE/dW and dE/db to the batch (E = the point\'s cross-entropy).',
    deltaCE: 'dE/dz of the output neurons: p - y, exactly (the 1e-7 floor is only in the loss)',
  },
  ko: {
    title: '플레이그라운드의 신경망을 파이썬(NumPy)에서 이어서 학습하는 스크립트입니다.',
    run: '"python3 {file}"로 실행하거나 Jupyter 또는 Colab 셀에 붙여 넣으세요.',
    same: '플레이그라운드와 똑같은 규칙으로 학습합니다(기준 엔진처럼 64비트 수로 계산):',
    rule1: '학습 데이터의 점을 차례로 하나씩: 순전파, 역전파, 기울기를 더해 둡니다;',
    rule2: 'BATCH_SIZE개의 점마다(각 에포크의 처음부터 셉니다) 평균 기울기 방향으로',
    rule3: '가중치를 한 번 고칩니다. 끝나지 않은 배치는 다음 에포크로 이어집니다.',
    points: '점: x1, x2, 레이블(분류는 -1 또는 1, 회귀는 값).',
    csv: 'CSV 파일로 저장하려면: open("train.csv", "w").write(TRAIN_CSV)',
    readPoints: 'CSV 글을 세 배열 x1, x2, 레이블로 읽습니다.',
    features: '신경망이 보는 입력 특성, 특성마다 한 열.',
    shape: '층마다 뉴런 수: 입력, 은닉층들, 출력 하나.',
    settings: '학습 설정.',
    weights: 'W[l][j, i]는 l층의 뉴런 i에서 l + 1층의 뉴런 j로 가는 연결의 가중치, b[l][j]는 그 편향입니다.',
    dead: 'dead[l][j, i]가 True인 연결은 L1 규제가 0으로 만든 것으로, 다시는 학습되지 않습니다.',
    batch: '저장할 때 진행 중이던 배치: acc_count개의 점에서 더한 기울기.',
    activation: '은닉 뉴런의 활성화 함수와 그 도함수(z와 출력으로 계산).',
    output: '출력 뉴런: 분류는 tanh, 회귀는 선형(항등 함수).',
    forward: '점 하나의 순전파: 층마다 입력의 합 z와 출력 a.',
    loss: '손실: 점들에 대한 (출력 - 레이블)^2 / 2의 평균.',
    backward: '점 하나의 역전파: dE/dW와 dE/db를 배치에 더합니다(E = (출력 - 레이블)^2 / 2).',
    delta: '이 층 뉴런들의 dE/dz',
    toPrev: '앞 층의 dE/da (지금의 가중치를 거쳐)',
    update: '한 번의 갱신: 배치의 평균 기울기만큼, 그다음 규제 (TensorFlow Playground와 같이).',
    l1: 'L1 규제가 가중치를 0 너머로 밀었습니다: 0이 되고 이 연결은 이제 죽은 연결입니다.',
    optimizer: '옵티마이저: 배치의 평균 기울기 g로 가중치와 편향을 얼마나 움직일지 정합니다.',
    optimizerState: '모델을 저장할 때의 옵티마이저 상태(W, b와 같은 배치; 죽은 연결의 상태는 바뀌지 않습니다).',
    momentum: '모멘텀: v = MOMENTUM * v + g; 한 걸음은 LEARNING_RATE * v.',
    rmsprop: 'RMSProp: s = RHO * s + (1 - RHO) * g^2; 한 걸음은 LEARNING_RATE * g / (sqrt(s) + EPSILON).',
    adam: 'Adam: t += 1; m = BETA1 * m + (1 - BETA1) * g; v = BETA2 * v + (1 - BETA2) * g^2;',
    adam2: '한 걸음은 LEARNING_RATE * (m / (1 - BETA1^t)) / (sqrt(v / (1 - BETA2^t)) + EPSILON).',
    live: 'live는 죽은 연결에서 False입니다: 그 상태는 그대로 둡니다.',
    train: '학습: 한 에포크 = 학습 데이터의 모든 점을 한 번씩.',
    epochs: '학습할 에포크 수(마음대로 바꾸세요).',
    start: '시작',
    print: '에포크마다 손실을 출력합니다:',
    pointsClasses: '점: x1, x2, 레이블(클래스 번호, 0부터 {last}까지).',
    shapeClasses: '층마다 뉴런 수: 입력, 은닉층들, 출력은 클래스마다 하나.',
    outputSigmoid: '출력 뉴런: 시그모이드 p = 1 / (1 + e^-z), 레이블이 1일 확률.',
    outputSoftmax: '출력층: 클래스마다 뉴런 하나, 소프트맥스 p_c = e^(z_c - m) / sum_j e^(z_j - m), m = max_j z_j.',
    lossSigmoid: '손실: 교차 엔트로피. 점들에 대한 -ln(q)의 평균이며, q는 맞는 레이블에 준 확률(레이블 1이면 p, -1이면 1 - p)이고 1e-7보다 작으면 1e-7로 둡니다.',
    lossSoftmax: '손실: 교차 엔트로피. 점들에 대한 -ln(p[레이블])의 평균이며, p[레이블]이 1e-7보다 작으면 1e-7로 둡니다.',
    targetSigmoid: '출력이 내야 할 답: y = (레이블 + 1) / 2, 레이블 -1이면 0, 1이면 1.',
    targetSoftmax: '출력이 내야 할 답: 레이블의 클래스는 1, 나머지 클래스는 모두 0.',
    backwardCE: '점 하나의 역전파: dE/dW와 dE/db를 배치에 더합니다(E = 그 점의 교차 엔트로피).',
    deltaCE: '출력 뉴런들의 dE/dz: 정확히 p - y (1e-7 하한은 손실에만 씁니다)',
  },
} as const;

/** A list of numbers as a Python list, wrapped at about 100 characters. */
function pyList(values: readonly number[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const value of values) {
    const item = `${py(value)}, `;
    if (line.length + item.length > 100 && line) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += item;
  }
  if (line) lines.push(line.trimEnd());
  return lines.length <= 1 ? `[${(lines[0] ?? '').replace(/,$/, '')}]` : `[\n${lines.map((l) => `${indent}    ${l}`).join('\n')}\n${indent}]`;
}

/** One matrix per layer from a flat list in the engines' layout (layer by layer, row j = neuron j of the layer). */
function perLayer(flat: readonly number[], sizes: readonly number[], rows: (l: number) => number, cols: (l: number) => number): number[][] {
  const out: number[][] = [];
  let k = 0;
  for (let l = 0; l < sizes.length - 1; l++) {
    const n = rows(l) * cols(l);
    out.push(flat.slice(k, k + n));
    k += n;
  }
  return out;
}

/** The points as CSV; a softmax's labels are class numbers, written as whole numbers. */
function csv(points: readonly Example2D[], classLabels = false): string {
  const label = (y: number) => (classLabels ? String(y) : py(y));
  return ['x1,x2,label', ...points.map((p) => `${py(p.x)},${py(p.y)},${label(p.label)}`)].join('\n');
}

/**
 * Output nodes of a model's network: one per class for a softmax (the biases
 * not taken by hidden neurons), else 1.
 */
function outputSizeOf(model: ModelFile): number {
  if (model.network.outputActivation !== 'softmax') return 1;
  return model.biases.length - model.network.hiddenSizes.reduce((sum, n) => sum + n, 0);
}

/** The output layer's part of the script: its activation, the loss, and the output's dE/dz. */
function outputPython(
  outputActivation: OutputActivation,
  classes: number,
  layers: number,
  t: (typeof TEXT)[ScriptLanguage],
): { functions: string; loss: string; backward: string } {
  if (outputActivation === 'tanh' || outputActivation === 'linear') {
    const output = ACTIVATION_PY[outputActivation]!;
    return {
      functions: `def output_activation(z):
    """${t.output}"""
    return ${output.f}


def output_derivative(z, out):
    return ${output.d}
`,
      loss: `def loss(inputs, labels):
    """${t.loss}"""
    if len(labels) == 0:
        return float("nan")
    total = 0.0
    for point, label in zip(inputs, labels):
        _, outs = forward(point)
        diff = outs[-1][0] - label
        total += 0.5 * diff * diff
    return total / len(labels)
`,
      backward: `def backward(zs, outs, label):
    """${t.backward}"""
    global acc_count
    output_der = outs[-1] - label
    for l in range(${layers - 1}, -1, -1):
        derivative = output_derivative if l == ${layers - 1} else activation_derivative
        delta = output_der * derivative(zs[l], outs[l + 1])  # ${t.delta}
        acc_b[l] += delta
        acc_W[l] += np.where(dead[l], 0.0, np.outer(delta, outs[l]))
        output_der = W[l].T @ delta  # ${t.toPrev}
    acc_count += 1
`,
    };
  }
  const sigmoid = outputActivation === 'sigmoid';
  const functions = sigmoid
    ? `def output_activation(z):
    """${t.outputSigmoid}"""
    return 1 / (1 + np.exp(-z))


def target(label):
    """${t.targetSigmoid}"""
    return np.array([(label + 1) / 2])
`
    : `def output_activation(z):
    """${t.outputSoftmax}"""
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def target(label):
    """${t.targetSoftmax}"""
    return np.eye(CLASSES)[int(label)]
`;
  const pointLoss = sigmoid
    ? `        p = outs[-1][0]
        q = p if label > 0 else 1 - p
        total += -np.log(max(q, CE_EPSILON))`
    : `        total += -np.log(max(outs[-1][int(label)], CE_EPSILON))`;
  return {
    functions: `CE_EPSILON = ${py(CE_EPSILON)}${sigmoid ? '' : `\nCLASSES = ${classes}`}


${functions}`,
    loss: `def loss(inputs, labels):
    """${sigmoid ? t.lossSigmoid : t.lossSoftmax}"""
    if len(labels) == 0:
        return float("nan")
    total = 0.0
    for point, label in zip(inputs, labels):
        _, outs = forward(point)
${pointLoss}
    return total / len(labels)
`,
    backward: `def backward(zs, outs, label):
    """${t.backwardCE}"""
    global acc_count
    for l in range(${layers - 1}, -1, -1):
        if l == ${layers - 1}:
            delta = outs[-1] - target(label)  # ${t.deltaCE}
        else:
            delta = output_der * activation_derivative(zs[l], outs[l + 1])  # ${t.delta}
        acc_b[l] += delta
        acc_W[l] += np.where(dead[l], 0.0, np.outer(delta, outs[l]))
        output_der = W[l].T @ delta  # ${t.toPrev}
    acc_count += 1
`,
  };
}

/** The script's text. */
export function pythonScript(options: PythonExport): string {
  const { model, lang } = options;
  const epochs = options.epochs ?? 100;
  const t = TEXT[lang];
  const file = pythonFileName(model);
  const { train, test } = modelPoints(model);
  const features = model.network.inputs;
  const outputs = outputSizeOf(model);
  const softmax = model.network.outputActivation === 'softmax';
  const sizes = [features.length, ...model.network.hiddenSizes, outputs];
  const layers = sizes.length - 1;
  const rows = (l: number) => sizes[l + 1]!;
  const cols = (l: number) => sizes[l]!;
  const weights = perLayer(model.weights, sizes, rows, cols);
  const dead = perLayer(model.dead, sizes, rows, cols);
  const accW = perLayer(model.batch.weightGradients, sizes, rows, cols);
  const biases = perLayer(model.biases, sizes, rows, () => 1);
  const accB = perLayer(model.batch.biasGradients, sizes, rows, () => 1);
  const matrices = (name: string, list: number[][], asBool = false) =>
    `${name} = [\n${list
      .map((values, l) =>
        asBool
          ? `    np.array([${values.map((d) => (d ? 1 : 0)).join(', ')}], dtype=bool).reshape(${rows(l)}, ${cols(l)}),`
          : `    np.array(${pyList(values, '    ')}).reshape(${rows(l)}, ${cols(l)}),`,
      )
      .join('\n')}\n]`;
  const vectors = (name: string, list: number[][]) =>
    `${name} = [\n${list.map((values) => `    np.array(${pyList(values, '    ')}),`).join('\n')}\n]`;
  const hidden = ACTIVATION_PY[model.network.activation]!;
  const output = outputPython(model.network.outputActivation, outputs, layers, t);
  const { settings } = model;
  const regularization = { none: 'None', l1: '"L1"', l2: '"L2"' }[settings.regularization];
  const optimizer = optimizerPython(model, t, (name, flat) => matrices(name, perLayer(flat, sizes, rows, cols)), (name, flat) => vectors(name, perLayer(flat, sizes, rows, () => 1)));

  return `# -*- coding: utf-8 -*-
# ${t.title}
# ${t.run.replace('{file}', file)}
#
# ${t.same}
#   ${t.rule1}
#   ${t.rule2}
#   ${t.rule3}
import numpy as np

# ${softmax ? t.pointsClasses.replace('{last}', String(outputs - 1)) : t.points}
# ${t.csv}
TRAIN_CSV = """${csv(train, softmax)}
"""

TEST_CSV = """${csv(test, softmax)}
"""


def read_points(text):
    """${t.readPoints}"""
    rows = [[float(v) for v in line.split(",")] for line in text.strip().splitlines()[1:]]
    data = np.array(rows, dtype=np.float64).reshape(-1, 3)
    return data[:, 0], data[:, 1], data[:, 2]


def features(x1, x2):
    """${t.features}"""
    return np.column_stack([${features.map((f) => FEATURE_PY[f]).join(', ')}])


x1, x2, train_labels = read_points(TRAIN_CSV)
train_inputs = features(x1, x2)
x1, x2, test_labels = read_points(TEST_CSV)
test_inputs = features(x1, x2)

# ${softmax ? t.shapeClasses : t.shape}
LAYER_SIZES = [${sizes.join(', ')}]

# ${t.settings}
LEARNING_RATE = ${py(settings.learningRate)}
BATCH_SIZE = ${settings.batchSize}
REGULARIZATION = ${regularization}
REGULARIZATION_RATE = ${py(settings.regularizationRate)}
${optimizer.settings}
# ${t.weights}
${matrices('W', weights)}
${vectors('b', biases)}

# ${t.dead}
${matrices('dead', dead, true)}

# ${t.batch}
${matrices('acc_W', accW)}
${vectors('acc_b', accB)}
acc_count = ${model.batch.count}


${optimizer.state}def activation(z):
    """${t.activation}"""
    return ${hidden.f}


def activation_derivative(z, out):
    return ${hidden.d}


${output.functions}

def forward(point):
    """${t.forward}"""
    zs, outs = [], [point]
    for l in range(${layers}):
        z = W[l] @ outs[-1] + b[l]
        zs.append(z)
        outs.append(output_activation(z) if l == ${layers - 1} else activation(z))
    return zs, outs


${output.loss}

${output.backward}

def update():
    """${t.update}"""
    global acc_count${optimizer.globals}
    if acc_count == 0:
        return
${optimizer.count}    for l in range(${layers}):
        b[l] -= ${optimizer.biasStep}
        acc_b[l][:] = 0.0
        before = W[l]
        stepped = before - ${optimizer.weightStep}
        if REGULARIZATION == "L1":
            regularized = stepped - LEARNING_RATE * REGULARIZATION_RATE * np.sign(before)
            # ${t.l1}
            killed = (stepped * regularized < 0) & ~dead[l]
            regularized = np.where(killed, 0.0, regularized)
            dead_before = dead[l].copy()
            dead[l] |= killed
        elif REGULARIZATION == "L2":
            regularized = stepped - LEARNING_RATE * REGULARIZATION_RATE * before
            dead_before = dead[l]
        else:
            regularized = stepped
            dead_before = dead[l]
        W[l] = np.where(dead_before, before, regularized)
        acc_W[l][:] = 0.0
    acc_count = 0


# ${t.train}
EPOCHS = ${epochs}  # ${t.epochs}
epoch = ${model.epoch}
# ${t.print}
print(f"epoch {epoch} (${t.start}): train loss {float(loss(train_inputs, train_labels))!r}, test loss {float(loss(test_inputs, test_labels))!r}")
for _ in range(EPOCHS):
    for p in range(len(train_labels)):
        zs, outs = forward(train_inputs[p])
        backward(zs, outs, train_labels[p])
        if (p + 1) % BATCH_SIZE == 0:
            update()
    epoch += 1
    print(f"epoch {epoch}: train loss {float(loss(train_inputs, train_labels))!r}, test loss {float(loss(test_inputs, test_labels))!r}")
`;
}

/** The optimizer's part of the script: its settings, its saved state and step, and the update's lines that use them. */
function optimizerPython(
  model: ModelFile,
  t: (typeof TEXT)[ScriptLanguage],
  matrices: (name: string, flat: readonly number[]) => string,
  vectors: (name: string, flat: readonly number[]) => string,
): { settings: string; state: string; globals: string; count: string; biasStep: string; weightStep: string } {
  const { name, settings } = model.optimizer;
  if (name === 'sgd') {
    return {
      settings: '',
      state: '',
      globals: '',
      count: '',
      biasStep: '(LEARNING_RATE * acc_b[l]) / acc_count',
      weightStep: '(LEARNING_RATE / acc_count) * acc_W[l]',
    };
  }
  const weightCount = model.weights.length;
  const biasCount = model.biases.length;
  // The engines start a fresh state for an optimizer other than the state's.
  const saved = model.optimizer.state?.optimizer === name ? model.optimizer.state : undefined;
  const zeros = (n: number) => new Array<number>(n).fill(0);
  const moment = (which: 1 | 2, of: 'weight' | 'bias') =>
    saved ? saved[`${of}Moment${which}`] : zeros(of === 'weight' ? weightCount : biasCount);
  const stateOf = (variable: string, which: 1 | 2) =>
    `${matrices(`${variable}_W`, moment(which, 'weight'))}\n${vectors(`${variable}_b`, moment(which, 'bias'))}\n${variable} = {"W": ${variable}_W, "b": ${variable}_b}\n`;
  const value = (key: 'momentum' | 'beta1' | 'beta2' | 'epsilon') => py(settings?.[key] ?? DEFAULT_OPTIMIZER[key]);
  const common = {
    count: '',
    globals: '',
    biasStep: 'optimizer_step(acc_b[l] / acc_count, "b", l, np.ones(len(b[l]), dtype=bool))',
    weightStep: 'optimizer_step(acc_W[l] / acc_count, "W", l, ~dead[l])',
  };
  if (name === 'momentum') {
    return {
      ...common,
      settings: `\n# ${t.optimizer}\n# ${t.momentum}\nOPTIMIZER = "momentum"\nMOMENTUM = ${value('momentum')}\n`,
      state: `# ${t.optimizerState}\n${stateOf('velocity', 1)}

def optimizer_step(g, kind, l, live):
    """${t.momentum} ${t.live}"""
    v = velocity[kind][l]
    v[live] = MOMENTUM * v[live] + g[live]
    return LEARNING_RATE * v


`,
    };
  }
  if (name === 'rmsprop') {
    return {
      ...common,
      settings: `\n# ${t.optimizer}\n# ${t.rmsprop}\nOPTIMIZER = "rmsprop"\nRHO = ${py(RMSPROP_RHO)}\nEPSILON = ${value('epsilon')}\n`,
      state: `# ${t.optimizerState}\n${stateOf('mean_square', 2)}

def optimizer_step(g, kind, l, live):
    """${t.rmsprop} ${t.live}"""
    s = mean_square[kind][l]
    s[live] = RHO * s[live] + (1 - RHO) * g[live] * g[live]
    return (LEARNING_RATE * g) / (np.sqrt(s) + EPSILON)


`,
    };
  }
  return {
    ...common,
    settings: `\n# ${t.optimizer}\n# ${t.adam}\n#   ${t.adam2}\nOPTIMIZER = "adam"\nBETA1 = ${value('beta1')}\nBETA2 = ${value('beta2')}\nEPSILON = ${value('epsilon')}\n`,
    state: `# ${t.optimizerState}\n${stateOf('first_moment', 1)}${stateOf('second_moment', 2)}t = ${saved?.steps ?? 0}


def optimizer_step(g, kind, l, live):
    """${t.adam} ${t.adam2} ${t.live}"""
    m = first_moment[kind][l]
    v = second_moment[kind][l]
    m[live] = BETA1 * m[live] + (1 - BETA1) * g[live]
    v[live] = BETA2 * v[live] + (1 - BETA2) * g[live] * g[live]
    return (LEARNING_RATE * (m / (1 - BETA1 ** t))) / (np.sqrt(v / (1 - BETA2 ** t)) + EPSILON)


`,
    globals: ', t',
    count: '    t += 1\n',
  };
}
