/**
 * tfjs's own implementations that core replaces, kept so a benchmark can run old and new side by side in one process
 * (as `--compare-backprop-input` does for Conv2DBackpropInput). Never imported by product code.
 *
 * - `tfjsBatchNormGradConfig`: tfjs-core 4.22's FusedBatchNorm gradient (src/gradients/FusedBatchNorm_grad.ts,
 *   Apache-2.0, Copyright 2020 Google LLC), copied as published: the tiled 1/√(σ² + ε) that
 *   core/backends/batchNormGradient.ts replaces with a broadcast.
 * - `useTfjsGradients` / `useOurGradients`: switch the registered FusedBatchNorm gradient, the 'relu6' activation and
 *   the BatchNormalization layer class (training mode as one WASM kernel, core/backends/batchNormTraining.ts) and the
 *   Conv2D layer class (core/backends/conv2dLayer.ts) between
 *   tfjs's and ours (activation and class are resolved when a layer is built, so re-create models after switching).
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormGradConfig } from '../src/core/backends/batchNormGradient';
import { FastRelu6, registerRelu6Activation } from '../src/core/backends/relu6Activation';
import { registerBatchNormTraining, tfjsBatchNormalizationEntry } from '../src/core/backends/batchNormTraining';
import { registerConv2DLayer, tfjsConv2DEntry } from '../src/core/backends/conv2dLayer';

export const tfjsBatchNormGradConfig: tf.GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
    const [x, mean, variance, scale] = saved;
    const scaleValue = scale == null ? tf.scalar(1) : scale;
    const reductionAxes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const tileShape: number[] = [];
    if (mean.rank === 1) {
      for (let i = 0; i < x.shape.length - 1; ++i) tileShape.push(x.shape[i]);
      tileShape.push(1);
    }
    const xMinusMean = tf.sub(x, mean);
    const dyTimesScaleValue = tf.mul(dy as tf.Tensor, scaleValue);
    const oneOverSqrtVariance = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
    const minusHalfRCube = tf.mul(
      tf.mul(tf.mul(oneOverSqrtVariance, oneOverSqrtVariance), oneOverSqrtVariance),
      tf.scalar(-0.5),
    );
    const derX = () =>
      mean.rank === 1
        ? tf.reshape(
            tf.mul(
              tf.mul(dy as tf.Tensor, tf.tile(tf.reshape(oneOverSqrtVariance, [1, 1, 1, mean.shape[0]]), tileShape)),
              scaleValue,
            ),
            x.shape,
          )
        : tf.reshape(tf.mul(tf.mul(dy as tf.Tensor, oneOverSqrtVariance), scaleValue), x.shape);
    const reduce = (t: tf.Tensor) => (mean.rank === 1 ? tf.sum(t, reductionAxes) : t);
    return {
      x: derX,
      mean: () => tf.reshape(reduce(tf.mul(tf.mul(oneOverSqrtVariance, tf.scalar(-1)), dyTimesScaleValue)), mean.shape),
      variance: () => tf.reshape(reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean), dyTimesScaleValue)), mean.shape),
      scale: () => tf.reshape(reduce(tf.mul(dy as tf.Tensor, tf.mul(xMinusMean, oneOverSqrtVariance))), mean.shape),
      offset: () => tf.reshape(reduce(dy as tf.Tensor), mean.shape),
    };
  },
};

type ActivationClass = tf.serialization.SerializableConstructor<tf.serialization.Serializable>;
const classNames = () => tf.serialization.SerializationMap.getMap().classNameMap;
/** tfjs-layers' own 'relu6' activation (minimum(6, relu(x))), captured before ours replaces it. */
let tfjsRelu6: [ActivationClass, tf.serialization.FromConfigMethod<tf.serialization.Serializable>] | null = null;

export function useTfjsGradients(): void {
  tf.registerGradient(tfjsBatchNormGradConfig);
  if (tfjsRelu6) classNames()['relu6'] = tfjsRelu6;
  classNames()['BatchNormalization'] = tfjsBatchNormalizationEntry();
  classNames()['Conv2D'] = tfjsConv2DEntry();
}

export function useOurGradients(): void {
  tf.registerGradient(batchNormGradConfig);
  const current = classNames()['relu6'];
  if (current && current[0] !== (FastRelu6 as unknown)) tfjsRelu6 = current;
  registerRelu6Activation();
  registerBatchNormTraining();
  registerConv2DLayer();
}
