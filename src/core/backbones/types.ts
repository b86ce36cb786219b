/** How raw RGB pixels become the backbone's input tensor. */
export interface Preprocessing {
  /** Square input side in pixels the backbone was trained at (it may run at other sizes if convolutional). */
  inputSize: number;
  /** 1 = greyscale (mean of RGB), 3 = RGB. */
  channels: 1 | 3;
  /** Pixel range after scaling: [-1, 1] (MobileNet: x / 127.5 - 1) or [0, 1] (x / 255). */
  range: 'minus-one-to-one' | 'zero-to-one';
  /** Centre square crop before resizing (MobileNet, Teachable Machine) or plain resize. */
  centreCrop: boolean;
  /** Invert intensities (1 - x before scaling), e.g. black-on-white digits into MNIST's white-on-black. */
  invert?: boolean;
}

/**
 * A known backbone. Registry entry: `BACKBONES[id]`. Blocks are the units of freeze depth: block i ends at the
 * layer named `blockOutputs[i]`; freeze depth k means the last k blocks (before the cut) are trainable.
 */
export interface BackboneSpec {
  id: string;
  label: string;
  family: 'digits-vgg' | 'mobilenet-v1' | 'mobilenet-v2';
  /** Public layers-model URL, or an app-relative URL (public/models/…) for a built-in model. */
  modelUrl: string;
  /** Where a built-in model's files were first published (for provenance; never fetched). */
  upstreamUrl?: string;
  preprocessing: Preprocessing;
  /** Layer names that end each block, in order; the last one is the default cut. */
  blockOutputs: string[];
  /** Default cut layer (features are taken here; a new head goes on top). */
  defaultCut: string;
  /** Known facts, shown in the UI; undefined when unknown. ImageNet top-1 as a fraction in [0, 1]. */
  imagenetTop1?: number;
  multiplyAddsMillions?: number;
  parametersMillions?: number;
  licence: string;
  /** True when the weights ship with the app (works offline). */
  builtIn: boolean;
  /**
   * False when the project's tests have no local copy of these files to load: the URL and layer names follow the
   * family's verified models or other projects' code, and if wrong, loading fails with a message naming what is
   * missing. Undefined = the tests load this model.
   */
  verifiedOffline?: boolean;
}
