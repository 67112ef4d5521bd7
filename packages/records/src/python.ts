/**
 * "Export to Python": one short NumPy script that builds a saved model's
 * network with its weights, biases, dead links and batch in progress, and
 * trains it on with TensorFlow Playground's rule (the reference engine's,
 * packages/engine/src/reference.ts): every training point in order, forward
 * and backward; the gradients summed and applied as their mean every
 * `batchSize` points counted from each epoch's start, an unfinished batch
 * carried over; L1/L2 after the step, L1 killing a weight it pushes across 0.
 * It prints both losses after each epoch, in f64 like the reference engine.
 *
 * The points go into the script as CSV text (not a second download): one
 * file is all a student uploads to Colab or opens in Jupyter, browsers ask
 * before a page downloads two files at once, and a zip needs a library.
 * The script shows how to write them out as CSV files.
 */
import { generatePlaygroundData, splitPlaygroundPoints, type Example2D, type FeatureId } from '@nn/datasets';
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
    train: 'Training: one epoch = every training point once.',
    epochs: 'Epochs to train (change it as you like).',
    start: 'start',
    print: 'The losses after each epoch:',
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
    train: '학습: 한 에포크 = 학습 데이터의 모든 점을 한 번씩.',
    epochs: '학습할 에포크 수(마음대로 바꾸세요).',
    start: '시작',
    print: '에포크마다 손실을 출력합니다:',
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

function csv(points: readonly Example2D[]): string {
  return ['x1,x2,label', ...points.map((p) => `${py(p.x)},${py(p.y)},${py(p.label)}`)].join('\n');
}

/** The script's text. */
export function pythonScript(options: PythonExport): string {
  const { model, lang } = options;
  const epochs = options.epochs ?? 100;
  const t = TEXT[lang];
  const file = pythonFileName(model);
  const { train, test } = modelPoints(model);
  const features = model.network.inputs;
  const sizes = [features.length, ...model.network.hiddenSizes, 1];
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
  const output = ACTIVATION_PY[model.network.outputActivation]!;
  const { settings } = model;
  const regularization = { none: 'None', l1: '"L1"', l2: '"L2"' }[settings.regularization];

  return `# -*- coding: utf-8 -*-
# ${t.title}
# ${t.run.replace('{file}', file)}
#
# ${t.same}
#   ${t.rule1}
#   ${t.rule2}
#   ${t.rule3}
import numpy as np

# ${t.points}
# ${t.csv}
TRAIN_CSV = """${csv(train)}
"""

TEST_CSV = """${csv(test)}
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

# ${t.shape}
LAYER_SIZES = [${sizes.join(', ')}]

# ${t.settings}
LEARNING_RATE = ${py(settings.learningRate)}
BATCH_SIZE = ${settings.batchSize}
REGULARIZATION = ${regularization}
REGULARIZATION_RATE = ${py(settings.regularizationRate)}

# ${t.weights}
${matrices('W', weights)}
${vectors('b', biases)}

# ${t.dead}
${matrices('dead', dead, true)}

# ${t.batch}
${matrices('acc_W', accW)}
${vectors('acc_b', accB)}
acc_count = ${model.batch.count}


def activation(z):
    """${t.activation}"""
    return ${hidden.f}


def activation_derivative(z, out):
    return ${hidden.d}


def output_activation(z):
    """${t.output}"""
    return ${output.f}


def output_derivative(z, out):
    return ${output.d}


def forward(point):
    """${t.forward}"""
    zs, outs = [], [point]
    for l in range(${layers}):
        z = W[l] @ outs[-1] + b[l]
        zs.append(z)
        outs.append(output_activation(z) if l == ${layers - 1} else activation(z))
    return zs, outs


def loss(inputs, labels):
    """${t.loss}"""
    if len(labels) == 0:
        return float("nan")
    total = 0.0
    for point, label in zip(inputs, labels):
        _, outs = forward(point)
        diff = outs[-1][0] - label
        total += 0.5 * diff * diff
    return total / len(labels)


def backward(zs, outs, label):
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


def update():
    """${t.update}"""
    global acc_count
    if acc_count == 0:
        return
    for l in range(${layers}):
        b[l] -= (LEARNING_RATE * acc_b[l]) / acc_count
        acc_b[l][:] = 0.0
        before = W[l]
        stepped = before - (LEARNING_RATE / acc_count) * acc_W[l]
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
