import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { activateNodeBackend } from '../../testing/node';
import { expectNoLeaks } from '../testing/noLeaks';
import { createConvProbe } from './convProbe';
import {
  chooseBackend,
  measureBackends,
  measuredSpeeds,
  pickFastest,
  type BackendChoice,
  type BackendMeasurement,
  type BackendProbe,
} from './chooseBackend';
import { checkConvTrainingSupport } from './trainingSupport';
import { registerWasmConvGradients, WASM_CONV_GRADIENT_KERNEL_NAMES } from './wasmConvGradients';

/** A fake probe: fixed speeds per backend; trains only when told the backend can. */
function fixedProbe(speeds: Record<string, { forward: number; train: number }>): BackendProbe & { calls: string[] } {
  const calls: string[] = [];
  const probe = async (backend: string, capabilities?: { training: boolean }) => {
    calls.push(backend);
    const s = speeds[backend];
    if (!s) throw new Error(`no speed for ${backend}`);
    return capabilities?.training === false
      ? { forwardImagesPerSecond: s.forward }
      : { forwardImagesPerSecond: s.forward, trainStepsPerSecond: s.train };
  };
  return Object.assign(probe, { calls });
}

function measurement(backend: string, fields: Partial<BackendMeasurement>): BackendMeasurement {
  return {
    backend,
    available: true,
    supportsTraining: true,
    forwardImagesPerSecond: 100,
    trainStepsPerSecond: 10,
    warmupSeconds: 0.1,
    measureSeconds: 0.2,
    ...fields,
  };
}

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  // A CPU backend whose conv filter gradient is missing, and a backend whose initialisation fails.
  tf.registerBackend('cpu-no-conv-grad', () => new MathBackendCPU(), 0);
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    if (kernel.kernelName !== 'Conv2DBackpropFilter') tf.registerKernel({ ...kernel, backendName: 'cpu-no-conv-grad' });
  }
  tf.registerBackend(
    'no-gpu-here',
    () => {
      throw new Error('WebGL is not supported on this device');
    },
    0,
  );
});

afterAll(async () => {
  await tf.setBackend('wasm');
  tf.removeBackend('cpu-no-conv-grad');
  tf.removeBackend('no-gpu-here');
});

describe('checkConvTrainingSupport', () => {
  it('passes on cpu and on wasm with the gradient kernels, fails on wasm without them', async () => {
    await tf.setBackend('cpu');
    expect(checkConvTrainingSupport()).toEqual({ supported: true });
    await tf.setBackend('wasm');
    expect(await expectNoLeaks(() => checkConvTrainingSupport())).toEqual({ supported: true });
    for (const name of WASM_CONV_GRADIENT_KERNEL_NAMES) tf.unregisterKernel(name, 'wasm');
    try {
      const without = checkConvTrainingSupport();
      expect(without.supported).toBe(false);
      expect(without.problem).toMatch(/wasm.*(Conv2DBackpropFilter|DepthwiseConv2dNativeBackprop)/s);
    } finally {
      expect(registerWasmConvGradients()).toHaveLength(3);
    }
    expect(checkConvTrainingSupport()).toEqual({ supported: true });
  });
});

describe('measureBackends', () => {
  it('warms up and measures each backend that initialises, and records why the others could not be used', async () => {
    await tf.setBackend('cpu');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined); // tfjs logs the failed init
    const probe = fixedProbe({
      wasm: { forward: 400, train: 40 },
      cpu: { forward: 50, train: 2 },
      'cpu-no-conv-grad': { forward: 60, train: 3 },
    });
    const measurements = await measureBackends(['wasm', 'cpu', 'no-gpu-here', 'cpu-no-conv-grad'], probe);
    warn.mockRestore();
    expect(tf.getBackend()).toBe('cpu'); // restored
    expect(probe.calls).toEqual(['wasm', 'wasm', 'cpu', 'cpu', 'cpu-no-conv-grad', 'cpu-no-conv-grad']);
    const [wasm, cpu, broken, noGrad] = measurements;
    expect(wasm).toMatchObject({ backend: 'wasm', available: true, supportsTraining: true });
    expect(wasm).toMatchObject({ forwardImagesPerSecond: 400, trainStepsPerSecond: 40 });
    expect(wasm.warmupSeconds).toBeGreaterThanOrEqual(0);
    expect(cpu).toMatchObject({ available: true, supportsTraining: true, trainStepsPerSecond: 2 });
    expect(broken).toMatchObject({ backend: 'no-gpu-here', available: false, forwardImagesPerSecond: 0 });
    expect(broken.problem).toMatch(/setBackend\('no-gpu-here'\) returned false/);
    expect(noGrad).toMatchObject({ available: true, supportsTraining: false, forwardImagesPerSecond: 60 });
    expect(noGrad.trainStepsPerSecond).toBeUndefined();
    expect(noGrad.trainingProblem).toMatch(/Conv2DBackpropFilter/);
  });

  it('records a probe failure and an unknown backend name', async () => {
    const measurements = await measureBackends(['cpu', 'not-a-backend'], fixedProbe({}));
    expect(measurements[0]).toMatchObject({ available: false });
    expect(measurements[0].problem).toMatch(/probe failed on 'cpu': no speed for cpu/);
    expect(measurements[1].problem).toMatch(/not-a-backend/);
  });
});

