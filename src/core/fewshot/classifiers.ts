/**
 * Instant classifiers on embeddings: adding one example updates them in microseconds, with no gradient training,
 * so a webcam classifier predicts from its second capture on and an episode evaluation runs 600 episodes in
 * seconds. Pure numbers (no tfjs): vectors are the backbone's pooled features, one Float32Array per image.
 *
 * - 'prototype-cosine' / 'prototype-euclidean': nearest class mean (Snell, Swersky & Zemel 2017, "Prototypical
 *   networks"). Euclidean: score −‖x − c‖² on raw embeddings, probabilities softmax(score) as in the paper. Cosine:
 *   the mean of the unit-length embeddings, score cos(x, c), probabilities softmax(10 · cos) (the fixed scale of
 *   cosine classifiers, e.g. Chen et al. 2019, "A closer look at few-shot classification").
 * - 'knn': k nearest neighbours by cosine (k = 3, as ml5's KNN classifier; fewer when fewer examples exist), each
 *   neighbour voting with weight exp(10 · (cos − cos of the nearest)), so a plain majority decides when the
 *   neighbours are about equally near and the nearest wins ties. Probability = the class's share of the weight.
 * - 'ridge': a linear head in closed form, ridge regression of one-hot targets on unit-length embeddings plus a
 *   constant (the bias), solved in the dual because examples ≪ dimensions (Bertinetto et al. 2019, "Meta-learning
 *   with differentiable closed-form solvers"): α = (K + λI)⁻¹ Y with K = XXᵀ, score(x) = (x·Xᵀ) α, λ = 0.1.
 *   Probabilities softmax(10 · score). Refitted lazily at the next prediction after examples were added.
 *
 * Labels are 0-based class indices; the class count is the highest label seen + 1, and classes without examples
 * get probability 0 and are never predicted. `probabilities` sums to 1 over the classes with examples.
 */
import { solveSpd } from '../math/linearSolve';
import { argmaxPresent, dot, l2Normalised, softmax, squaredDistance } from './vectors';

export const FEWSHOT_METHOD_IDS = ['prototype-cosine', 'prototype-euclidean', 'knn', 'ridge'] as const;
export type FewShotMethodId = (typeof FEWSHOT_METHOD_IDS)[number];

export interface FewShotPrediction {
  /** Predicted class index; -1 when no class has an example yet. */
  label: number;
  /** Per class (index = label), 0 for classes without examples; sums to 1 over the others. */
  probabilities: number[];
  /** The method's raw per-class score, higher = closer (cosine, −squared distance, votes, ridge output). */
  scores: number[];
}

export interface FewShotClassifier {
  readonly method: FewShotMethodId;
  /** Examples per class so far (index = label). */
  counts(): number[];
  /** Adds one example. The vector is copied (or normalised into a copy), never kept by reference. */
  add(vector: Float32Array, label: number): void;
  predict(vector: Float32Array): FewShotPrediction;
}

export interface ClassifierOptions {
  /** Neighbours for 'knn' (default 3). */
  k?: number;
  /** Ridge λ for 'ridge' (default 0.1). */
  lambda?: number;
}

/** The registry: one constructor per method (an unknown id throws, listing the valid ones). */
const FACTORIES: Record<FewShotMethodId, (options: ClassifierOptions) => FewShotClassifier> = {
  'prototype-cosine': () => new PrototypeClassifier('cosine'),
  'prototype-euclidean': () => new PrototypeClassifier('euclidean'),
  knn: (options) => new KnnClassifier(options.k ?? 3),
  ridge: (options) => new RidgeClassifier(options.lambda ?? 0.1),
};

export function isFewShotMethod(id: string): id is FewShotMethodId {
  return (FEWSHOT_METHOD_IDS as readonly string[]).includes(id);
}

export function createClassifier(method: string, options: ClassifierOptions = {}): FewShotClassifier {
  if (!isFewShotMethod(method)) {
    throw new RangeError(`unknown few-shot method "${method}"; valid: ${FEWSHOT_METHOD_IDS.join(', ')}`);
  }
  return FACTORIES[method](options);
}

/** Temperature of the cosine and ridge softmaxes (see the file comment). */
const COSINE_SCALE = 10;

function checkLabel(label: number): void {
  if (!Number.isInteger(label) || label < 0) throw new RangeError(`label must be a class index ≥ 0, got ${label}`);
}

function noPrediction(classCount: number): FewShotPrediction {
  return {
    label: -1,
    probabilities: new Array<number>(classCount).fill(0),
    scores: new Array<number>(classCount).fill(0),
  };
}

class PrototypeClassifier implements FewShotClassifier {
  readonly method: FewShotMethodId;
  private readonly sums: Float64Array[] = [];
  private readonly n: number[] = [];
  /** Class means (unit length for cosine), recomputed lazily after an add. */
  private centres: (Float32Array | null)[] | null = null;

  constructor(private readonly metric: 'cosine' | 'euclidean') {
    this.method = metric === 'cosine' ? 'prototype-cosine' : 'prototype-euclidean';
  }

  counts(): number[] {
    return [...this.n];
  }

  add(vector: Float32Array, label: number): void {
    checkLabel(label);
    while (this.n.length <= label) {
      this.n.push(0);
      this.sums.push(new Float64Array(vector.length));
    }
    const v = this.metric === 'cosine' ? l2Normalised(vector) : vector;
    const sum = this.sums[label];
    if (sum.length !== v.length) throw new RangeError(`vector has ${v.length} values, earlier ones ${sum.length}`);
    for (let i = 0; i < v.length; i++) sum[i] += v[i];
    this.n[label] += 1;
    this.centres = null;
  }

  predict(vector: Float32Array): FewShotPrediction {
    const present = this.n.map((c) => c > 0);
    if (!present.some(Boolean)) return noPrediction(this.n.length);
    const query = this.metric === 'cosine' ? l2Normalised(vector) : vector;
    this.centres ??= this.sums.map((sum, c) => {
      if (!present[c]) return null;
      const centre = Float32Array.from(sum, (s) => s / this.n[c]);
      return this.metric === 'cosine' ? l2Normalised(centre) : centre;
    });
    const scores = this.centres.map((centre) => {
      if (!centre) return 0;
      return this.metric === 'cosine' ? dot(query, centre) : -squaredDistance(query, centre);
    });
    const probabilities = softmax(scores, this.metric === 'cosine' ? COSINE_SCALE : 1, present);
    return { label: argmaxPresent(scores, present), probabilities, scores };
  }
}

/** Keeps every added example as a unit vector with its label, and the count per class (kNN and ridge). */
abstract class ExampleKeeper {
  protected readonly vectors: Float32Array[] = [];
  protected readonly labels: number[] = [];
  protected readonly n: number[] = [];

  counts(): number[] {
    return [...this.n];
  }

  add(vector: Float32Array, label: number): void {
    checkLabel(label);
    while (this.n.length <= label) this.n.push(0);
    this.vectors.push(l2Normalised(vector));
    this.labels.push(label);
    this.n[label] += 1;
  }
}

class KnnClassifier extends ExampleKeeper implements FewShotClassifier {
  readonly method = 'knn' as const;

  constructor(private readonly k: number) {
    super();
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  }

  predict(vector: Float32Array): FewShotPrediction {
    const classCount = this.n.length;
    if (this.vectors.length === 0) return noPrediction(classCount);
    const query = l2Normalised(vector);
    const order = this.vectors
      .map((v, i) => ({ similarity: dot(query, v), label: this.labels[i] }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, Math.min(this.k, this.vectors.length));
    const nearest = order[0].similarity;
    const votes = new Array<number>(classCount).fill(0);
    for (const { label, similarity } of order) votes[label] += Math.exp(COSINE_SCALE * (similarity - nearest));
    const total = votes.reduce((a, b) => a + b, 0);
    const present = this.n.map((c) => c > 0);
    return { label: argmaxPresent(votes, present), probabilities: votes.map((v) => v / total), scores: votes };
  }
}

class RidgeClassifier extends ExampleKeeper implements FewShotClassifier {
  readonly method = 'ridge' as const;
  /** (K + λI)⁻¹ Y, examples × classes, row-major; null when examples were added since the last fit. */
  private alpha: Float64Array | null = null;

  constructor(private readonly lambda: number) {
    super();
    if (!(lambda > 0)) throw new RangeError(`ridge λ must be > 0, got ${lambda}`);
  }

  override add(vector: Float32Array, label: number): void {
    super.add(vector, label);
    this.alpha = null;
  }

  /** Kernel of two unit vectors with the constant bias feature: x·y + 1. */
  private kernel(a: Float32Array, b: Float32Array): number {
    return dot(a, b) + 1;
  }

  private fit(): Float64Array {
    const n = this.vectors.length;
    const m = this.n.length;
    const gram = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const value = this.kernel(this.vectors[i], this.vectors[j]);
        gram[i * n + j] = value;
        gram[j * n + i] = value;
      }
      gram[i * n + i] += this.lambda;
    }
    const targets = new Float64Array(n * m);
    this.labels.forEach((label, i) => (targets[i * m + label] = 1));
    return solveSpd(gram, targets, n, m);
  }

  predict(vector: Float32Array): FewShotPrediction {
    const m = this.n.length;
    if (this.vectors.length === 0) return noPrediction(m);
    this.alpha ??= this.fit();
    const query = l2Normalised(vector);
    const scores = new Array<number>(m).fill(0);
    this.vectors.forEach((v, i) => {
      const kq = this.kernel(query, v);
      for (let c = 0; c < m; c++) scores[c] += kq * this.alpha![i * m + c];
    });
    const present = this.n.map((c) => c > 0);
    return { label: argmaxPresent(scores, present), probabilities: softmax(scores, COSINE_SCALE, present), scores };
  }
}