describe('pickFastest', () => {
  const measurements = [
    measurement('cpu', { forwardImagesPerSecond: 40, trainStepsPerSecond: 2 }),
    measurement('wasm', { forwardImagesPerSecond: 300, trainStepsPerSecond: 30 }),
    measurement('webgl', {
      forwardImagesPerSecond: 900,
      supportsTraining: false,
      trainingProblem: 'no gradients',
      trainStepsPerSecond: undefined,
    }),
    measurement('webgpu', { available: false, problem: 'no adapter', forwardImagesPerSecond: 0 }),
  ];

  it('for training, takes the fastest backend that passed the gradient check', () => {
    const choice = pickFastest(measurements, { training: true });
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toContain('wasm: 30.0 train steps/s, 15.0× cpu (2.0)');
    expect(choice.reason).toContain('webgl cannot train (no gradients)');
    expect(choice.reason).toContain('webgpu unavailable (no adapter)');
  });

  it('for inference, takes the fastest forward pass', () => {
    expect(pickFastest(measurements, { training: false }).backend).toBe('webgl');
  });

  it('throws with every reason when nothing qualifies', () => {
    expect(() => pickFastest(measurements.slice(2), { training: true })).toThrow(
      /no backend can train here: webgl cannot train \(no gradients\); webgpu unavailable \(no adapter\)/,
    );
  });
});

describe('chooseBackend', () => {
  it('measures once, activates the choice, and starts instantly from the cache next time', async () => {
    const store = new Map<string, unknown>();
    const cache = {
      get: (key: string) => store.get(key),
      set: vi.fn((key: string, value: BackendChoice) => void store.set(key, value)),
    };
    const options = { candidates: ['wasm', 'cpu'], needs: { training: true }, cache, deviceKey: 'test-device' };
    await tf.setBackend('cpu');
    const probe = fixedProbe({ wasm: { forward: 400, train: 40 }, cpu: { forward: 50, train: 2 } });
    const first = await chooseBackend({ ...options, probe });
    expect(first).toMatchObject({ backend: 'wasm', fromCache: false, schemaVersion: 1 });
    expect(tf.getBackend()).toBe('wasm');
    expect(cache.set).toHaveBeenCalledTimes(1);
    expect(JSON.parse(JSON.stringify(store.get(first.key)))).toEqual(first);

    await tf.setBackend('cpu');
    const again = fixedProbe({});
    const second = await chooseBackend({ ...options, probe: again });
    expect(again.calls).toEqual([]);
    expect(second).toMatchObject({ backend: 'wasm', fromCache: true, reason: first.reason });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('ignores a cached value of another schema and measures', async () => {
    const cache = { get: () => ({ schemaVersion: 0, backend: 'cpu' }), set: vi.fn() };
    const probe = fixedProbe({ wasm: { forward: 400, train: 40 }, cpu: { forward: 50, train: 2 } });
    const choice = await chooseBackend({ candidates: ['wasm', 'cpu'], needs: { training: false }, cache, probe });
    expect(choice).toMatchObject({ backend: 'wasm', fromCache: false });
    expect(probe.calls).toHaveLength(4);
  });
});

describe('measuredSpeeds', () => {
  it('keeps the available backends, their names and speeds only', () => {
    const speeds = measuredSpeeds([
      measurement('wasm', { forwardImagesPerSecond: 300, trainStepsPerSecond: 30 }),
      measurement('webgl', { forwardImagesPerSecond: 900, supportsTraining: false, trainStepsPerSecond: undefined }),
      measurement('webgpu', { available: false, problem: 'no adapter', forwardImagesPerSecond: 0 }),
    ]);
    expect(speeds).toEqual([
      { backend: 'wasm', forwardImagesPerSecond: 300, trainStepsPerSecond: 30 },
      { backend: 'webgl', forwardImagesPerSecond: 900 },
    ]);
  });
});

describe('createConvProbe', () => {
  it('measures forward images/s and train steps/s on the active backend without leaking', async () => {
    const probe = createConvProbe({ imageSize: 16, batchSize: 4, secondsPerMeasurement: 0.05 });
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const speed = await expectNoLeaks(() => probe(backend, { training: true }));
      expect(speed.forwardImagesPerSecond).toBeGreaterThan(0);
      expect(speed.trainStepsPerSecond).toBeGreaterThan(0);
      expect((await probe(backend, { training: false })).trainStepsPerSecond).toBeUndefined();
    }
  });
});
